// SIGKILL at random moments during every write path (the import has its own test, import-crash.test.ts): vendor
// saves, holdings edits, backups, restores, migrations and daily snapshots. After each kill the register opens, passes
// SQLite's integrity check, and holds each transaction wholly or not at all.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister, type RegisterDb } from '../../db/connection';
import { listBackups } from '../../db/backups';
import type { BackupFile, BackupList } from '../../db/contract';
import { MIGRATIONS } from '../../db/migrations';
import { createRegisterService } from '../../db/service';
import { job, ok, tempDir, vendor } from './helpers';

const CHILD = path.join(import.meta.dirname, 'crash', 'writer-child.ts');
const KILLS = Number(process.env.VRR_KILLS ?? 20);
/** Each kill lands within this long after the child started writing. */
const LATEST_KILL_MS = 150;
/** Each path starts its writer child once per kill (about a second each). */
const PER_PATH_TIMEOUT_MS = KILLS * 5_000;

/** Runs the writer child in `mode` and kills it at a random moment after its first write began; true when the kill landed. */
function killDuring(mode: string, file: string, backupDir: string, template?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, mode, file, backupDir, ...(template ? [template] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (armed || !chunk.toString().includes('ready')) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * LATEST_KILL_MS));
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(true) : reject(new Error(`the ${mode} writer exited with ${code} before it was killed: ${err}`))));
  });
}

/** Opens the register as the app would after the crash and checks it; `check` looks at its content. */
function afterCrash(file: string, backupDir: string, check: (db: RegisterDb) => void): void {
  const opened = openRegister(file, { backupDir });
  try {
    expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(opened.db.pragma('foreign_key_check')).toEqual([]);
    check(opened.db);
  } finally {
    closeRegister(opened.db);
  }
  expect(fs.readdirSync(path.dirname(file)).filter((name) => /\.\d+\.(creating|restoring|saving)/.test(name))).toEqual([]);
}

function count(db: RegisterDb, sql: string, ...params: unknown[]): number {
  return db.prepare(sql).pluck().get(...params) as number;
}

async function killRepeatedly(mode: string, file: string, backupDir: string, check: (db: RegisterDb) => void, template?: string): Promise<number> {
  let landed = 0;
  for (let attempt = 0; attempt < KILLS * 2 && landed < KILLS; attempt++) {
    if (await killDuring(mode, file, backupDir, template)) landed++;
    afterCrash(file, backupDir, check);
  }
  return landed;
}

function register(name: string, vendors = 3): { file: string; backupDir: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, `${name}.vrr`);
  const backupDir = path.join(dir, 'Backups');
  const service = createRegisterService({ actor: 'tester', backupDir });
  service.open(file, { create: true });
  for (let i = 0; i < vendors; i++) ok(service, 'vendors.create', { vendor: vendor({ name: `${name} vendor ${i}` }) });
  service.close();
  return { file, backupDir, dir };
}

describe(`SIGKILL during a write, ${KILLS} landed kills per path`, () => {
  it('vendor saves: every vendor has its audit entries, every edit is whole', async () => {
    const { file, backupDir } = register('Vendors');
    const landed = await killRepeatedly('vendors', file, backupDir, (db) => {
      expect(count(db, "SELECT count(*) FROM vendors v WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'vendor' AND a.entity_id = v.id AND a.action = 'create')")).toBe(0);
      // An edited name comes with its update entry, and an update entry with its edited name.
      expect(count(db, "SELECT count(*) FROM vendors v WHERE v.name LIKE '%(edited)' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'vendor' AND a.entity_id = v.id AND a.action = 'update')")).toBe(0);
      expect(count(db, "SELECT count(*) FROM vendors v WHERE v.name LIKE 'Killed vendor%' AND v.name NOT LIKE '%(edited)' AND EXISTS (SELECT 1 FROM audit_log a WHERE a.entity = 'vendor' AND a.entity_id = v.id AND a.action = 'update')")).toBe(0);
    });
    expect(landed).toBe(KILLS);
  }, PER_PATH_TIMEOUT_MS);

  it('holdings edits: the holdings are exactly those created and not deleted, by the audit', async () => {
    const { file, backupDir } = register('Holdings', 1);
    const landed = await killRepeatedly('holdings', file, backupDir, (db) => {
      const live = count(db, 'SELECT count(*) FROM holdings');
      const audited = count(db, "SELECT count(*) FROM audit_log WHERE entity = 'holding' AND action = 'create'") - count(db, "SELECT count(*) FROM audit_log WHERE entity = 'holding' AND action = 'delete'");
      expect(live).toBe(audited);
    });
    expect(landed).toBe(KILLS);
  }, PER_PATH_TIMEOUT_MS);

  it('backups: every listed backup is a whole register; partial copies are never listed and are cleaned up', async () => {
    const { file, backupDir } = register('Backed up', 40);
    const landed = await killRepeatedly('backup', file, backupDir, () => undefined);
    expect(landed).toBe(KILLS);
    const folder = path.join(backupDir, fs.readdirSync(backupDir).find((name) => name.startsWith('Backed up ('))!);
    for (const backup of listBackups(folder)) {
      const opened = openRegister(path.join(folder, backup.fileName));
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(count(opened.db, 'SELECT count(*) FROM vendors')).toBe(40);
      closeRegister(opened.db);
    }
  }, PER_PATH_TIMEOUT_MS);

  it('restores: the register is wholly one state or the other', async () => {
    const { file, backupDir } = register('Restored', 0);
    const service = createRegisterService({ actor: 'tester', backupDir });
    service.open(file);
    await service.integrityChecked();
    ok(service, 'backups.updateSettings', { daily: false, keep: 10 });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'State one' }) });
    await job<BackupFile>(service, 'backups.take', {});
    ok(service, 'vendors.create', { vendor: vendor({ name: 'State two' }) });
    await job<BackupFile>(service, 'backups.take', {});
    expect(ok<BackupList>(service, 'backups.list', {}).backups.filter((b) => b.reason === 'manual')).toHaveLength(2);
    service.close();
    const landed = await killRepeatedly('restore', file, backupDir, (db) => {
      const names = db.prepare('SELECT name FROM vendors ORDER BY name').pluck().all();
      expect([['State one'], ['State one', 'State two']]).toContainEqual(names);
    });
    expect(landed).toBe(KILLS);
  }, PER_PATH_TIMEOUT_MS);

  it('migrations: the register is at its old format or the new one, with all its data', async () => {
    const dir = tempDir();
    const template = path.join(dir, 'template.vrr');
    const old = openRegister(template, { create: true, migrations: MIGRATIONS.slice(0, 1) });
    const insert = old.db.prepare("INSERT INTO vendors (name, service_type, status, tier, notes, created_at, updated_at) VALUES (?, 'other', 'active', 3, ?, '2026-01-01', '2026-01-01')");
    old.db.transaction(() => {
      for (let i = 0; i < 2_000; i++) insert.run(`Old vendor ${i}`, 'o'.repeat(200));
    })();
    closeRegister(old.db);
    const file = path.join(dir, 'Upgraded.vrr');
    const backupDir = path.join(dir, 'Backups');
    fs.mkdirSync(backupDir);
    const latest = MIGRATIONS.at(-1)!.version;
    const versions = new Set<number>();
    let landed = 0;
    for (let attempt = 0; attempt < KILLS * 2 && landed < KILLS; attempt++) {
      if (await killDuring('migration', file, backupDir, template)) landed++;
      // Before the app opens it again (on a copy, with its log): wholly at the old format or the new one.
      const copy = path.join(dir, 'copy.vrr');
      for (const suffix of ['', '-wal']) if (fs.existsSync(`${file}${suffix}`)) fs.copyFileSync(`${file}${suffix}`, `${copy}${suffix}`);
      const seen = new Database(copy);
      const version = seen.pragma('user_version', { simple: true }) as number;
      const upgraded = (seen.prepare("SELECT count(*) FROM pragma_table_info('vendors') WHERE name = 'direct'").pluck().get() as number) === 1;
      seen.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${copy}${suffix}`, { force: true });
      versions.add(version);
      expect([MIGRATIONS[0]!.version, latest]).toContain(version);
      expect(upgraded).toBe(version === latest);
      afterCrash(file, backupDir, (db) => {
        expect(db.pragma('user_version', { simple: true })).toBe(latest);
        expect(count(db, "SELECT count(*) FROM vendors WHERE name LIKE 'Old vendor %'")).toBe(2_000);
      });
    }
    expect(landed).toBe(KILLS);
  }, PER_PATH_TIMEOUT_MS);

  it('daily snapshots: every snapshot is whole', async () => {
    const { file, backupDir } = register('Snapshots', 5);
    const landed = await killRepeatedly('snapshot', file, backupDir, (db) => {
      for (const json of db.prepare('SELECT metrics_json FROM snapshots').pluck().all() as string[]) {
        expect(JSON.parse(json)).toMatchObject({ methodVersion: expect.any(Number), hhi: expect.anything(), totalExposure: expect.any(Number) });
      }
    });
    expect(landed).toBe(KILLS);
  }, PER_PATH_TIMEOUT_MS);
});
