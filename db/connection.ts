// Opening a register file: identity, integrity and version checks before anything is written, then migrations.
// A file that fails a check is never modified: the header is read with plain file I/O, and SQLite only opens
// files that already look like one of our registers.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS, type Migration } from './migrations';

export type RegisterDb = Database.Database;

// better-sqlite3 reads this once, when its addon first loads: file: URIs are how a connection names its VFS (below).
process.env.SQLITE_USE_URI ??= '1';

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
  | 'FOREIGN_LOG'
  | 'STALE_LOG'
  | 'LOCKED'
  | 'ALREADY_OPEN'
  | 'READ_ONLY'
  | 'DISK_FULL'
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
  /** What read-only connections of worker threads in this process open to read the register beside `db` (see
   * `readerAddress`); null where they cannot, and analytics then run on the register's own connection. */
  readers: string | null;
  /** Set when an older register was upgraded: where the copy from before the upgrade was saved. */
  migrationBackup: string | null;
  /** Leftovers of an interrupted create, save, restore or upgrade found beside the file and removed, by name. */
  removedLeftovers: string[];
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

function newerVersion(filePath: string, userVersion: number, latest: number): RegisterFileError {
  return new RegisterFileError(
    'NEWER_VERSION',
    filePath,
    `${quoted(filePath)} was saved by a newer version of Vendor Risk Register (register format ${userVersion}; this version reads up to ${latest}). It was left untouched: update Vendor Risk Register to open it.`,
  );
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
  if (userVersion > latest) throw newerVersion(filePath, userVersion, latest);
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

/**
 * The address the register is opened at. On Linux and macOS it names SQLite's "unix-excl" VFS: the process holds the
 * file to itself for as long as it is open (another program gets "in use", even to read it), while connections of
 * this process's worker threads share its log index and read their own snapshot beside the register's connection.
 * Windows has no such VFS, and better-sqlite3 takes URIs only when its addon loaded after SQLITE_USE_URI was set:
 * there the plain path is used, and the register's connection alone holds the file (EXCLUSIVE locking).
 */
export function readerAddress(filePath: string): string | null {
  if (process.platform === 'win32') return null;
  return `file:${encodeURI(filePath).replace(/[?#]/g, encodeURIComponent)}?vfs=unix-excl`;
}

/** The file a connection was opened on, whether by path or by address. */
export function registerPathOf(db: RegisterDb): string {
  return db.name.startsWith('file:') ? decodeURI(db.name.slice('file:'.length, db.name.indexOf('?'))).replace(/%23|%3F/g, decodeURIComponent) : db.name;
}

/** Opens the register's own connection: at its address where worker threads can read beside it, else by path. */
function connect(filePath: string, options: OpenOptions): { db: RegisterDb; readers: string | null } {
  const settings = { fileMustExist: true, timeout: options.busyTimeoutMs ?? 2000, nativeBinding: options.nativeBinding };
  const address = readerAddress(filePath);
  if (address) {
    try {
      return { db: new Database(address, settings), readers: address };
    } catch (error) {
      // URIs refused (the addon loaded before SQLITE_USE_URI was set): the plain path below.
      if (sqliteCode(error) !== 'SQLITE_CANTOPEN') throw error;
    }
  }
  return { db: new Database(filePath, settings), readers: null };
}

/**
 * Takes the write lock and runs SQLite's quick check before anything is written, so a register refused here is left
 * exactly as it was. Opened by address, the unix-excl VFS keeps other programs out from this first lock on, with
 * normal locking inside the process (its worker threads read beside the register's connection); opened by path,
 * EXCLUSIVE locking keeps the lock. Either way a second program cannot edit the register at the same time.
 */
function lockAndCheck(db: RegisterDb, filePath: string, shared: boolean): void {
  try {
    if (!shared) db.pragma('locking_mode = EXCLUSIVE');
    // Take the write lock now, so "in use" is reported on open rather than on the first edit.
    db.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    if (sqliteCode(error).startsWith('SQLITE_BUSY') || sqliteCode(error).startsWith('SQLITE_LOCKED')) throw lockedError(filePath);
    throw error;
  }
  const problems = db.pragma('quick_check', { simple: false }) as { quick_check: string }[];
  if (problems.length !== 1 || problems[0]!.quick_check !== 'ok') {
    const detail = problems.slice(0, 3).map((p) => p.quick_check).join('; ');
    throw new RegisterFileError('CORRUPT', filePath, `${quoted(filePath)} is damaged: SQLite's integrity check failed (${detail}). It was left untouched: restore it from a backup.`);
  }
}

/** The register's id from its meta table; a file without one is not a complete register. */
function registerIdOf(db: RegisterDb): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").pluck().get();
  if (!hasMeta) return null;
  return (db.prepare("SELECT value FROM meta WHERE key = 'register_id'").pluck().get() as string | undefined) ?? null;
}

/** Pragmas for daily use, set once the file has passed its checks (switching to WAL rewrites the header). */
function configure(db: RegisterDb): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  // Up to 64 MB of page cache (the default is 2 MB): large imports and scoring at 100,000 vendors spill far less.
  db.pragma('cache_size = -65536');
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

function diskFull(filePath: string, what: string): RegisterFileError {
  return new RegisterFileError(
    'DISK_FULL',
    filePath,
    `${what} The disk holding ${quoted(filePath)} is full (or the file would exceed the size allowed). Free some space, then try again.`,
  );
}

function isDiskFull(error: unknown): boolean {
  const code = sqliteCode(error);
  return code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EFBIG' || code === 'SQLITE_IOERR_WRITE' || code === 'SQLITE_IOERR_FSYNC';
}

/** A statement prepared once per connection, for calls made again and again (the board's, a supply chain's): each
 * SQL text is to be used in one mode only (raw, pluck or rows), since a statement keeps the mode it was last given. */
const statements = new WeakMap<RegisterDb, Map<string, Database.Statement>>();
export function prepared(db: RegisterDb, sql: string): Database.Statement {
  let kept = statements.get(db);
  if (!kept) statements.set(db, (kept = new Map()));
  let statement = kept.get(sql);
  if (!statement) kept.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * Copies the write-ahead log into the file and empties it, and says so: closing a connection also checkpoints, but a
 * checkpoint that fails there (a full disk) goes unnoticed and leaves the log beside the file.
 */
export function checkpoint(db: RegisterDb): void {
  let result: { busy: number; log: number; checkpointed: number } | undefined;
  try {
    [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(registerPathOf(db), 'The latest changes could not be written into the register file; they are kept safely in its log.');
    throw error;
  }
  if (result && result.busy !== 0) {
    throw new RegisterFileError('LOCKED', registerPathOf(db), `${quoted(registerPathOf(db))} is busy: its latest changes could not be written into the file yet. Try again in a moment.`);
  }
}

/**
 * Closes a register after a verified checkpoint, so no log is left beside the file. When the checkpoint fails the
 * connection is still closed (the log stays beside the file and is replayed on the next open, nothing is lost) and the
 * failure is thrown.
 */
export function closeRegister(db: RegisterDb): void {
  if (!db.open) return;
  try {
    checkpoint(db);
  } finally {
    db.close();
  }
}

const LEFTOVER = /^(.*)\.(\d+)\.(creating|restoring|saving)(-wal|-shm|-journal)?$/;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes what an interrupted create, save or restore left in `folder` (only `ofName`'s, when given); returns the names removed. */
export function removeLeftovers(folder: string, ofName?: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = LEFTOVER.exec(name);
    if (!m || (ofName !== undefined && m[1] !== ofName) || processAlive(Number(m[2]))) continue;
    try {
      fs.rmSync(path.join(folder, name), { force: true });
      removed.push(name);
    } catch {
      // left for the next open
    }
  }
  return removed;
}

/** True when `file` holds a whole SQLite database: its header is readable and the file is as long as it says. */
function isCompleteDatabase(file: string): boolean {
  try {
    const size = fs.statSync(file).size;
    const header = readHeader(file);
    if (header.length < 100 || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return false;
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    return header.readUInt32BE(28) * pageSize === size;
  } catch {
    return false;
  }
}

/** Removes copies taken before an upgrade that were cut short (the app stopped while writing them): they cannot be opened. */
function removeUnusableUpgradeCopies(folder: string, base: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const prefix = `${base} (before upgrade from format `;
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(REGISTER_EXTENSION) || isCompleteDatabase(path.join(folder, name))) continue;
    fs.rmSync(path.join(folder, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Creates a register at `filePath`: it is built under a temporary name (in rollback-journal mode, so every write
 * reaches the file or fails loudly) and renamed, so no half-made file is left behind.
 */
function createRegisterFile(filePath: string, options: OpenOptions): void {
  if (fs.existsSync(filePath)) {
    throw new RegisterFileError('ALREADY_EXISTS', filePath, `${quoted(filePath)} already exists. Choose another name, or open it instead.`);
  }
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  const tempPath = `${filePath}.${process.pid}.creating`;
  const removeTemp = () => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${tempPath}${suffix}`, { force: true });
  };
  let db: RegisterDb | null = null;
  try {
    db = new Database(tempPath, { nativeBinding: options.nativeBinding });
    db.pragma('journal_mode = DELETE');
    db.pragma('synchronous = FULL');
    db.transaction(() => {
      db!.pragma(`application_id = ${APPLICATION_ID}`);
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
    if (db?.open) db.close();
    removeTemp();
    if (isDiskFull(error)) throw diskFull(filePath, `${quoted(filePath)} could not be created, and nothing was left behind.`);
    throw error;
  }
}

/** Files SQLite replays into a database when it opens it. */
const LOG_SUFFIXES = ['-wal', '-journal'] as const;

/**
 * A log waiting beside the file is replayed into it when SQLite opens it. Before that happens to the register itself,
 * the file and its log are copied and the copy opened: the log must belong to this register (same register id before
 * and after) and leave it intact (full integrity check). Otherwise the register and its log are refused untouched.
 */
function checkPendingLog(filePath: string, options: OpenOptions): { userVersion: number } | null {
  const logs = LOG_SUFFIXES.filter((suffix) => {
    try {
      return fs.statSync(`${filePath}${suffix}`).size > 0;
    } catch {
      return false;
    }
  });
  if (logs.length === 0) return null;
  const name = quoted(filePath);
  const logName = `“${path.basename(filePath)}${logs[0]}”`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-log-check-'));
  const copy = path.join(dir, 'register.vrr');
  try {
    try {
      fs.copyFileSync(filePath, copy);
    } catch (error) {
      // The check could not be made here (no room for the copy): open without it rather than refuse a healthy register.
      if (isDiskFull(error)) return null;
      throw error;
    }
    let idBefore: string | null = null;
    try {
      const plain = new Database(copy, { fileMustExist: true, nativeBinding: options.nativeBinding });
      try {
        idBefore = registerIdOf(plain);
      } finally {
        plain.close();
      }
    } catch {
      // A checkpoint cut short leaves the file readable only with its log; identity is then checked after replaying.
    }
    for (const suffix of logs) fs.copyFileSync(`${filePath}${suffix}`, `${copy}${suffix}`);
    let idAfter: string | null = null;
    let userVersion = 0;
    let problems: string[] = [];
    try {
      const replayed = new Database(copy, { fileMustExist: true, nativeBinding: options.nativeBinding });
      try {
        problems = (replayed.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]).map((r) => r.integrity_check).filter((p) => p !== 'ok');
        try {
          idAfter = registerIdOf(replayed);
          userVersion = replayed.pragma('user_version', { simple: true }) as number;
        } catch {
          // unreadable: reported as damage below
        }
      } finally {
        replayed.close();
      }
    } catch (error) {
      problems = [sqliteCode(error) || (error instanceof Error ? error.message : String(error))];
    }
    if (idBefore && idAfter && idAfter !== idBefore) {
      throw new RegisterFileError(
        'FOREIGN_LOG',
        filePath,
        `${name} has a log file beside it (${logName}) that belongs to another register. Applying it would replace this register's contents, so both were left untouched. Move ${logName} out of the folder, then open the register again.`,
      );
    }
    if (problems.length > 0 || !idAfter) {
      if (!idAfter && problems.length === 0) problems = ['no register identity after applying it'];
      throw new RegisterFileError(
        'STALE_LOG',
        filePath,
        `${name} has a log file beside it (${logName}) that does not fit this state of the file (perhaps it was left over when the file was copied or restored): applying it would damage the register${problems.length ? ` (${problems.slice(0, 2).join('; ')})` : ''}. Both were left untouched. Move ${logName} out of the folder to open the register as it is in the file, or restore a backup.`,
      );
    }
    return { userVersion };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
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
  if (stat.isDirectory()) {
    throw new RegisterFileError('NOT_SQLITE', resolved, `${quoted(resolved)} is a folder, not a register file.`);
  }
  if (!stat.isFile()) {
    throw new RegisterFileError('NOT_SQLITE', resolved, `${quoted(resolved)} is not a register file: it is a device, a pipe or a socket, not a file saved on disk.`);
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
  // A log waiting beside the file may hold a newer format than the header on disk says.
  const replayedVersion = checkPendingLog(resolved, options)?.userVersion ?? header.userVersion;
  if (replayedVersion > latest) throw newerVersion(resolved, replayedVersion, latest);

  const { db, readers } = connect(resolved, options);
  try {
    lockAndCheck(db, resolved, readers !== null);
    if (!registerIdOf(db)) {
      throw new RegisterFileError(
        'CORRUPT',
        resolved,
        `${quoted(resolved)} is incomplete: it is marked as a register but holds no register identity (its meta table is missing or empty), so it was probably never finished. It was left untouched: restore it from a backup.`,
      );
    }
    configure(db);
    // The format as SQLite sees it (the header on disk can lag behind a log just replayed).
    const version = db.pragma('user_version', { simple: true }) as number;
    let migrationBackup: string | null = null;
    if (version < latest) {
      migrationBackup = backupBeforeMigration(db, resolved, version, options.backupDir);
      try {
        runMigrations(db, migrations, version);
      } catch (error) {
        throw new RegisterFileError(
          'MIGRATION_FAILED',
          resolved,
          `${quoted(resolved)} could not be upgraded to the current register format (${error instanceof Error ? error.message : String(error)}). It was left at format ${version} with all its data; a copy from before the attempt is at ${migrationBackup}.`,
        );
      }
    }
    const base = path.basename(resolved, REGISTER_EXTENSION);
    const removedLeftovers = [
      ...removeLeftovers(path.dirname(resolved), path.basename(resolved)),
      ...removeUnusableUpgradeCopies(options.backupDir ?? path.dirname(resolved), base),
    ];
    return { db, filePath: resolved, readers, migrationBackup, removedLeftovers };
  } catch (error) {
    if (db.open) db.close();
    if (error instanceof RegisterFileError) throw error;
    const code = sqliteCode(error);
    if (isDiskFull(error)) throw diskFull(resolved, `${quoted(resolved)} could not be opened: there is no room for its working files. It was left as it was.`);
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
  try {
    db.prepare('VACUUM INTO ?').run(target);
  } catch (error) {
    fs.rmSync(target, { force: true });
    if (isDiskFull(error)) throw diskFull(filePath, `${quoted(filePath)} needs upgrading, but the copy to keep from before the upgrade could not be saved, so it was left as it was.`);
    throw error;
  }
  return target;
}

/** Pages copied per step of a copy: each step holds the process a millisecond or two. */
const COPY_STEP_PAGES = 200;

/** Has the kernel write a file's data to the disk, on libuv's threads. */
async function writeOut(file: string): Promise<void> {
  const handle = await fs.promises.open(file, 'r+');
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Writes a copy of the open register to `target` through SQLite's online backup API. */
export async function saveCopy(db: RegisterDb, target: string, onProgress?: (fraction: number) => void): Promise<void> {
  const resolved = path.resolve(target);
  if (resolved === path.resolve(registerPathOf(db))) throw new Error('Choose a different file: a copy cannot replace the register itself.');
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  const temp = `${resolved}.${process.pid}.saving`;
  // The last step commits the copy, and SQLite's fsync then writes out all of it the kernel still holds, on this
  // thread: 80 ms for a copy of 200 MB. So before the last step the copy is written out off the thread (steps of no
  // pages meanwhile), and the commit's fsync, which still makes the copy durable, finds little left to write.
  let writtenOut: 'no' | 'writing' | 'yes' = 'no';
  try {
    await db.backup(temp, {
      progress: ({ totalPages, remainingPages }) => {
        onProgress?.(totalPages ? 1 - remainingPages / totalPages : 1);
        if (remainingPages > COPY_STEP_PAGES) return COPY_STEP_PAGES;
        if (writtenOut === 'no') {
          writtenOut = 'writing';
          // Only sooner: should this fail, the commit's own fsync writes the copy out.
          void writeOut(temp)
            .catch(() => undefined)
            .finally(() => (writtenOut = 'yes'));
        }
        return writtenOut === 'yes' ? COPY_STEP_PAGES : 0;
      },
    });
    fs.renameSync(temp, resolved);
    onProgress?.(1);
  } catch (error) {
    if (isDiskFull(error)) throw diskFull(resolved, `The copy ${quoted(resolved)} could not be written, and nothing was left behind.`);
    throw error;
  } finally {
    for (const suffix of ['', '-journal', '-wal']) fs.rmSync(`${temp}${suffix}`, { force: true });
  }
}
