// Child process for the kill tests: repeats one write path on a register until it is killed with SIGKILL, after
// printing "ready" once the first write has begun. Modes: vendors, holdings, backup, restore, migration, snapshot.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupList, JobStatus, VendorPage } from '../../../db/contract';
import { closeRegister, openRegister } from '../../../db/connection';
import { takeDailySnapshotIfDue } from '../../../db/scoring';
import { createRegisterService } from '../../../db/service';

const [mode, registerPath, backupDir, template] = process.argv.slice(2) as [string, string, string, string?];
let announced = false;
const ready = () => {
  if (!announced) process.stdout.write('ready\n');
  announced = true;
};

function serviceOn(file: string) {
  const service = createRegisterService({ actor: 'kill-test', backupDir });
  service.open(file);
  const call = <T>(method: string, args: unknown): T => {
    const result = service.call(method, args);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return result.value as T;
  };
  const run = async (method: string, args: unknown): Promise<void> => {
    const { jobId } = call<{ jobId: string }>(method, args);
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      const status = call<JobStatus>('jobs.status', { jobId });
      if (status.state === 'done') return;
      if (status.state !== 'running') throw new Error(`${method}: ${status.error?.message ?? status.state}`);
    }
  };
  return { service, call, run };
}

if (mode === 'vendors') {
  const { call } = serviceOn(registerPath);
  for (let i = 0; ; i++) {
    ready();
    const created = call<{ id: number; version: number }>('vendors.create', { vendor: { name: `Killed vendor ${process.pid}-${i}`, serviceType: 'other', status: 'active', tier: 3, notes: 'n'.repeat(800) } });
    call('vendors.update', { id: created.id, version: created.version, vendor: { name: `Killed vendor ${process.pid}-${i} (edited)`, serviceType: 'other', status: 'under_review', tier: 2, notes: 'e'.repeat(900) } });
  }
} else if (mode === 'holdings') {
  const { call } = serviceOn(registerPath);
  const vendorId = call<VendorPage>('vendors.list', { limit: 1 }).rows[0]!.id;
  const categories = call<{ id: number }[]>('categories.list', {});
  // A holding left by the killed run would block creating the same one again: start from none.
  for (const { id } of call<{ rows: { id: number }[] }>('holdings.list', { vendorId }).rows) call('holdings.delete', { id });
  for (let i = 0; ; i++) {
    ready();
    const categoryId = categories[i % categories.length]!.id;
    const holding = call<{ id: number }>('holdings.save', { holding: { vendorId, categoryId, records: 1000 + i, storageCountry: 'AU' } });
    call('holdings.save', { id: holding.id, holding: { vendorId, categoryId, records: 2000 + i, storageCountry: 'AU', encrypted: true } });
    call('holdings.delete', { id: holding.id });
  }
} else if (mode === 'backup') {
  const { run } = serviceOn(registerPath);
  for (;;) {
    ready();
    await run('backups.take', {});
  }
} else if (mode === 'restore') {
  const { call, run } = serviceOn(registerPath);
  // Every backup in the folder holds one of the test's two states; rotation removes the oldest as restores add more.
  for (let i = 0; ; i++) {
    ready();
    const backups = call<BackupList>('backups.list', {}).backups;
    await run('backups.restore', { fileName: backups[i % Math.min(4, backups.length)]!.fileName });
  }
} else if (mode === 'migration') {
  // A fresh copy of an old-format register, moved into place whole, then upgraded on opening; again and again.
  for (let i = 0; ; i++) {
    const staged = `${registerPath}.staged`;
    fs.copyFileSync(template!, staged);
    fs.renameSync(staged, registerPath);
    ready();
    const opened = openRegister(registerPath, { backupDir });
    closeRegister(opened.db);
    for (const name of fs.readdirSync(backupDir)) if (name.includes('before upgrade')) fs.rmSync(path.join(backupDir, name));
  }
} else if (mode === 'snapshot') {
  const { db } = openRegister(registerPath, { backupDir });
  const day = 24 * 60 * 60 * 1000;
  const start = Date.parse('2030-01-01T12:00:00Z');
  const insertChange = db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES (?, 'kill-test', 'vendor', 1, 'update')");
  for (let i = 0; ; i++) {
    const now = new Date(start + i * day);
    insertChange.run(now.toISOString());
    ready();
    takeDailySnapshotIfDue(db, now);
  }
}
