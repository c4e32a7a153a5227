// Automatic and manual backups of a register, kept in a folder of their own (in the app, under the user-data
// folder), and restoring one of them. Copies are made with SQLite's backup API, never by copying the live file.
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type BackupFile, type BackupList, type BackupSettings } from './contract';
import { REGISTER_EXTENSION, removeLeftovers, saveCopy, type RegisterDb } from './connection';
import { findDamage } from './integrity';

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { daily: true, keep: 10 };

const REASONS: readonly BackupFile['reason'][] = ['daily', 'manual', 'before-restore', 'before-import'];
const NAME = /^(.*) (\d{4}-\d{2}-\d{2}) (\d{2})(\d{2})(\d{2}) (daily|manual|before-restore|before-import)\.vrr$/;

/** Room left in a file name (255 bytes on most systems) once the date, reason and id are added. */
const NAME_BYTES = 120;

/**
 * The register's name as it appears in backup file and folder names: characters that file systems refuse, and line
 * breaks (which would hide a backup from the list), become "-", and a long name is cut at a character boundary.
 */
export function nameForFiles(registerName: string): string {
  // eslint-disable-next-line no-control-regex
  let name = registerName.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '-');
  while (Buffer.byteLength(name, 'utf8') > NAME_BYTES) name = [...name].slice(0, -1).join('');
  return name;
}

/** One folder per register, named after it and its id, so two registers called the same keep separate backups. */
export function backupFolder(root: string, registerName: string, registerId: string): string {
  return path.join(root, `${nameForFiles(registerName)} (${registerId.slice(0, 8)})`);
}

export function readBackupSettings(db: RegisterDb): BackupSettings {
  const raw = db.prepare("SELECT value FROM meta WHERE key = 'backup_settings'").pluck().get() as string | undefined;
  return raw ? { ...DEFAULT_BACKUP_SETTINGS, ...(JSON.parse(raw) as Partial<BackupSettings>) } : DEFAULT_BACKUP_SETTINGS;
}

export function writeBackupSettings(db: RegisterDb, settings: BackupSettings): BackupSettings {
  db.prepare("INSERT INTO meta (key, value) VALUES ('backup_settings', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(settings));
  return settings;
}

export function listBackups(folder: string): BackupFile[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .map((fileName): BackupFile | null => {
      const m = NAME.exec(fileName);
      if (!m) return null;
      const size = fs.statSync(path.join(folder, fileName)).size;
      return { fileName, takenAt: `${m[2]}T${m[3]}:${m[4]}:${m[5]}`, sizeBytes: size, reason: m[6] as BackupFile['reason'] };
    })
    .filter((b): b is BackupFile => b !== null)
    .sort((a, b) => (a.takenAt < b.takenAt ? 1 : a.takenAt > b.takenAt ? -1 : a.fileName < b.fileName ? 1 : -1));
}

export function backupList(db: RegisterDb, folder: string): BackupList {
  return { folder, settings: readBackupSettings(db), backups: listBackups(folder) };
}

/** A backup's time as listed (local time, to the second). */
function takenAt(date: Date): string {
  return localStamp(date).replace(/^(\S+) (\d{2})(\d{2})(\d{2})$/, '$1T$2:$3:$4');
}

function localStamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())} ${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export interface BackupOptions {
  onProgress?: (fraction: number) => void;
  now?: Date;
  /** Backups a running operation uses (the one being restored): rotation never deletes them. */
  inUse?: readonly string[];
  /** Yields between the slices of the integrity check (a job's checkpoint). */
  pause?: () => Promise<void>;
}

/**
 * Takes a backup now, then deletes the oldest beyond the number to keep. Returns the backup's file name. A register
 * that fails SQLite's full integrity check is not backed up: its damaged copy would push a good one out of the list.
 */
export async function takeBackup(db: RegisterDb, folder: string, registerName: string, reason: BackupFile['reason'], options: BackupOptions = {}): Promise<string> {
  if (!REASONS.includes(reason)) throw new Error(`Unknown backup reason ${reason}`);
  // The copy before an import skips the full check, which would add seconds to every import of a large register:
  // it rotates only among its own kind (so it pushes no good backup out), and undoing the import checks it fully
  // before anything is replaced, as every restore does.
  const damage = reason === 'before-import' ? [] : await findDamage(db, options.pause);
  // The state before a restore is kept even when damaged (the restore can be undone), and pushes no other backup out.
  const rotate = damage.length === 0;
  if (damage.length > 0 && reason !== 'before-restore') {
    throw new ApiError('CONFLICT', `No backup was taken: SQLite's full integrity check found damage in the register (${damage.slice(0, 2).join('; ')}). The existing backups were kept; restore one of them.`);
  }
  fs.mkdirSync(folder, { recursive: true });
  removeLeftovers(folder);
  const now = options.now ?? new Date();
  const name = nameForFiles(registerName);
  // A new backup is always the newest in the list (two in the same second get the next second), so rotation never
  // takes it for an old one.
  const newest = listBackups(folder)[0]?.takenAt;
  let stamp = now;
  while (newest && takenAt(stamp) <= newest) stamp = new Date(stamp.getTime() + 1000);
  const fileName = `${name} ${localStamp(stamp)} ${reason}${REGISTER_EXTENSION}`;
  await saveCopy(db, path.join(folder, fileName), options.onProgress);
  const { keep } = readBackupSettings(db);
  const inUse = new Set([...(options.inUse ?? []), fileName]);
  // Backups before imports rotate among themselves, so a run of imports never pushes the daily and manual ones out.
  const sameKind = (b: BackupFile) => (b.reason === 'before-import') === (reason === 'before-import');
  if (rotate) for (const old of listBackups(folder).filter(sameKind).slice(keep)) if (!inUse.has(old.fileName)) fs.rmSync(path.join(folder, old.fileName), { force: true });
  return fileName;
}

/** True when daily backups are on and none was taken today (local date). */
export function dailyBackupDue(db: RegisterDb, folder: string, now = new Date()): boolean {
  if (!readBackupSettings(db).daily) return false;
  const today = localStamp(now).slice(0, 10);
  return !listBackups(folder).some((b) => b.takenAt.startsWith(today));
}

/** The path of a listed backup; anything else (another folder, a name not in the list) is refused. */
export function backupPath(folder: string, fileName: string): string {
  if (!listBackups(folder).some((b) => b.fileName === fileName)) {
    throw new ApiError('NOT_FOUND', `There is no backup called “${fileName}” in ${folder}. It may have been deleted; refresh the list.`);
  }
  return path.join(folder, fileName);
}
