import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APPLICATION_ID, openRegister, RegisterFileError, saveCopy, type RegisterFileProblem } from '../../db/connection';
import { MIGRATIONS, type Migration } from '../../db/migrations';
import { createRegisterService } from '../../db/service';
import { ok, serviceWithRegister, sha256, tempDir, vendor } from './helpers';

function expectRefused(file: string, problem: RegisterFileProblem, messagePart: RegExp, migrations?: readonly Migration[]) {
  const before = sha256(file);
  const siblings = fs.readdirSync(path.dirname(file)).sort();
  let caught: unknown;
  try {
    openRegister(file, { migrations })?.db.close();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RegisterFileError);
  expect((caught as RegisterFileError).problem).toBe(problem);
  expect((caught as RegisterFileError).message).toMatch(messagePart);
  expect(sha256(file)).toBe(before);
  expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(siblings);
  return caught as RegisterFileError;
}

/** A register with enough rows to span several pages. */
function populatedRegister(): string {
  const { service, file } = serviceWithRegister('Populated');
  for (let i = 0; i < 300; i++) ok(service, 'vendors.create', { vendor: vendor({ name: `Vendor ${i}`, notes: 'x'.repeat(200) }) });
  service.close();
  return file;
}

describe('openRegister', () => {
  it('creates a register with its identity, WAL and foreign keys, and reopens it with its data', () => {
    const { service, file } = serviceWithRegister();
    const created = ok<{ id: string }>(service, 'register.info', {});
    ok(service, 'vendors.create', { vendor: vendor() });
    service.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    raw.close();

    const reopened = openRegister(file);
    expect(reopened.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(reopened.db.prepare('SELECT name FROM vendors').pluck().all()).toEqual(['Acme Contact Centres']);
    expect(reopened.db.prepare("SELECT value FROM meta WHERE key = 'register_id'").pluck().get()).toBe(created.id);
    reopened.db.close();
  });

  it('refuses to create over an existing file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'existing.vrr');
    fs.writeFileSync(file, 'keep me');
    expectRefused(file, 'NOT_SQLITE', /not a database/);
    expect(() => openRegister(file, { create: true })).toThrow(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });

  it('reports a missing file', () => {
    expect(() => openRegister(path.join(tempDir(), 'gone.vrr'))).toThrow(/could not be found/);
  });

  it('refuses a text file renamed .vrr', () => {
    const file = path.join(tempDir(), 'notes.vrr');
    fs.writeFileSync(file, 'name,records\nAcme,100\n');
    expectRefused(file, 'NOT_SQLITE', /not a database at all/);
  });

  it('refuses an empty file', () => {
    const file = path.join(tempDir(), 'empty.vrr');
    fs.writeFileSync(file, '');
    expectRefused(file, 'NOT_SQLITE', /is empty/);
  });

  it('refuses a truncated register', () => {
    const source = populatedRegister();
    const file = path.join(path.dirname(source), 'truncated.vrr');
    const bytes = fs.readFileSync(source);
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    expectRefused(file, 'TRUNCATED', /incomplete/);
  });

  it('refuses a register cut off inside its header', () => {
    const source = populatedRegister();
    const file = path.join(path.dirname(source), 'stub.vrr');
    fs.writeFileSync(file, fs.readFileSync(source).subarray(0, 60));
    expectRefused(file, 'TRUNCATED', /ends inside its own header/);
  });

  it('refuses a corrupt register', () => {
    const file = populatedRegister();
    const bytes = fs.readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Scribble over the b-tree pages after the schema page.
    for (let offset = pageSize; offset < bytes.length - pageSize; offset += pageSize) bytes.fill(0xa5, offset, offset + 64);
    fs.writeFileSync(file, bytes);
    expectRefused(file, 'CORRUPT', /damaged/);
  });

  it("refuses another application's SQLite database", () => {
    const file = path.join(tempDir(), 'other-app.vrr');
    const other = new Database(file);
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO customers (email) VALUES (\'a@b.c\')');
    other.close();
    expectRefused(file, 'FOREIGN', /belongs to another application/);
  });

  it('refuses a register written by a newer version', () => {
    const { service, file } = serviceWithRegister();
    service.close();
    const raw = new Database(file);
    raw.pragma('user_version = 9990');
    raw.close();
    const error = expectRefused(file, 'NEWER_VERSION', /newer version/);
    expect(error.message).toContain('9990');
  });

  it('says a register locked by another program is in use, without waiting long or changing it', async () => {
    const { service, file } = serviceWithRegister();
    service.close();
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(process.argv[1]);
         db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN IMMEDIATE; COMMIT');
         console.log('holding'); process.stdin.on('end', () => db.close()); process.stdin.resume();`,
        file,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const before = sha256(file);
      const started = Date.now();
      let caught: unknown;
      try {
        openRegister(file, { busyTimeoutMs: 200 }).db.close();
      } catch (error) {
        caught = error;
      }
      expect((caught as RegisterFileError).problem).toBe('LOCKED');
      expect((caught as Error).message).toMatch(/in use by another program/);
      expect(Date.now() - started).toBeLessThan(5000);
      expect(sha256(file)).toBe(before);
    } finally {
      holder.stdin.end();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
  });

  it('refuses a read-only register', () => {
    if (process.getuid?.() === 0) return; // root can write anything; nothing to test
    const { service, file } = serviceWithRegister();
    service.close();
    fs.chmodSync(file, 0o444);
    expectRefused(file, 'READ_ONLY', /read-only/);
  });
});

describe('migrations', () => {
  const base = MIGRATIONS.at(-1)!.version;

  it('carries data through a new migration, after taking a backup', () => {
    const { service, file, dir } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Carried Over' }) });
    service.close();

    const addColumn: Migration = { version: base + 10, name: 'add-column', up: (db) => db.exec("ALTER TABLE vendors ADD COLUMN region TEXT DEFAULT 'APAC'") };
    const backups = path.join(dir, 'backups');
    const opened = openRegister(file, { migrations: [...MIGRATIONS, addColumn], backupDir: backups });
    expect(opened.db.pragma('user_version', { simple: true })).toBe(base + 10);
    expect(opened.db.prepare('SELECT name, region FROM vendors').all()).toEqual([{ name: 'Carried Over', region: 'APAC' }]);
    opened.db.close();

    expect(opened.migrationBackup).toContain(backups);
    const backup = openRegister(opened.migrationBackup!);
    expect(backup.db.pragma('user_version', { simple: true })).toBe(base);
    expect(backup.db.prepare('SELECT name FROM vendors').pluck().all()).toEqual(['Carried Over']);
    backup.db.close();
  });

  it('leaves the file at its old version with its data when a migration throws', () => {
    const { service, file, dir } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Survivor' }) });
    service.close();

    const halfDone: Migration = {
      version: base + 10,
      name: 'breaks-halfway',
      up(db) {
        db.exec('CREATE TABLE half (x INTEGER)');
        db.exec("UPDATE vendors SET name = 'Mangled'");
        throw new Error('simulated failure');
      },
    };
    const before = sha256(file);
    let error: RegisterFileError | undefined;
    try {
      openRegister(file, { migrations: [...MIGRATIONS, halfDone] }).db.close();
    } catch (caught) {
      error = caught as RegisterFileError;
    }
    expect(error?.problem).toBe('MIGRATION_FAILED');
    expect(error?.message).toMatch(/simulated failure/);
    expect(error?.message).toContain(`left at format ${base}`);
    expect(sha256(file)).toBe(before);
    const backup = fs.readdirSync(dir).find((f) => f.includes('before upgrade from format'));
    expect(backup).toBeDefined();
    expect(error?.message).toContain(backup);

    const reopened = openRegister(file);
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(base);
    expect(reopened.db.prepare('SELECT name FROM vendors').pluck().all()).toEqual(['Survivor']);
    expect(reopened.db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    reopened.db.close();
  });
});

describe('saveCopy', () => {
  it('writes a consistent copy through the backup API that opens as a register', async () => {
    const { service, file, dir } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Copied' }) });
    const target = path.join(dir, 'copies', 'copy.vrr');
    const progress: number[] = [];
    await service.saveCopy(target, (f) => progress.push(f));
    expect(progress.at(-1)).toBe(1);
    service.close();
    const copy = createRegisterService();
    const info = copy.open(target);
    expect(info.vendorCount).toBe(1);
    copy.close();
    expect(sha256(file)).not.toBe('');
  });

  it('has the copy written out to the disk off the thread before the last step commits it', async () => {
    // Left to the commit's fsync, on the register's thread, writing out a copy of 200 MB held the process 80 ms.
    const { service, dir } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Copied' }) });
    const target = path.join(dir, 'copy.vrr');
    const open = fs.promises.open;
    const writtenOut: { file: string; copyDone: boolean }[] = [];
    const spy = vi.spyOn(fs.promises, 'open').mockImplementation((file, ...rest) => {
      // The day's backup may be written meanwhile, by the same means: only this copy's files are counted.
      if (String(file).startsWith(target)) writtenOut.push({ file: String(file), copyDone: fs.existsSync(target) });
      return open(file, ...rest);
    });
    try {
      await service.saveCopy(target);
    } finally {
      spy.mockRestore();
    }
    expect(writtenOut).toEqual([{ file: expect.stringMatching(/copy\.vrr\.\d+\.saving$/), copyDone: false }]);
    service.close();
    const copy = createRegisterService();
    expect(copy.open(target).vendorCount).toBe(1);
    copy.close();
  });

  it('refuses to copy a register onto itself', async () => {
    const opened = openRegister(path.join(tempDir(), 'self.vrr'), { create: true });
    await expect(saveCopy(opened.db, opened.filePath)).rejects.toThrow(/different file/);
    opened.db.close();
  });
});
