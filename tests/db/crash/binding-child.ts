// Child process for the native-binding test: does everything the register process does (create, open, back up,
// restore, check a pending log) with the given better-sqlite3 binary, then lists the better-sqlite3 binaries loaded.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, JobStatus } from '../../../db/contract';
import { openRegister } from '../../../db/connection';
import { createRegisterService } from '../../../db/service';

const [nativeBinding, dir] = process.argv.slice(2) as [string, string];
const service = createRegisterService({ actor: 'binding-test', backupDir: path.join(dir, 'Backups'), nativeBinding });

function call<T>(method: string, args: unknown): T {
  const result = service.call(method, args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function run<T>(method: string, args: unknown): Promise<T> {
  const { jobId } = call<{ jobId: string }>(method, args);
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const status = call<JobStatus>('jobs.status', { jobId });
    if (status.state === 'done') return status.result as T;
    if (status.state !== 'running') throw new Error(status.error?.message ?? status.state);
  }
}

const file = path.join(dir, 'Bound.vrr');
service.open(file, { create: true });
await service.integrityChecked();
call('vendors.create', { vendor: { name: 'Bound vendor', serviceType: 'other', status: 'active', tier: 3 } });
const backup = await run<BackupFile>('backups.take', {});
await run('backups.restore', { fileName: backup.fileName });
service.close();
// A log waiting beside the file is checked on a copy before the register opens.
const opened = openRegister(file, { nativeBinding });
opened.db.pragma('wal_autocheckpoint = 0');
opened.db.exec("UPDATE vendors SET notes = 'logged'");
fs.copyFileSync(`${file}-wal`, path.join(dir, 'log'));
opened.db.close();
fs.copyFileSync(path.join(dir, 'log'), `${file}-wal`);
openRegister(file, { nativeBinding }).db.close();

const loaded = fs
  .readFileSync('/proc/self/maps', 'utf8')
  .split('\n')
  .map((line) => line.split(/\s+/).slice(5).join(' '))
  .filter((name) => name.endsWith('.node'));
process.stdout.write(`${JSON.stringify([...new Set(loaded)])}\n`);
