// Long work as jobs: started by a call that returns at once, run in slices that yield to the event loop (so progress
// and cancel requests are answered between slices), and polled by the page.
import { randomUUID } from 'node:crypto';
import { ApiError, type ApiErrorData, type JobStatus } from './contract';
import { errorData } from './dispatch';

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled.');
  }
}

export interface JobControl {
  progress(phase: string, done: number, total: number): void;
  /** Yields to the event loop; throws JobCancelled when the job was cancelled meanwhile. */
  checkpoint(): Promise<void>;
  /** Waits until no backup is being copied (before opening a write transaction). */
  afterBackups(): Promise<void>;
}

export interface Jobs {
  /** `exclusive`: the job holds the register to itself; `backup`: it copies the register (see afterBackups);
   * `importing`: it reads or writes an import's file (see afterImports). */
  start(run: (job: JobControl) => Promise<unknown>, options?: { exclusive?: boolean; backup?: boolean; importing?: boolean }): string;
  status(jobId: string): JobStatus;
  cancel(jobId: string): JobStatus;
  /** True while a job that holds the register to itself (an import being written) is running. */
  exclusive(): boolean;
  /** Resolves when no backup is being copied: a copy taken during an open write transaction could include its rows. */
  afterBackups(): Promise<void>;
  /** Resolves when no job that holds the register to itself is running. */
  afterExclusive(): Promise<void>;
  /** True while an import's file is being read, checked or written (each holds memory in proportion to the file). */
  importing(): boolean;
  /** Resolves when the imports' jobs running now have ended. */
  afterImports(): Promise<void>;
  /** The register is closing: every running job ends as cancelled (quietly, whatever it meets next). */
  cancelAll(): void;
}

const KEEP_FINISHED = 20;

export function createJobs(): Jobs {
  const jobs = new Map<string, JobStatus & { cancelRequested: boolean; exclusive: boolean; backup: boolean; importing: boolean; ended: Promise<void> }>();

  const prune = () => {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(job.jobId);
  };

  const find = (jobId: string) => {
    const job = jobs.get(jobId);
    if (!job) throw new ApiError('NOT_FOUND', 'That task is no longer known: it finished long ago, or the register was closed.');
    return job;
  };

  const running = (kind: 'backup' | 'exclusive' | 'importing') => [...jobs.values()].filter((j) => j[kind] && j.state === 'running');
  const after = (kind: 'backup' | 'exclusive' | 'importing') => async () => {
    await Promise.all(running(kind).map((j) => j.ended));
  };
  const afterBackups = after('backup');

  const exclusiveRunning = () => running('exclusive').length > 0;

  const publicStatus = ({ jobId, state, phase, done, total, result, error }: JobStatus): JobStatus => ({ jobId, state, phase, done, total, result, error });

  return {
    start(run, { exclusive = false, backup = false, importing = false } = {}) {
      if (exclusive && exclusiveRunning()) throw new ApiError('CONFLICT', 'An import is being written to the register. Wait for it to finish, or cancel it.');
      const jobId = randomUUID();
      const job = { jobId, state: 'running' as JobStatus['state'], phase: 'Starting', done: 0, total: 0, result: null as unknown, error: null as ApiErrorData | null, cancelRequested: false, exclusive, backup, importing, ended: Promise.resolve() };
      const control: JobControl = {
        progress(phase, done, total) {
          Object.assign(job, { phase, done, total });
        },
        async checkpoint() {
          await new Promise((resolve) => setImmediate(resolve));
          if (job.cancelRequested) throw new JobCancelled();
        },
        afterBackups,
      };
      // Backups run one after another: two copies written at once would race for the same file name.
      const earlierBackups = backup ? running('backup').map((j) => j.ended) : [];
      jobs.set(jobId, job);
      job.ended = (async () => {
        try {
          await Promise.all(earlierBackups);
          await control.checkpoint();
          job.result = await run(control);
          job.state = 'done';
        } catch (error) {
          if (error instanceof JobCancelled || job.cancelRequested) job.state = 'cancelled';
          else {
            job.state = 'failed';
            job.error = errorData(error, 'a task');
          }
        } finally {
          prune();
        }
      })();
      return jobId;
    },
    status: (jobId) => publicStatus(find(jobId)),
    cancel(jobId) {
      const job = find(jobId);
      if (job.state === 'running') job.cancelRequested = true;
      return publicStatus(job);
    },
    exclusive: exclusiveRunning,
    afterBackups,
    afterExclusive: after('exclusive'),
    importing: () => running('importing').length > 0,
    afterImports: after('importing'),
    cancelAll() {
      for (const job of jobs.values()) if (job.state === 'running') job.cancelRequested = true;
    },
  };
}
