// Analysts: worker threads that answer the long read-only calls (scoring, the what-if, the board and its pack), each
// on its own read-only connection to the register (see readerAddress in connection.ts), so that short calls on the
// register's connection are answered while they run. A call whose answer is no longer wanted is cancelled: its thread
// is ended at once (SQLite and the scoring cannot be stopped half-way otherwise) and a fresh one takes its place.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CANCELLED, type Envelope } from './contract';

/** The calls analysts answer: long, and reading nothing but the register. */
export const ANALYTIC_METHODS: ReadonlySet<string> = new Set(['scoring.portfolio', 'scoring.vendor', 'reviews.whatIf', 'board.summary', 'board.pack', 'scenarios.run', 'scenarios.get', 'scenarios.brief']);

/**
 * Not a method of the contract: asks an analyst to copy the register's log into its file (a PASSIVE checkpoint on a
 * connection of its own), beside the register's connection. Its argument is a shared flag (LOG_COPY states): the
 * register's connection must not close while the copy runs (a checkpoint it would start then fails as busy), and a copy
 * not yet begun is called off by setting the flag first.
 */
export const COPY_LOG = 'register.copyLog';
export const LOG_COPY = { waiting: 0, copying: 1, ended: 2 } as const;

/** What each analyst is started with. */
export interface AnalystData {
  address: string;
  filePath: string;
  backupRoot: string;
  actor: string;
  nativeBinding?: string;
}

export interface AnalystTask {
  id: number;
  method: string;
  args: unknown;
}

export interface AnalystReply {
  id: number;
  envelope: Envelope<unknown>;
}

export interface Analysts {
  /** Answers `method` on an analyst; with `signal` aborted first, it answers CONFLICT (details.cancelled) at once. */
  run(method: string, args: unknown, signal?: AbortSignal): Promise<Envelope<unknown>>;
  /** Calls being answered now (not those waiting for an analyst). */
  running(): number;
  /** Threads started and not ended. */
  threads(): number;
  /** Ends the threads answering nothing, with the facts they keep (see db/facts.ts): before a large write, which makes
   * those facts stale, so that they are not held (a hundred megabytes at 300,000 vendors) through it for nothing. */
  rest(): void;
  /** Ends every analyst; calls still waiting or running answer as cancelled. */
  close(): Promise<void>;
}

/** The entry of an analyst thread when running from the sources; the app's bundle passes its own (db-analyst.cjs). */
const sourceEntry = () => fileURLToPath(new URL('./analyst-worker.ts', import.meta.url));

function startThread(entry: string, data: AnalystData): Worker {
  // From the sources (tests, the preview) the entry is TypeScript, compiled in the thread by tsx (found from here, not
  // from the folder the program was started in).
  if (entry.endsWith('.ts')) {
    const tsx = import.meta.resolve('tsx/esm/api');
    return new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); })`, { eval: true, workerData: data });
  }
  return new Worker(entry, { workerData: data });
}

interface Pending {
  task: AnalystTask;
  resolve(envelope: Envelope<unknown>): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export function createAnalysts(data: AnalystData, { entry = sourceEntry(), size = 2 }: { entry?: string; size?: number } = {}): Analysts {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending>();
  /** Threads alive and counted: one ended on purpose is forgotten first, so its exit is not taken for a failure. */
  const alive = new Set<Worker>();
  const waiting: Pending[] = [];
  let threads = 0;
  let nextId = 1;
  let closed = false;

  const settle = (pending: Pending, envelope: Envelope<unknown>) => {
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    pending.resolve(envelope);
  };

  /** Ends a thread (cancelled, failed or closing) and lets a waiting call start on a fresh one. */
  const retire = (worker: Worker) => {
    busy.delete(worker);
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    threads--;
    void worker.terminate();
    next();
  };

  const spawn = (): Worker => {
    const worker = startThread(entry, data);
    threads++;
    worker.on('message', ({ id, envelope }: AnalystReply) => {
      const pending = busy.get(worker);
      if (!pending || pending.task.id !== id) return;
      busy.delete(worker);
      idle.push(worker);
      settle(pending, envelope);
      next();
    });
    const fail = (message: string) => {
      if (!alive.delete(worker)) return;
      const pending = busy.get(worker);
      retire(worker);
      if (pending) settle(pending, { ok: false, error: { code: 'INTERNAL', message } });
    };
    worker.on('error', (error) => fail(`The analysis failed: ${error.message}`));
    worker.on('exit', (code) => fail(`The analysis stopped unexpectedly (exit code ${code}).`));
    alive.add(worker);
    return worker;
  };

  const next = () => {
    while (!closed && waiting.length > 0 && (idle.length > 0 || threads < size)) {
      const pending = waiting.shift()!;
      const worker = idle.pop() ?? spawn();
      busy.set(worker, pending);
      worker.postMessage(pending.task);
    }
  };

  /** Ends a thread on purpose (its exit is then not taken for a failure). */
  const end = (worker: Worker) => {
    alive.delete(worker);
    retire(worker);
  };

  const cancel = (pending: Pending) => {
    const at = waiting.indexOf(pending);
    if (at >= 0) waiting.splice(at, 1);
    const worker = [...busy].find(([, running]) => running === pending)?.[0];
    if (worker) end(worker);
    settle(pending, CANCELLED);
  };

  return {
    run(method, args, signal) {
      if (closed || signal?.aborted) return Promise.resolve(CANCELLED);
      return new Promise((resolve) => {
        const pending: Pending = { task: { id: nextId++, method, args }, resolve, signal };
        if (signal) {
          pending.onAbort = () => cancel(pending);
          signal.addEventListener('abort', pending.onAbort, { once: true });
        }
        waiting.push(pending);
        next();
      });
    },
    running: () => busy.size,
    threads: () => threads,
    rest() {
      for (const worker of [...idle]) end(worker);
    },
    async close() {
      closed = true;
      for (const pending of waiting.splice(0)) settle(pending, CANCELLED);
      const workers = [...idle, ...busy.keys()];
      for (const [, pending] of busy) settle(pending, CANCELLED);
      busy.clear();
      idle.length = 0;
      alive.clear();
      threads = 0;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
