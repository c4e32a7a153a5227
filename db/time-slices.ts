// Loops of small steps in a job, sliced by time: each slice holds the process about the same, whatever its steps cost.

/** The longest a loop of small steps (rows, ranges of vendors) runs between two yields to the event loop. */
export const SLICE_MS = 25;

/**
 * Slices a loop of small steps by time rather than by count: steps vary (a slice of 2,000 rows held the process 20 ms
 * for holdings, 60-75 ms for vendors; the first range of a recompute three times the next). `due` says when the
 * loop has run SLICE_MS since it last yielded; `pause` yields (through the job's `checkpoint`).
 */
export function timeSlices(checkpoint: () => Promise<void>): { due(): boolean; pause(): Promise<void> } {
  let since = performance.now();
  return {
    due: () => performance.now() - since >= SLICE_MS,
    async pause() {
      await checkpoint();
      since = performance.now();
    },
  };
}
