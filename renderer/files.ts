// Files in and out of the page, and the long tasks (jobs) that make them: a download is saved where the user chooses
// (the app asks; a browser saves to Downloads) and the user is told where, and a job is polled until it ends, with
// progress and cancel.
import type { Api, ExportedFile, JobStarted, JobStatus } from '../db/contract';

/**
 * Saves a file the page made and says where it went: the app asks where to save it (Documents by default); a browser
 * saves it to its downloads folder. Null when the user cancelled.
 */
export async function download(blob: Blob, fileName: string): Promise<string | null> {
  const commands = window.vrr?.commands;
  if (commands) {
    const saved = await commands.saveFile(await readAsBase64(blob), fileName);
    return saved && `Saved “${fileName}” to ${saved}.`;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  return `Downloaded “${fileName}”: your browser saved it in its downloads folder.`;
}

export function downloadExported(file: ExportedFile): Promise<string | null> {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return download(new Blob([bytes], { type: file.mimeType }), file.fileName);
}

/** A file's bytes as base64, read by the browser itself (fast for files of many megabytes). */
export function readAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

export class JobEnded extends Error {
  constructor(readonly status: JobStatus) {
    super(status.error?.message ?? (status.state === 'cancelled' ? 'Cancelled.' : 'The task failed.'));
  }
}

export interface RunningJob<T> {
  jobId: Promise<string>;
  result: Promise<T>;
  cancel(): void;
}

const POLL_MS = 120;

/** Starts a job and polls it; `onProgress` sees every status. The result rejects with JobEnded when cancelled or failed. */
export function runJob<T>(api: Api, start: () => Promise<JobStarted>, onProgress?: (status: JobStatus) => void): RunningJob<T> {
  let cancelRequested = false;
  const jobId = start().then((s) => s.jobId);
  const result = jobId.then(async (id) => {
    for (;;) {
      const status = await api.jobs.status({ jobId: id });
      onProgress?.(status);
      if (status.state === 'done') return status.result as T;
      if (status.state !== 'running') throw new JobEnded(status);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  });
  return {
    jobId,
    result,
    cancel() {
      if (cancelRequested) return;
      cancelRequested = true;
      void jobId.then((id) => api.jobs.cancel({ jobId: id }));
    },
  };
}
