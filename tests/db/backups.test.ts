import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupFile, BackupList, ExportedFile, RegisterInfo, VendorPage } from '../../db/contract';
import { createRegisterService } from '../../db/service';
import { MIGRATIONS } from '../../db/migrations';
import { job, ok, tempDir, vendor } from './helpers';

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('backups', () => {
  it('takes a daily backup on opening, keeps the newest N, and restores one atomically', async () => {
    const dir = tempDir();
    const backupRoot = path.join(dir, 'user-data', 'Backups');
    const service = createRegisterService({ actor: 'tester', backupDir: backupRoot });
    const file = path.join(dir, 'Risk.vrr');
    try {
      const info = service.open(file, { create: true });
      await until(() => ok<BackupList>(service, 'backups.list', {}).backups.length === 1);
      const list = ok<BackupList>(service, 'backups.list', {});
      expect(list.folder).toBe(path.join(backupRoot, `Risk (${info.id.slice(0, 8)})`));
      expect(list.settings).toEqual({ daily: true, keep: 10 });
      expect(list.backups).toEqual([expect.objectContaining({ reason: 'daily', fileName: expect.stringMatching(/^Risk \d{4}-\d{2}-\d{2} \d{6} daily\.vrr$/) })]);

      // The state to come back to: one vendor, backed up by hand.
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Kept' }) });
      const manual = await job<BackupFile>(service, 'backups.take', {});
      expect(manual.reason).toBe('manual');
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Added after the backup' }) });

      expect(service.call('backups.updateSettings', { daily: true, keep: 0 })).toMatchObject({ ok: false, error: { details: { fields: { keep: expect.stringMatching(/at least one/) } } } });
      ok(service, 'backups.updateSettings', { daily: true, keep: 3 });
      for (let i = 0; i < 2; i++) await job(service, 'backups.take', {});
      const kept = ok<BackupList>(service, 'backups.list', {}).backups;
      expect(kept).toHaveLength(3);
      expect(kept.at(-1)!.fileName).toBe(manual.fileName);
      expect(kept.some((b) => b.reason === 'daily')).toBe(false);
      expect(fs.readdirSync(list.folder)).toHaveLength(3);

      // Restoring needs a backup from the list: anything else is refused before any work starts.
      expect(service.call('backups.restore', { fileName: '../Risk.vrr' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      ok(service, 'backups.updateSettings', { daily: true, keep: 10 });
      const restored = await job<RegisterInfo>(service, 'backups.restore', { fileName: manual.fileName });
      expect(restored).toMatchObject({ id: info.id, path: path.resolve(file) });
      expect(ok<VendorPage>(service, 'vendors.list', {}).rows.map((r) => r.name)).toEqual(['Kept']);

      // The restore backed up the state it replaced, so it can be undone.
      const undo = ok<BackupList>(service, 'backups.list', {}).backups.find((b) => b.reason === 'before-restore')!;
      await job(service, 'backups.restore', { fileName: undo.fileName });
      expect(ok<VendorPage>(service, 'vendors.list', {}).rows.map((r) => r.name)).toEqual(['Added after the backup', 'Kept']);
      expect(fs.readdirSync(dir).filter((f) => f.includes('.restoring'))).toEqual([]);
    } finally {
      service.close();
    }
  });

  it('refuses to restore a damaged backup and leaves the register as it was', async () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, 'Risk.vrr'), { create: true });
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Still here' }) });
      const backup = await job<BackupFile>(service, 'backups.take', {});
      const folder = ok<BackupList>(service, 'backups.list', {}).folder;
      fs.writeFileSync(path.join(folder, backup.fileName), 'not a database');
      await expect(job(service, 'backups.restore', { fileName: backup.fileName })).rejects.toThrow(/cannot be restored, and the register was left as it was/);
      expect(ok<VendorPage>(service, 'vendors.list', {}).rows.map((r) => r.name)).toEqual(['Still here']);
    } finally {
      service.close();
    }
  });

  it('exports the whole register as JSON', async () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, 'Sample.vrr'), { create: true, sample: true });
      const file = await job<ExportedFile>(service, 'exports.json', {});
      const document = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as { format: string; schemaVersion: number; tables: Record<string, unknown[]> };
      expect(document.format).toBe('vendor-risk-register');
      expect(document.schemaVersion).toBe(MIGRATIONS.at(-1)!.version);
      expect(document.tables.vendors).toHaveLength(39);
      expect(Object.keys(document.tables)).toEqual(expect.arrayContaining(['holdings', 'services', 'service_vendors', 'dependencies', 'contracts', 'incidents', 'reviews', 'audit_log', 'snapshots', 'meta']));
    } finally {
      service.close();
    }
  });
});
