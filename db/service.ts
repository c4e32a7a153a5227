// The register service: the open register and the calls made on it. The Electron utility process and the HTTP
// harness both host one of these, so the app and the tests share every line below the transport.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Envelope, RegisterInfo } from './contract';
import { openRegister, REGISTER_EXTENSION, saveCopy, type OpenOptions, type OpenedRegister } from './connection';
import { dispatch } from './dispatch';
import { createHandlers, type Handlers } from './handlers';
import { populateSample, type ContractCall } from './sample';
import { takeDailySnapshotIfDue } from './scoring';
import { backupFolder, dailyBackupDue, takeBackup } from './backups';
import { createJobs } from './jobs';

/** Calls answered while an import is being written (everything else waits for it). */
const DURING_EXCLUSIVE_JOB = new Set(['jobs.status', 'jobs.cancel', 'register.info']);

/** Methods that change the register; after one, a daily snapshot is taken if none was taken today. */
const WRITE_METHOD = /\.(create|update|delete|save|link|unlink|add|remove|restoreDefaults|updateScoring)$/;

export interface ServiceOptions extends Omit<OpenOptions, 'create'> {
  actor?: string;
  /** Where backups are kept: the app passes its user-data folder; otherwise a Backups folder beside the register. */
  backupDir?: string;
}

export interface RegisterService {
  /** Opens (or creates, optionally filled with the sample) a register; on failure the register that was open stays open. */
  open(filePath: string, options?: { create?: boolean; sample?: boolean }): RegisterInfo;
  close(): void;
  current(): RegisterInfo | null;
  /** Runs one contract method. `registerId`, when given, must name the open register, or the call is refused. */
  call(method: string, args: unknown, registerId?: string | null): Envelope<unknown>;
  saveCopy(target: string, onProgress?: (fraction: number) => void): Promise<void>;
}

function defaultActor(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

export function createRegisterService(options: ServiceOptions = {}): RegisterService {
  const actor = options.actor ?? defaultActor();
  const jobs = createJobs();
  let open: { register: OpenedRegister; handlers: Handlers; id: string; backups: string; lastBackupDay: string | null } | null = null;

  const info = (): RegisterInfo | null => {
    if (!open) return null;
    const result = dispatch(open.handlers, 'register.info', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as RegisterInfo;
  };

  const close = (): void => {
    if (open?.register.db.open) open.register.db.close();
    open = null;
  };

  /** The daily backup, taken in the background on opening and after the first change of a day. */
  const backupIfDue = () => {
    if (!open) return;
    const today = new Date().toDateString();
    if (open.lastBackupDay === today || jobs.exclusive()) return;
    const current = open;
    current.lastBackupDay = today;
    if (!dailyBackupDue(current.register.db, current.backups)) return;
    jobs.start(
      async () => {
        if (open === current) await takeBackup(current.register.db, current.backups, path.basename(current.register.filePath, REGISTER_EXTENSION), 'daily');
      },
      { backup: true },
    );
  };

  const service: RegisterService = {
    open(filePath, { create = false, sample = false } = {}) {
      const register = openRegister(filePath, { ...options, create });
      const backupRoot = options.backupDir ?? path.join(path.dirname(register.filePath), 'Backups');
      const handlers = createHandlers(register.db, {
        actor,
        filePath: register.filePath,
        now: () => new Date().toISOString(),
        backupRoot,
        jobs,
        replaceRegister: (source) => {
          const target = register.filePath;
          close();
          try {
            fs.renameSync(source, target);
          } finally {
            service.open(target);
          }
          return info()!;
        },
      });
      if (create && sample) {
        const call: ContractCall = (method, args) => {
          const result = dispatch(handlers, method, args);
          if (!result.ok) throw new Error(`The sample register could not be built: ${method}: ${result.error.message}`);
          return result.value as never;
        };
        register.db.transaction(() => {
          populateSample(call);
          register.db.prepare("INSERT INTO meta (key, value) VALUES ('sample', 'true')").run();
        })();
      }
      close();
      open = { register, handlers, id: '', backups: '', lastBackupDay: null };
      const current = info()!;
      open.id = current.id;
      open.backups = backupFolder(backupRoot, current.name, current.id);
      backupIfDue();
      return current;
    },
    close,
    current: info,
    call(method, args, registerId) {
      if (!open) return { ok: false, error: { code: 'CONFLICT', message: 'No register is open. Open or create one from the File menu.' } };
      if (registerId && registerId !== open.id) {
        return {
          ok: false,
          error: { code: 'CONFLICT', message: 'That request was for a register that is no longer open.', details: { staleRegister: true } },
        };
      }
      if (jobs.exclusive() && !DURING_EXCLUSIVE_JOB.has(method)) {
        return { ok: false, error: { code: 'CONFLICT', message: 'The register is busy writing an import or restoring a backup. Wait for it to finish, or cancel it.' } };
      }
      const result = dispatch(open.handlers, method, args);
      if (result.ok && WRITE_METHOD.test(method)) {
        takeDailySnapshotIfDue(open.register.db);
        backupIfDue();
      }
      return result;
    },
    async saveCopy(target, onProgress) {
      if (!open) throw new Error('No register is open.');
      await saveCopy(open.register.db, target, onProgress);
    },
  };
  return service;
}
