// The implementation of every contract method over one open register.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodArgs, MethodName, MethodResult } from './contract';
import { REGISTER_EXTENSION, checkpoint, closeRegister, openRegister, type RegisterDb } from './connection';
import { readSetting, writeSetting } from './settings';
import { findDamage } from './integrity';
import { auditPeople, listAudit, personName, updatePersonName, type WriteContext } from './audit';
import { listCategories, restoreDefaultCategories, updateCategory } from './categories';
import { deleteContract, listContracts, saveContract } from './contracts';
import { addDependency, dependenciesForVendor, removeDependency } from './dependencies';
import { dueSoon } from './due';
import { deleteHolding, listHoldings, saveHolding } from './holdings';
import { deleteIncident, getIncident, listIncidents, saveIncident } from './incidents';
import { boardSummary } from './board';
import { boardPackHtml } from './boardpack';
import { mapSearch, providerMap, serviceMap } from './dependency-map';
import { decide, whatIf } from './procurement';
import { deleteScenario, listScenarios, rankProvidersJob, readScenarioSettings, reopenScenario, runScenario, saveScenario, scenarioTargets, updateScenarioSettings } from './scenarios';
import { scenarioBriefHtml } from './scenario-brief';
import { listReviews, saveReview } from './reviews';
import { listSnapshots, scorePortfolio, scoreVendor, takeSnapshot, updateScoringSettings } from './scoring';
import { readScoringSettings } from './facts';
import { deleteService, linkVendor, listServices, saveService, servicesForVendor, unlinkVendorFromService } from './services';
import { countVendors, createVendor, deleteVendor, getVendor, listVendors, updateManyVendors, vendorIds, updateVendor, vendorUsage } from './vendors';
import { undoable, undoChange } from './undo';
import { deleteView, listViews, saveView } from './saved-views';
import { ApiError, type RegisterInfo, type SavedMapping } from './contract';
import { backupFolder, backupList, backupPath, takeBackup, writeBackupSettings } from './backups';
import type { Jobs } from './jobs';
import { exportFile, exportJson } from './io/export';
import { checkImport, commitImport, describeFile } from './io/import';
import { readUpload, type SheetTable } from './io/read';
import { deleteBranch, deleteLegalEntity, getProvider, listArrangements, listBranches, listFunctions, listLegalEntities, saveArrangement, saveBranch, saveFunction, saveLegalEntity, saveProvider } from './regulatory/register';
import { exportRoi, lintRegister } from './regulatory/package';
import { importRoi } from './regulatory/roi-import';
import { dispatch } from './dispatch';
import { exportCps230, listCps230Arrangements, listCriticalOperations, saveCps230Arrangement, saveCriticalOperation } from './regulatory/cps230';
import { lintCps230 } from './regulatory/cps230-lint';

export type Handlers = { [M in MethodName]: (args: MethodArgs<M>) => MethodResult<M> };

export interface HandlerContext extends WriteContext {
  filePath: string;
  /** Where this register's backups folder goes (one folder per register inside it). */
  backupRoot: string;
  jobs: Jobs;
  /** The better-sqlite3 binary every database this process opens must use (see OpenOptions). */
  nativeBinding?: string;
  /** Closes the register, moves `source` over its file and opens it again (restoring a backup). */
  replaceRegister(source: string): RegisterInfo;
}

/** The key, in a saved mapping's columns, of its translations and defaults (field keys never start with "@"). */
const MAPPING_EXTRAS = '@options';

/** Files read for import, kept until the next ones are read (the newest few, to bound memory) or one is imported. */
const KEEP_FILES = 2;

/**
 * A copy of a job's answer made of fresh strings: text cut from a kept file's rows would otherwise hold the whole
 * block of the file it came from for as long as the answer is kept.
 */
const detached = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function readMeta(db: RegisterDb, key: string): string | null {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function createHandlers(db: RegisterDb, context: HandlerContext): Handlers {
  const account = context.actor;
  // Every write is recorded under the person's name as it is when the write happens (Settings can change it).
  const ctx: HandlerContext = {
    ...context,
    get actor() {
      return personName(db, account).name;
    },
  };
  const registerName = path.basename(ctx.filePath, REGISTER_EXTENSION);
  const backups = backupFolder(ctx.backupRoot, registerName, readMeta(db, 'register_id') ?? '');
  const files = new Map<string, { table: SheetTable; fileName: string }>();
  const file = (fileId: string) => {
    const found = files.get(fileId);
    if (!found) throw new ApiError('NOT_FOUND', 'The file is no longer loaded. Choose it again.');
    return found;
  };
  /** Lists for one vendor answer NOT_FOUND for a vendor that is not in the register, rather than an empty list. */
  const existingVendor = (vendorId: number): number => {
    if (!db.prepare('SELECT 1 FROM vendors WHERE id = ?').get(vendorId)) throw new ApiError('NOT_FOUND', 'This vendor no longer exists in the register.');
    return vendorId;
  };
  // A saved mapping's translations and defaults are kept beside its columns under a key no field has.
  const mappingRow = (r: Record<string, unknown>): SavedMapping => {
    const { [MAPPING_EXTRAS]: extras, ...columns } = JSON.parse(r.columns_json as string) as Record<string, string>;
    const { translate = {}, defaults = {} } = extras ? (JSON.parse(extras) as Partial<Pick<SavedMapping, 'translate' | 'defaults'>>) : {};
    return { id: r.id as number, name: r.name as string, entity: r.entity as SavedMapping['entity'], columns, translate, defaults, createdAt: r.created_at as string };
  };

  /** Restores a listed backup, after checking it (same register, no damage) and backing up the register as it is; `stillAllowed` throws when it no longer may. */
  const restoreBackup = (fileName: string, stillAllowed: () => void = () => undefined) => {
    const source = backupPath(backups, fileName);
    return {
      jobId: ctx.jobs.start(
        async (job) => {
          stillAllowed();
          const temp = `${ctx.filePath}.${process.pid}.restoring`;
          const removeTemp = () => {
            for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${temp}${suffix}`, { force: true });
          };
          job.progress('Checking the backup', 0, 3);
          try {
            // Copied first, so nothing that runs during the restore (the rotation of old backups) can take it away.
            fs.copyFileSync(source, temp);
            const copy = openRegister(temp, { backupDir: backups, nativeBinding: ctx.nativeBinding });
            try {
              if (readMeta(copy.db, 'register_id') !== readMeta(db, 'register_id')) throw new Error('it is a backup of another register');
              const damage = await findDamage(copy.db, job.checkpoint);
              if (damage.length > 0) throw new Error(`SQLite's full integrity check found damage in it (${damage.slice(0, 2).join('; ')})`);
            } finally {
              closeRegister(copy.db);
            }
          } catch (error) {
            removeTemp();
            throw new ApiError('VALIDATION', `That backup cannot be restored, and the register was left as it was: ${error instanceof Error ? error.message : String(error)}`);
          }
          try {
            job.progress('Backing up the register as it is now', 1, 3);
            await ctx.jobs.afterBackups();
            // Before anything is replaced, the register's log must go into its file (this fails on a full disk).
            checkpoint(db);
            await takeBackup(db, backups, registerName, 'before-restore', { inUse: [fileName], pause: job.checkpoint });
            job.progress('Replacing the register', 2, 3);
            return ctx.replaceRegister(temp);
          } catch (error) {
            removeTemp();
            if (error instanceof ApiError) throw error;
            throw new ApiError('CONFLICT', `The backup was not restored, and the register was left as it was: ${error instanceof Error ? error.message : String(error)}`);
          }
        },
        { exclusive: true },
      ),
    };
  };

  /** Imports that "Undo this import" may still undo: the audit entry of the import → its backup and the register's change count right after it. */
  const undoableImports = new Map<number, { backup: string; changes: number }>();
  const totalChanges = () => db.prepare('SELECT total_changes()').pluck().get() as number;

  const registerInfo = (): RegisterInfo => ({
    id: readMeta(db, 'register_id') ?? '',
    name: path.basename(ctx.filePath, REGISTER_EXTENSION),
    path: ctx.filePath,
    schemaVersion: db.pragma('user_version', { simple: true }) as number,
    createdAt: readMeta(db, 'created_at') ?? '',
    sizeBytes: fs.statSync(ctx.filePath).size,
    vendorCount: countVendors(db),
    sample: readMeta(db, 'sample') === 'true',
    notices: [],
    dateOrder: readSetting(db, 'date_order') as 'dmy' | 'mdy' | null,
  });

  return {
    'register.info': () => registerInfo(),
    'settings.updateDateOrder': ({ order }) => {
      writeSetting(db, 'date_order', order);
      return registerInfo();
    },
    'vendors.list': (args) => listVendors(db, args),
    'vendors.get': ({ id }) => getVendor(db, id),
    'vendors.create': ({ vendor }) => createVendor(db, ctx, vendor),
    'vendors.update': ({ id, version, vendor }) => updateVendor(db, ctx, id, version, vendor),
    'vendors.delete': ({ id, version, dependents }) => undoable(db, () => deleteVendor(db, ctx, id, version, dependents)),
    'vendors.ids': (filter) => vendorIds(db, filter),
    'views.list': () => listViews(db),
    'views.save': ({ view }) => saveView(db, view),
    'views.delete': ({ name }) => deleteView(db, name),
    'vendors.updateMany': (args) => undoable(db, () => updateManyVendors(db, ctx, args)),
    'vendors.usage': ({ id }) => vendorUsage(db, existingVendor(id)),
    'categories.list': () => listCategories(db),
    'categories.update': (args) => updateCategory(db, ctx, args),
    'categories.restoreDefaults': () => restoreDefaultCategories(db, ctx),
    'holdings.list': ({ vendorId }) => listHoldings(db, existingVendor(vendorId)),
    'holdings.save': (args) => saveHolding(db, ctx, args),
    'holdings.delete': ({ id }) => undoable(db, () => deleteHolding(db, ctx, id)),
    'services.list': () => listServices(db),
    'services.save': (args) => saveService(db, ctx, args),
    'services.delete': ({ id }) => undoable(db, () => deleteService(db, ctx, id)),
    'services.link': (args) => linkVendor(db, ctx, args),
    'services.unlink': (args) => unlinkVendorFromService(db, ctx, args),
    'services.forVendor': ({ vendorId }) => servicesForVendor(db, existingVendor(vendorId)),
    'dependencies.forVendor': (args) => dependenciesForVendor(db, { ...args, vendorId: existingVendor(args.vendorId) }),
    'dependencies.add': (args) => addDependency(db, ctx, args),
    'dependencies.remove': ({ id }) => undoable(db, () => removeDependency(db, ctx, id)),
    'contracts.list': ({ vendorId }) => listContracts(db, vendorId === undefined ? vendorId : existingVendor(vendorId)),
    'contracts.save': (args) => saveContract(db, ctx, args),
    'contracts.delete': ({ id }) => undoable(db, () => deleteContract(db, ctx, id)),
    'incidents.list': (args) => listIncidents(db, args),
    'incidents.get': ({ id }) => getIncident(db, id),
    'incidents.save': (args) => saveIncident(db, ctx, args),
    'incidents.delete': ({ id }) => undoable(db, () => deleteIncident(db, ctx, id)),
    'changes.undo': (token) => undoChange(db, ctx, token),
    'reviews.list': ({ vendorId }) => listReviews(db, vendorId === undefined ? vendorId : existingVendor(vendorId)),
    'reviews.save': (args) => saveReview(db, ctx, args),
    'reviews.whatIf': ({ vendorId }) => whatIf(db, vendorId),
    'reviews.decide': (args) => decide(db, ctx, args),
    'settings.scoring': () => readScoringSettings(db),
    'settings.updateScoring': ({ settings }) => updateScoringSettings(db, ctx, settings),
    'scoring.portfolio': () => scorePortfolio(db),
    'scoring.vendor': ({ id }) => scoreVendor(db, id),
    'snapshots.list': () => listSnapshots(db),
    'snapshots.take': () => takeSnapshot(db, 'manual'),
    'board.summary': ({ periodDays }) => boardSummary(db, path.basename(ctx.filePath, REGISTER_EXTENSION), periodDays),
    'board.pack': ({ periodDays }) => boardPackHtml(boardSummary(db, path.basename(ctx.filePath, REGISTER_EXTENSION), periodDays)),
    'board.dependencyMap': (query) => {
      const map = query.mode === 'service' ? serviceMap(db, query.serviceId) : providerMap(db, query.vendorId);
      if (!map) throw new ApiError('NOT_FOUND', query.mode === 'service' ? 'That service is no longer in the register.' : 'That vendor is no longer in the register.');
      return map;
    },
    'board.mapSearch': ({ text }) => mapSearch(db, text),
    'register.dueSoon': ({ withinDays }) => dueSoon(db, withinDays),
    'audit.list': (args) => listAudit(db, args),
    'audit.people': () => auditPeople(db),
    'settings.person': () => personName(db, account),
    'settings.updatePerson': ({ name }) => updatePersonName(db, account, name),

    'jobs.status': ({ jobId }) => ctx.jobs.status(jobId),
    'jobs.cancel': ({ jobId }) => ctx.jobs.cancel(jobId),

    'imports.read': ({ fileName, base64, ...choices }) => ({
      jobId: ctx.jobs.start(async (job) => {
        job.progress('Reading the file', 0, 1);
        const table = await readUpload(base64, fileName, choices, job);
        const fileId = `${Date.now().toString(36)}-${files.size}`;
        files.set(fileId, { table, fileName });
        for (const old of [...files.keys()].slice(0, Math.max(0, files.size - KEEP_FILES))) files.delete(old);
        return detached(await describeFile(fileId, fileName, table, db.prepare('SELECT code, label FROM data_categories ORDER BY sort_order, id').all() as { code: string; label: string }[], job));
      }, { importing: true }),
    }),
    'imports.check': ({ fileId, options }) => {
      const { table } = file(fileId);
      return { jobId: ctx.jobs.start(async (job) => detached(await checkImport(db, table, options, job)), { importing: true }) };
    },
    'imports.commit': ({ fileId, options }) => {
      const { table, fileName } = file(fileId);
      return {
        jobId: ctx.jobs.start(
          async (job) => {
            job.progress('Backing up the register before the import', 0, 1);
            await ctx.jobs.afterBackups();
            const backup = await takeBackup(db, backups, registerName, 'before-import', { pause: job.checkpoint });
            const report = detached(await commitImport(db, ctx, table, fileName, options, job));
            if (!report.committed) {
              fs.rmSync(path.join(backups, backup), { force: true });
              return report;
            }
            // Once imported, nothing of the file is kept: only the report.
            files.delete(fileId);
            const auditId = db.prepare("SELECT max(id) FROM audit_log WHERE entity = 'import'").pluck().get() as number;
            undoableImports.set(auditId, { backup, changes: totalChanges() });
            return { ...report, undo: { backup, auditId } };
          },
          { exclusive: true, importing: true },
        ),
      };
    },
    'imports.undo': ({ backup, auditId }) => {
      const stillAllowed = () => {
        const entry = undoableImports.get(auditId);
        if (!entry || entry.backup !== backup) throw new ApiError('CONFLICT', 'This import can no longer be undone here: the register was closed or restored since. Its backup is still listed under Backups, restore, export.');
        if (totalChanges() !== entry.changes) {
          throw new ApiError('CONFLICT', 'This import can no longer be undone: the register was changed after it, and undoing would lose those changes too. To go back anyway, restore the backup taken before the import (Settings → Backups).');
        }
      };
      stillAllowed();
      return restoreBackup(backup, stillAllowed);
    },
    'imports.mappings': () => (db.prepare('SELECT * FROM import_mappings ORDER BY entity, name').all() as Record<string, unknown>[]).map(mappingRow),
    'imports.saveMapping': ({ name, entity, columns: fields, translate, defaults }) => {
      const columns = Object.keys(translate).length || Object.keys(defaults).length ? { ...fields, [MAPPING_EXTRAS]: JSON.stringify({ translate, defaults }) } : fields;
      db.prepare(
        `INSERT INTO import_mappings (name, entity, columns_json, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (entity, name) DO UPDATE SET columns_json = excluded.columns_json, created_at = excluded.created_at`,
      ).run(name, entity, JSON.stringify(columns), ctx.now());
      return mappingRow(db.prepare('SELECT * FROM import_mappings WHERE entity = ? AND name = ? COLLATE NOCASE').get(entity, name) as Record<string, unknown>);
    },
    'imports.deleteMapping': ({ id }) => {
      if (db.prepare('DELETE FROM import_mappings WHERE id = ?').run(id).changes === 0) throw new ApiError('NOT_FOUND', 'This saved mapping no longer exists.');
      return { id };
    },

    'exports.table': (args) => ({ jobId: ctx.jobs.start((job) => exportFile(db, registerName, args, job)) }),
    'exports.json': () => ({ jobId: ctx.jobs.start((job) => exportJson(db, registerName, job)) }),

    'legalEntities.list': () => listLegalEntities(db),
    'legalEntities.save': (args) => saveLegalEntity(db, ctx, args),
    'legalEntities.delete': ({ id }) => deleteLegalEntity(db, ctx, id),
    'branches.list': () => listBranches(db),
    'branches.save': (args) => saveBranch(db, ctx, args),
    'branches.delete': ({ id }) => deleteBranch(db, ctx, id),
    'arrangements.list': () => listArrangements(db),
    'arrangements.save': (args) => saveArrangement(db, ctx, args),
    'functions.list': () => listFunctions(db),
    'functions.save': (args) => saveFunction(db, ctx, args),
    'providers.save': (args) => saveProvider(db, ctx, args),
    'providers.get': ({ vendorId }) => getProvider(db, vendorId),
    'roi.lint': (args) => lintRegister(db, args),
    'roi.export': (args) => ({ jobId: ctx.jobs.start(async () => exportRoi(db, args)) }),
    'roi.import': (args) => ({
      jobId: ctx.jobs.start(async () => {
        // The import writes through the contract's own methods, validated and audited like any edit.
        const handlers = createHandlers(db, context);
        return importRoi(db, args, (method, input) => {
          const result = dispatch(handlers, method, input);
          if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.details);
          return result.value as never;
        });
      }),
    }),
    'cps230.arrangements': () => listCps230Arrangements(db),
    'cps230.saveArrangement': (args) => saveCps230Arrangement(db, ctx, args),
    'cps230.operations': () => listCriticalOperations(db),
    'cps230.saveOperation': (args) => saveCriticalOperation(db, ctx, args),
    'cps230.lint': (args) => lintCps230(db, { referenceDate: args.referenceDate! }),
    'cps230.export': (args) => ({ jobId: ctx.jobs.start(() => exportCps230(db, args)) }),

    'scenarios.targets': ({ text }) => scenarioTargets(db, text),
    'scenarios.run': ({ scenario }) => runScenario(db, scenario),
    'scenarios.rank': () => ({ jobId: ctx.jobs.start((job) => rankProvidersJob(db, job)) }),
    'scenarios.save': (fields) => saveScenario(db, ctx, fields),
    'scenarios.list': () => listScenarios(db),
    'scenarios.get': ({ id }) => reopenScenario(db, id),
    'scenarios.delete': ({ id }) => deleteScenario(db, ctx, id),
    'scenarios.brief': ({ id }) => scenarioBriefHtml(reopenScenario(db, id), registerName),
    'scenarioSettings.get': () => readScenarioSettings(db),
    'scenarioSettings.update': ({ settings }) => updateScenarioSettings(db, ctx, settings),

    'backups.list': () => backupList(db, backups),
    'backups.updateSettings': (settings) => writeBackupSettings(db, settings),
    'backups.take': () => ({
      jobId: ctx.jobs.start(async (job) => {
        const fileName = await takeBackup(db, backups, registerName, 'manual', { onProgress: (f) => job.progress('Copying the register', f, 1), pause: job.checkpoint });
        return backupList(db, backups).backups.find((b) => b.fileName === fileName);
      }, { backup: true }),
    }),
    'backups.restore': ({ fileName }) => restoreBackup(fileName),
  };
}
