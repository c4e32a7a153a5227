// The register service: the open register and the calls made on it. The Electron utility process and the HTTP
// harness both host one of these, so the app and the tests share every line below the transport.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Envelope, PortfolioScore, RegisterInfo, Snapshot } from './contract';
import { checkpoint, closeRegister, openRegister, RegisterFileError, REGISTER_EXTENSION, saveCopy, type OpenOptions, type OpenedRegister } from './connection';
import { dispatch } from './dispatch';
import { createHandlers, type Handlers } from './handlers';
import { populateSample, type ContractCall } from './sample';
import { dailySnapshotDue, recordSnapshot, takeDailySnapshotIfDue } from './scoring';
import { refreshNoticeDue } from './vendors';
import { backupFolder, dailyBackupDue, takeBackup } from './backups';
import { createJobs, type Jobs } from './jobs';
import { ANALYTIC_METHODS, COPY_LOG, createAnalysts, LOG_COPY, type Analysts } from './analyst';
import { findDamage } from './integrity';
import { readMeta } from './handlers';

const NOT_OPEN: Envelope<never> = { ok: false, error: { code: 'CONFLICT', message: 'No register is open. Open or create one from the File menu.' } };

/** Calls answered while an import is being written (everything else waits for it). */
const DURING_EXCLUSIVE_JOB = new Set(['jobs.status', 'jobs.cancel', 'register.info']);

/** SQLite's own threshold for copying the log into the file at a commit, in pages. */
const DEFAULT_AUTOCHECKPOINT = 1000;

/** Methods that change the register; after one, a daily snapshot is taken if none was taken today. */
const WRITE_METHOD = /\.(create|update|updateMany|delete|save|link|unlink|add|remove|restoreDefaults|updateScoring|undo)$/;

/** Calls refused once the full integrity check found damage: every write, and backups (a restore stays possible). */
const REFUSED_WHEN_DAMAGED = new RegExp(`${WRITE_METHOD.source}|^imports\\.(commit|saveMapping|deleteMapping)$|^backups\\.(take|updateSettings)$|^snapshots\\.take$`);

export interface ServiceOptions extends Omit<OpenOptions, 'create'> {
  actor?: string;
  /** Where backups are kept: the app passes its user-data folder; otherwise a Backups folder beside the register. */
  backupDir?: string;
  /** The script of an analyst thread (the app's bundle has its own); by default the sources' (see analyst.ts). */
  analystEntry?: string;
}

export interface RegisterService {
  /** Opens (or creates, optionally filled with the sample) a register; on failure the register that was open stays open. */
  open(filePath: string, options?: { create?: boolean; sample?: boolean }): RegisterInfo;
  /** Closes the register; throws (after closing) when its last changes could not be written into the file. */
  close(): void;
  current(): RegisterInfo | null;
  /** The problems the background integrity check found in the open register (empty when intact), once it has run. */
  integrityChecked(): Promise<string[]>;
  /** Runs SQLite's full integrity check on the open register now (between other calls); resolves with what it found. */
  checkIntegrity(): Promise<string[]>;
  /** The daily snapshot the last write asked for, once taken (null when none was due). */
  dailySnapshot(): Promise<Snapshot | null>;
  /** Resolves once the log of the last import is copied into the register file (see copyLogBeside). */
  logCopied(): Promise<void>;
  /** Runs one contract method. `registerId`, when given, must name the open register, or the call is refused. */
  call(method: string, args: unknown, registerId?: string | null): Envelope<unknown>;
  /**
   * Runs one contract method for a transport: a long analytic one (ANALYTIC_METHODS) on an analyst thread, so calls
   * made meanwhile are answered at once; `signal` cancels it when its answer is no longer wanted. Every other method
   * (and every method where analysts cannot read the register, see readerAddress) runs as `call` does.
   */
  request(method: string, args: unknown, registerId?: string | null, signal?: AbortSignal): Promise<Envelope<unknown>>;
  /** Long calls being answered by analysts now. */
  analysing(): number;
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
  let jobs: Jobs = createJobs();
  /** The register being put back by a restore: it reopens with its jobs (the restore job among them). */
  let restoring: { filePath: string; id: string } | null = null;
  let open: {
    register: OpenedRegister;
    handlers: Handlers;
    id: string;
    backups: string;
    lastBackupDay: string | null;
    /** Found by the full integrity check after opening; writes are refused while it lists problems. */
    damage: string[];
    checked: Promise<string[]>;
    snapshotDay: string | null;
    snapshot: Promise<Snapshot | null>;
    backupRoot: string;
    /** Started with the first long call. */
    analysts: Analysts | null;
    /** The copy of a large write's log into the file by an analyst (see copyLogBeside), while it may run. */
    logCopy: { flag: Int32Array; done: Promise<void> } | null;
    /** The daily snapshot's scoring by an analyst, while it runs (see snapshotIfDue). */
    snapshotScoring: AbortController | null;
  } | null = null;

  /** The register's facts with what the user should be told about it: the service knows what the handlers do not. */
  const withNotices = (value: RegisterInfo): RegisterInfo => {
    if (!open) return value;
    const leftovers = open.register.removedLeftovers.map((name) => `“${name}”, left beside the register by an interrupted task (a crash or a full disk), was removed when it opened.`);
    return { ...value, notices: [...leftovers, ...(open.damage.length ? [damageMessage(open.damage)] : [])] };
  };

  const info = (): RegisterInfo | null => {
    if (!open) return null;
    const result = dispatch(open.handlers, 'register.info', {});
    if (!result.ok) throw new Error(result.error.message);
    return withNotices(result.value as RegisterInfo);
  };

  const close = (): void => {
    const db = open?.register.db;
    if (open?.logCopy) endLogCopy(open.logCopy.flag);
    // Analysts end first: a call still reading would hold the log, which closing writes into the file (the checkpoint
    // waits the moment their threads take to stop).
    void open?.analysts?.close();
    open = null;
    if (!restoring) jobs.cancelAll();
    if (db) closeRegister(db);
  };

  /** Closing while another register opens: a log left by a failed checkpoint stays beside its file and is replayed on its next open. */
  const closeForSwitch = (): void => {
    try {
      close();
    } catch (error) {
      console.warn(`[register] ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  const damageMessage = (damage: string[]) =>
    `SQLite's full integrity check found damage in this register (${damage.slice(0, 2).join('; ')}${damage.length > 2 ? `; ${damage.length - 2} more` : ''}). To keep it from spreading, changes and backups are refused: restore a backup (Settings → Backups), or export what you need.`;

  /** The daily backup, taken in the background on opening and after the first change of a day. */
  const backupIfDue = () => {
    if (!open) return;
    const today = new Date().toDateString();
    if (open.lastBackupDay === today || jobs.exclusive()) return;
    const current = open;
    current.lastBackupDay = today;
    if (!dailyBackupDue(current.register.db, current.backups)) return;
    jobs.start(
      async (job) => {
        try {
          if (open === current) await takeBackup(current.register.db, current.backups, path.basename(current.register.filePath, REGISTER_EXTENSION), 'daily', { pause: job.checkpoint });
        } catch (error) {
          // A register closed meanwhile is simply not backed up today.
          if (open === current) throw error;
        }
      },
      { backup: true },
    );
  };

  /** The daily snapshot, after the first change of a day: it scores the whole portfolio, so it is taken once the
   * write has been answered, never inside it, and scored by an analyst where there are any. Never beside an import
   * being read, checked or written (each holds memory in proportion to the register; together, 300,000 vendors took
   * 350 MB more): it waits for the import to end, and one begun while it is scored calls it off until then (an
   * import is followed by one once written, after its log is copied; a restore running puts it off to the next change). */
  const snapshotIfDue = () => {
    if (!open) return;
    const today = new Date().toISOString().slice(0, 10);
    if (open.snapshotDay === today) return;
    const current = open;
    current.snapshotDay = today;
    const { db } = current.register;
    const take = async (): Promise<Snapshot | null> => {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (open !== current) return null;
        if (jobs.importing() || current.logCopy) {
          await Promise.all([jobs.afterImports(), current.logCopy?.done]);
          continue;
        }
        if (!dailySnapshotDue(db)) return null;
        if (jobs.exclusive()) {
          current.snapshotDay = null;
          return null;
        }
        if (!current.register.readers) return takeDailySnapshotIfDue(db);
        const scoring = (current.snapshotScoring = new AbortController());
        const scored = await analystsOf(current).run('scoring.portfolio', {}, scoring.signal);
        current.snapshotScoring = null;
        if (scoring.signal.aborted) continue;
        // Recorded only if the register is still open and no snapshot was taken meanwhile.
        return scored.ok && open === current && dailySnapshotDue(db) ? recordSnapshot(db, 'daily', scored.value as PortfolioScore) : null;
      }
    };
    current.snapshot = take().catch((error: unknown) => {
      console.warn(`[register] the daily snapshot was not taken: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
  };

  /**
   * A large write's log copied into the register file by an analyst, on a connection of its own: copied by the
   * register's connection at the commit (SQLite's automatic checkpoint), the log of an import of 100,000 vendors held
   * the process for 100-150 ms. The register's connection copies nothing itself until the analyst is done. Where
   * analysts cannot read beside the register (see readerAddress), the commit copies it as before.
   */
  const holdLogCopy = () => {
    if (open?.register.readers) open.register.db.pragma('wal_autocheckpoint = 0');
  };
  const copyLogBeside = () => {
    if (!open?.register.readers) return;
    const current = open;
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const done = analystsOf(current)
      .run(COPY_LOG, flag)
      .then((result) => {
        if (!result.ok && result.error.details?.cancelled !== true) console.warn(`[register] ${result.error.message}`);
      })
      .finally(() => {
        if (current.logCopy?.flag !== flag) return;
        current.logCopy = null;
        // Unless another import is being written meanwhile (its own copy follows it).
        if (open === current && !jobs.exclusive()) current.register.db.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
      });
    current.logCopy = { flag, done };
  };
  /** Calls off a copy not yet begun, or waits for one running to end (a checkpoint the closing connection starts
   * meanwhile would fail as busy). */
  const endLogCopy = (flag: Int32Array) => {
    if (Atomics.compareExchange(flag, 0, LOG_COPY.waiting, LOG_COPY.ended) === LOG_COPY.copying) Atomics.wait(flag, 0, LOG_COPY.copying, 30_000);
  };

  /** The open register's analysts, started with the first long call. */
  const analystsOf = (current: NonNullable<typeof open>): Analysts =>
    (current.analysts ??= createAnalysts(
      { address: current.register.readers!, filePath: current.register.filePath, backupRoot: current.backupRoot, actor, nativeBinding: options.nativeBinding },
      { entry: options.analystEntry },
    ));

  /** Why a call cannot be made now, or null when it can. */
  const refused = (method: string, registerId: string | null | undefined): Envelope<unknown> | null => {
    if (!open) return NOT_OPEN;
    if (registerId && registerId !== open.id) {
      return {
        ok: false,
        error: { code: 'CONFLICT', message: 'That request was for a register that is no longer open.', details: { staleRegister: true } },
      };
    }
    if (jobs.exclusive() && !DURING_EXCLUSIVE_JOB.has(method)) {
      return { ok: false, error: { code: 'CONFLICT', message: 'The register is busy writing an import or restoring a backup. Wait for it to finish, or cancel it.' } };
    }
    if (open.damage.length > 0 && REFUSED_WHEN_DAMAGED.test(method)) {
      return { ok: false, error: { code: 'CONFLICT', message: damageMessage(open.damage) } };
    }
    return null;
  };

  const service: RegisterService = {
    open(filePath, { create = false, sample = false } = {}) {
      if (open && !create && path.resolve(filePath) === open.register.filePath) {
        throw new RegisterFileError('ALREADY_OPEN', open.register.filePath, `“${path.basename(filePath)}” is already open in this window.`);
      }
      const register = openRegister(filePath, { ...options, create });
      try {
        refreshNoticeDue(register.db);
        for (const name of register.removedLeftovers) console.warn(`[register] removed ${name}, left by an interrupted task`);
        const registerId = readMeta(register.db, 'register_id') ?? '';
        // Jobs belong to the register they were started on: another register gets a fresh list (a restore keeps it).
        const previous = open ? { filePath: open.register.filePath, id: open.id } : restoring;
        const sameRegister = previous?.filePath === register.filePath && previous.id === registerId;
        const registerJobs = sameRegister ? jobs : createJobs();
        const backupRoot = options.backupDir ?? path.join(path.dirname(register.filePath), 'Backups');
        const handlers = createHandlers(register.db, {
          actor,
          filePath: register.filePath,
          now: () => new Date().toISOString(),
          backupRoot,
          jobs: registerJobs,
          nativeBinding: options.nativeBinding,
          replaceRegister: (source) => {
            const target = register.filePath;
            // The log must be in the file before the file is replaced: otherwise it would be replayed onto the backup.
            checkpoint(register.db);
            restoring = { filePath: target, id: registerId };
            close();
            for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
            try {
              fs.renameSync(source, target);
            } finally {
              try {
                service.open(target);
              } finally {
                restoring = null;
              }
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
        closeForSwitch();
        jobs = registerJobs;
        const opened: NonNullable<typeof open> = { register, handlers, id: registerId, backups: '', lastBackupDay: null, damage: [], checked: Promise.resolve([]), snapshotDay: null, snapshot: Promise.resolve(null), backupRoot, analysts: null, logCopy: null, snapshotScoring: null };
        open = opened;
        const current = info()!;
        opened.backups = backupFolder(backupRoot, current.name, current.id);
        opened.checked = new Promise((resolve) => {
          jobs.start(async (job) => {
            const damage = await findDamage(register.db, job.checkpoint).catch(() => []);
            opened.damage = damage;
            resolve(damage);
            if (damage.length > 0) console.warn(`[register] ${damageMessage(damage)}`);
            if (open === opened) backupIfDue();
          });
        });
        return current;
      } catch (error) {
        if (open?.register !== register && register.db.open) register.db.close();
        throw error;
      }
    },
    close,
    current: info,
    integrityChecked: () => open?.checked ?? Promise.resolve([]),
    dailySnapshot: () => open?.snapshot ?? Promise.resolve(null),
    logCopied: () => jobs.afterExclusive().then(() => open?.logCopy?.done),
    checkIntegrity: () => (open ? findDamage(open.register.db) : Promise.resolve([])),
    call(method, args, registerId) {
      const refusal = refused(method, registerId);
      if (refusal || !open) return refusal ?? NOT_OPEN;
      const result = dispatch(open.handlers, method, args);
      // An import's job begun by this call calls off the daily snapshot's scoring (see snapshotIfDue).
      if (open.snapshotScoring && jobs.importing()) open.snapshotScoring.abort();
      if (result.ok && method === 'register.info') return { ok: true, value: withNotices(result.value as RegisterInfo) };
      if (result.ok && WRITE_METHOD.test(method)) {
        refreshNoticeDue(open.register.db);
        snapshotIfDue();
        backupIfDue();
      }
      if (result.ok && method === 'imports.commit') {
        // The analysts read the register afresh after an import: idle ones end now rather than hold its old facts.
        open.analysts?.rest();
        holdLogCopy();
        void jobs.afterExclusive().then(() => {
          copyLogBeside();
          snapshotIfDue();
        });
      }
      return result;
    },
    request(method, args, registerId, signal) {
      const refusal = refused(method, registerId);
      if (refusal || !open) return Promise.resolve(refusal ?? NOT_OPEN);
      if (!ANALYTIC_METHODS.has(method) || open.register.readers === null) return Promise.resolve(service.call(method, args, registerId));
      return analystsOf(open).run(method, args, signal);
    },
    analysing: () => open?.analysts?.running() ?? 0,
    async saveCopy(target, onProgress) {
      if (!open) throw new Error('No register is open.');
      await saveCopy(open.register.db, target, onProgress);
    },
  };
  return service;
}
