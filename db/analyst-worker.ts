// A worker thread answering the register's long read-only calls (see analyst.ts), each on a read-only connection of
// its own that reads one snapshot of the register: calls made meanwhile on the register's connection never wait for
// it. The connection lives only as long as the call, so an idle analyst holds nothing open when the register closes;
// the register's facts are kept between calls (db/facts.ts) and brought up to date from what changed since.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { createJobs } from './jobs';
import { keepFacts, type FactsKeeper } from './facts';
import { COPY_LOG, LOG_COPY, type AnalystData, type AnalystReply, type AnalystTask } from './analyst';

const data = workerData as AnalystData;
const keeper: FactsKeeper = { kept: null };

/** Copies the register's log into its file (see COPY_LOG), unless the copy was called off first. */
function copyLog(flag: Int32Array): AnalystReply['envelope'] {
  if (Atomics.compareExchange(flag, 0, LOG_COPY.waiting, LOG_COPY.copying) !== LOG_COPY.waiting) return { ok: true, value: null };
  try {
    const db = new Database(data.address, { fileMustExist: true, nativeBinding: data.nativeBinding });
    try {
      return { ok: true, value: db.pragma('wal_checkpoint(PASSIVE)') };
    } finally {
      db.close();
    }
  } catch (error) {
    return { ok: false, error: { code: 'INTERNAL', message: `The register's log was not copied into its file: ${error instanceof Error ? error.message : String(error)}` } };
  } finally {
    Atomics.store(flag, 0, LOG_COPY.ended);
    Atomics.notify(flag, 0);
  }
}

parentPort!.on('message', ({ id, method, args }: AnalystTask) => {
  if (method === COPY_LOG) {
    parentPort!.postMessage({ id, envelope: copyLog(args as Int32Array) } satisfies AnalystReply);
    return;
  }
  const db = new Database(data.address, { readonly: true, fileMustExist: true, nativeBinding: data.nativeBinding });
  try {
    keepFacts(db, keeper);
    const handlers = createHandlers(db, {
      actor: data.actor,
      filePath: data.filePath,
      backupRoot: data.backupRoot,
      now: () => new Date().toISOString(),
      jobs: createJobs(),
      nativeBinding: data.nativeBinding,
      replaceRegister: () => {
        throw new Error('A register is restored on its own connection, not by an analyst.');
      },
    });
    // One read transaction: every query of the call reads the register as it was when the call began.
    db.exec('BEGIN');
    parentPort!.postMessage({ id, envelope: dispatch(handlers, method, args) } satisfies AnalystReply);
  } finally {
    db.close();
  }
});
