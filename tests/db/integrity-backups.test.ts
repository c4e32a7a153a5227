// Backups and restores as an unlucky user meets them: the oldest backup restored when the list is full, a disk too
// full to finish, names too long or odd for file names, and every database opened with the binary it was given.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupFile, BackupList, RegisterInfo, VendorPage } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { createRegisterService } from '../../db/service';
import { job, ok, tempDir, vendor } from './helpers';

const CRASH = path.join(import.meta.dirname, 'crash');

function runChild(script: string, args: string[], fileSizeLimitKb?: number): Promise<string> {
  const node = [process.execPath, '--import', 'tsx', path.join(CRASH, script), ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const command = fileSizeLimitKb ? `ulimit -f ${fileSizeLimitKb}; exec ${node}` : `exec ${node}`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim().split('\n').at(-1)!) : reject(new Error(`${script} exited with ${code}: ${err}`))));
  });
}

async function backupsListed(service: ReturnType<typeof createRegisterService>, count: number): Promise<BackupFile[]> {
  await service.integrityChecked();
  for (let i = 0; i < 500; i++) {
    const backups = ok<BackupList>(service, 'backups.list', {}).backups;
    if (backups.length >= count) return backups;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`fewer than ${count} backups were listed`);
}

describe('restoring', () => {
  it('restores the oldest backup of a full list: the rotation keeps a backup that a restore uses', async () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, 'Risk.vrr'), { create: true });
      const [daily] = await backupsListed(service, 1);
      ok(service, 'backups.updateSettings', { daily: true, keep: 3 });
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Added after the daily backup' }) });
      await job(service, 'backups.take', {});
      await job(service, 'backups.take', {});
      const full = ok<BackupList>(service, 'backups.list', {}).backups;
      expect(full).toHaveLength(3);
      expect(full.at(-1)!.fileName).toBe(daily!.fileName);

      await job<RegisterInfo>(service, 'backups.restore', { fileName: daily!.fileName });
      expect(ok<VendorPage>(service, 'vendors.list', {}).total).toBe(0);
      expect(ok<BackupList>(service, 'backups.list', {}).backups.map((b) => b.reason)).toContain('before-restore');
    } finally {
      service.close();
    }
  });

  it('stops a restore on a disk too full to finish, with a clear message, leaving the register open and whole', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Risk.vrr');
    const backupDir = path.join(dir, 'Backups');
    const service = createRegisterService({ actor: 'tester', backupDir });
    service.open(file, { create: true });
    for (let i = 0; i < 300; i++) ok(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}`, notes: 'n'.repeat(1000) }) });
    const backup = await job<BackupFile>(service, 'backups.take', {});
    service.close();
    const limitKb = Math.ceil(fs.statSync(file).size / 1024) + 64;

    const report = JSON.parse(await runChild('full-disk-child.ts', ['restore', file, backupDir, backup.fileName, '20'], limitKb)) as {
      restore: { state: string; error: { code: string; message: string } };
      vendorsAfter: number;
      closeError?: string;
    };
    expect(report.restore).toMatchObject({ state: 'failed', error: { code: 'CONFLICT', message: expect.stringMatching(/left as it was.*disk .*is full/) } });
    expect(report.vendorsAfter).toBe(320);
    // Closing could not write the log into the file either, and said so; the log stays beside the file.
    expect(report.closeError).toMatch(/could not be written into the register file; they are kept safely in its log/);
    expect(fs.readdirSync(dir).filter((name) => name.includes('.restoring'))).toEqual([]);

    const reopened = openRegister(file, { backupDir });
    try {
      expect(reopened.db.prepare('SELECT count(*) FROM vendors').pluck().get()).toBe(320);
      expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reopened.db.close();
    }
  });
});

describe('backups taken together', () => {
  it('are written one after another, each under its own name', async () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, 'Risk.vrr'), { create: true });
      await backupsListed(service, 1);
      const taken = await Promise.all([job<BackupFile>(service, 'backups.take', {}), job<BackupFile>(service, 'backups.take', {}), job<BackupFile>(service, 'backups.take', {})]);
      expect(new Set(taken.map((b) => b.fileName)).size).toBe(3);
      expect(ok<BackupList>(service, 'backups.list', {}).backups).toHaveLength(4);
    } finally {
      service.close();
    }
  });
});

describe('creating on a full disk', () => {
  it('says the disk is full and leaves nothing behind', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'New.vrr');
    const report = JSON.parse(await runChild('full-disk-child.ts', ['create', file, path.join(dir, 'Backups')], 48)) as { createError?: string };
    expect(report.createError).toMatch(/could not be created, and nothing was left behind.*is full/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe('backup names', () => {
  it.each([
    ['a long name in CJK characters', '登録簿'.repeat(25) + '録'],
    ['a name with a line break', 'Risk\nregister'],
  ])('backs up and restores a register with %s', async (_, name) => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, `${name}.vrr`), { create: true });
      await backupsListed(service, 1);
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Kept' }) });
      const manual = await job<BackupFile>(service, 'backups.take', {});
      ok(service, 'vendors.create', { vendor: vendor({ name: 'Added later' }) });
      expect(ok<BackupList>(service, 'backups.list', {}).backups.map((b) => b.reason).sort()).toEqual(['daily', 'manual']);
      await job(service, 'backups.restore', { fileName: manual.fileName });
      expect(ok<VendorPage>(service, 'vendors.list', {}).rows.map((r) => r.name)).toEqual(['Kept']);
    } finally {
      service.close();
    }
  });
});

describe('the native binding', () => {
  it('is used for every database the register process opens, the restore check included', async () => {
    const dir = tempDir();
    const builtIn = path.resolve('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const given = path.join(dir, 'given', 'better_sqlite3.node');
    fs.mkdirSync(path.dirname(given));
    fs.copyFileSync(builtIn, given);
    const loaded = JSON.parse(await runChild('binding-child.ts', [given, dir])) as string[];
    expect(loaded.filter((name) => name.includes('better_sqlite3'))).toEqual([given]);
  });
});
