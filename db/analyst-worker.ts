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
import type { AnalystData, AnalystReply, AnalystTask } from './analyst';

const data = workerData as AnalystData;
const keeper: FactsKeeper = { kept: null };

parentPort!.on('message', ({ id, method, args }: AnalystTask) => {
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
