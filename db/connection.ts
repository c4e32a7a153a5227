// Opening a register file: identity, integrity and version checks before anything is written, then migrations.
// A file that fails a check is never modified: the header is read with plain file I/O, and SQLite only opens
// files that already look like one of our registers.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type RegisterDb = Database.Database;

/** "VRR1": written to the SQLite header (PRAGMA application_id) of every register. */
export const APPLICATION_ID = 0x56525231;
export const REGISTER_EXTENSION = '.vrr';

export type RegisterFileProblem =
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'NOT_SQLITE'
  | 'TRUNCATED'
  | 'CORRUPT'
  | 'FOREIGN'
  | 'NEWER_VERSION'
  | 'LOCKED'
  | 'READ_ONLY'
  | 'MIGRATION_FAILED';

/** Why a register could not be opened, worded for the person who chose the file. */
export class RegisterFileError extends Error {
  readonly problem: RegisterFileProblem;
  readonly filePath: string;
  constructor(problem: RegisterFileProblem, filePath: string, message: string) {
    super(message);
    this.name = 'RegisterFileError';
    this.problem = problem;
    this.filePath = filePath;
  }
}

export interface OpenOptions {
  /** Create a new register at `filePath` (which must not exist yet) instead of opening one. */
  create?: boolean;
  /** Where the copy taken before a migration goes; defaults to the register's own folder. */
  backupDir?: string;
  /** Path to a better-sqlite3 binary built for this runtime (Electron in development). */
  nativeBinding?: string;
  /** How long to wait for a lock held by another program before saying the file is in use. */
  busyTimeoutMs?: number;
  /** The migrations to apply; tests pass their own to exercise failures. */
  migrations?: readonly Migration[];
}

export interface OpenedRegister {
  db: RegisterDb;
  filePath: string;
  /** Set when an older register was upgraded: where the copy from before the upgrade was saved. */
  migrationBackup: string | null;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

interface SqliteHeader {
  pageSize: number;
  pageCount: number;
  applicationId: number;
  userVersion: number;
}

export function latestSchemaVersion(migrations: readonly Migration[] = MIGRATIONS): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

function quoted(filePath: string): string {
  return `“${path.basename(filePath)}”`;
}

function readHeader(filePath: string): Buffer {
  const fd = fs.openSync(filePath, 'r');
  try {
    const header = Buffer.alloc(100);
    const bytesRead = fs.readSync(fd, header, 0, 100, 0);
    return header.subarray(0, bytesRead);
  } finally {
    fs.closeSync(fd);
  }
}

function hasPendingLog(filePath: string): boolean {
  for (const suffix of ['-wal', '-journal']) {
    try {
      if (fs.statSync(`${filePath}${suffix}`).size > 0) return true;
    } catch {
      // no such file
    }
  }
  return false;
}

/** Checks the 100-byte SQLite header (https://sqlite.org/fileformat.html) without opening the file in SQLite. */
function checkHeader(filePath: string, fileSize: number, latest: number): SqliteHeader {
  const name = quoted(filePath);
  const header = readHeader(filePath);
  if (header.length < SQLITE_MAGIC.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new RegisterFileError(
      'NOT_SQLITE',
      filePath,
      fileSize === 0
        ? `${name} is empty, so it is not a Vendor Risk Register file. It was left untouched.`
        : `${name} is not a Vendor Risk Register file: it is not a database at all (perhaps a text or spreadsheet file renamed to .vrr). It was left untouched. Choose a register saved by Vendor Risk Register.`,
    );
  }
  if (header.length < 100) {
    throw new RegisterFileError(
      'TRUNCATED',
      filePath,
      `${name} is incomplete: the file ends inside its own header (${fileSize} bytes). It was probably cut off while being copied. It was left untouched: restore it from a backup or copy it again.`,
    );
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  const applicationId = header.readUInt32BE(68);
  const userVersion = header.readUInt32BE(60);

  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw new RegisterFileError('CORRUPT', filePath, `${name} is damaged: its header is unreadable (page size ${rawPageSize}). It was left untouched: restore it from a backup.`);
  }
  // The in-header page count is trustworthy only when it was written by the same change as the change counter, and
  // only when no write-ahead log is waiting: a checkpoint cut short (the app killed while copying the log into the
  // file) leaves a header ahead of the file, which SQLite completes from the log on opening.
  if (validFor === changeCounter && pageCount * pageSize > fileSize && !hasPendingLog(filePath)) {
    throw new RegisterFileError(
      'TRUNCATED',
      filePath,
      `${name} is incomplete: it holds ${fileSize.toLocaleString('en')} of the ${(pageCount * pageSize).toLocaleString('en')} bytes its header records, so it was probably cut off while being copied or downloaded. It was left untouched: restore it from a backup or copy it again.`,
    );
  }
  if (applicationId !== APPLICATION_ID) {
    throw new RegisterFileError(
      'FOREIGN',
      filePath,
      `${name} is a database that belongs to another application, not a Vendor Risk Register file. It was left untouched. To bring its data in, export it to CSV or a spreadsheet and import that.`,
    );
  }
  if (userVersion > latest) {
    throw new RegisterFileError(
      'NEWER_VERSION',
      filePath,
      `${name} was saved by a newer version of Vendor Risk Register (register format ${userVersion}; this version reads up to ${latest}). It was left untouched: update Vendor Risk Register to open it.`,
    );
  }
  return { pageSize, pageCount, applicationId, userVersion };
}

function sqliteCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

function lockedError(filePath: string): RegisterFileError {
  return new RegisterFileError(
    'LOCKED',
    filePath,
    `${quoted(filePath)} is in use by another program or another Vendor Risk Register window. Close it there, then try again. Nothing was changed.`,
  );
}

/** Pragmas every connection gets. EXCLUSIVE locking keeps a second program from editing the register at the same time. */
function configure(db: RegisterDb, filePath: string): void {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    // Up to 64 MB of page cache (the default is 2 MB): large imports and scoring at 100,000 vendors spill far less.
    db.pragma('cache_size = -65536');
    // Take the write lock now, so "in use" is reported on open rather than on the first edit.
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    if (sqliteCode(error).startsWith('SQLITE_BUSY') || sqliteCode(error).startsWith('SQLITE_LOCKED')) throw lockedError(filePath);
    throw error;
  }
}

function runMigrations(db: RegisterDb, migrations: readonly Migration[], from: number): void {
  db.transaction(() => {
    for (const migration of migrations) {
      if (migration.version <= from) continue;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }
  })();
}

function timestampForFileName(date = new Date()): string {
  return date.toISOString().replace(/[:.]/g, '-');
}

/** Creates a register at `filePath`: it is built under a temporary name and renamed, so no half-made file is left behind. */
function createRegisterFile(filePath: string, options: OpenOptions): void {
  if (fs.existsSync(filePath)) {
    throw new RegisterFileError('ALREADY_EXISTS', filePath, `${quoted(filePath)} already exists. Choose another name, or open it instead.`);
  }
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const tempPath = `${filePath}.${process.pid}.creating`;
  const db = new Database(tempPath, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      db.pragma(`application_id = ${APPLICATION_ID}`);
    })();
    runMigrations(db, options.migrations ?? MIGRATIONS, 0);
    const now = new Date().toISOString();
    const insertMeta = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
    db.transaction(() => {
      insertMeta.run('register_id', randomUUID());
      insertMeta.run('created_at', now);
    })();
    db.close();
    fs.renameSync(tempPath, filePath);
  } catch (error) {
    if (db.open) db.close();
    fs.rmSync(tempPath, { force: true });
    fs.rmSync(`${tempPath}-wal`, { force: true });
    fs.rmSync(`${tempPath}-shm`, { force: true });
    throw error;
  }
}

/**
 * Opens (or with `create`, creates) a register. Throws RegisterFileError with a message for the user when the
 * file is missing, not ours, damaged, newer than this version, read-only or in use; the file is then unchanged.
 */
export function openRegister(filePath: string, options: OpenOptions = {}): OpenedRegister {
  const resolved = path.resolve(filePath);
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = latestSchemaVersion(migrations);
  if (options.create) createRegisterFile(resolved, options);

  let stat: fs.Stats;
  try {
    stat = fs.statSync(resolved);
  } catch {
    throw new RegisterFileError('NOT_FOUND', resolved, `${quoted(resolved)} could not be found. It may have been moved, renamed or deleted.`);
  }
  if (!stat.isFile()) {
    throw new RegisterFileError('NOT_SQLITE', resolved, `${quoted(resolved)} is a folder, not a register file.`);
  }
  const header = checkHeader(resolved, stat.size, latest);
  try {
    fs.accessSync(resolved, fs.constants.R_OK | fs.constants.W_OK);
    fs.accessSync(path.dirname(resolved), fs.constants.W_OK);
  } catch {
    throw new RegisterFileError(
      'READ_ONLY',
      resolved,
      `${quoted(resolved)} cannot be changed: the file or its folder is read-only. Copy it to a folder you can write to, or ask for write access. Nothing was changed.`,
    );
  }

  const db = new Database(resolved, { fileMustExist: true, timeout: options.busyTimeoutMs ?? 2000, nativeBinding: options.nativeBinding });
  try {
    configure(db, resolved);
    const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
    if (problems.length !== 1 || problems[0]!.quick_check !== 'ok') {
      const detail = problems.slice(0, 3).map((p) => p.quick_check).join('; ');
      throw new RegisterFileError('CORRUPT', resolved, `${quoted(resolved)} is damaged: SQLite's integrity check failed (${detail}). It was left untouched: restore it from a backup.`);
    }
    let migrationBackup: string | null = null;
    if (header.userVersion < latest) {
      migrationBackup = backupBeforeMigration(db, resolved, header.userVersion, options.backupDir);
      try {
        runMigrations(db, migrations, header.userVersion);
      } catch (error) {
        throw new RegisterFileError(
          'MIGRATION_FAILED',
          resolved,
          `${quoted(resolved)} could not be upgraded to the current register format (${error instanceof Error ? error.message : String(error)}). It was left at format ${header.userVersion} with all its data; a copy from before the attempt is at ${migrationBackup}.`,
        );
      }
    }
    return { db, filePath: resolved, migrationBackup };
  } catch (error) {
    if (db.open) db.close();
    if (error instanceof RegisterFileError) throw error;
    const code = sqliteCode(error);
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR')) {
      throw new RegisterFileError('CORRUPT', resolved, `${quoted(resolved)} is damaged (${code}). It was left untouched: restore it from a backup.`);
    }
    throw error;
  }
}

/** A consistent copy of the register (VACUUM INTO, through SQLite, never a raw file copy) taken before upgrading it. */
function backupBeforeMigration(db: RegisterDb, filePath: string, fromVersion: number, backupDir?: string): string {
  const dir = backupDir ?? path.dirname(filePath);
  fs.mkdirSync(dir, { recursive: true });
  const base = path.basename(filePath, REGISTER_EXTENSION);
  const target = path.join(dir, `${base} (before upgrade from format ${fromVersion}, ${timestampForFileName()})${REGISTER_EXTENSION}`);
  db.prepare('VACUUM INTO ?').run(target);
  return target;
}

/** Writes a copy of the open register to `target` through SQLite's online backup API. */
export async function saveCopy(db: RegisterDb, target: string, onProgress?: (fraction: number) => void): Promise<void> {
  const resolved = path.resolve(target);
  if (resolved === path.resolve(db.name)) throw new Error('Choose a different file: a copy cannot replace the register itself.');
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const temp = `${resolved}.${process.pid}.saving`;
  try {
    await db.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages ? 1 - remainingPages / totalPages : 1);
        return 200;
      },
    });
    fs.renameSync(temp, resolved);
    onProgress?.(1);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
