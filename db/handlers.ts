// The implementation of every contract method over one open register.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodArgs, MethodName, MethodResult } from './contract';
import { REGISTER_EXTENSION, type RegisterDb } from './connection';
import { listAudit, type WriteContext } from './audit';
import { listCategories, restoreDefaultCategories, updateCategory } from './categories';
import { deleteContract, listContracts, saveContract } from './contracts';
import { addDependency, dependenciesForVendor, removeDependency } from './dependencies';
import { dueSoon } from './due';
import { deleteHolding, listHoldings, saveHolding } from './holdings';
import { deleteIncident, getIncident, listIncidents, saveIncident } from './incidents';
import { boardSummary } from './board';
import { boardPackHtml } from './boardpack';
import { decide, whatIf } from './procurement';
import { listReviews, saveReview } from './reviews';
import { listSnapshots, readScoringSettings, scorePortfolio, scoreVendor, takeSnapshot, updateScoringSettings } from './scoring';
import { deleteService, linkVendor, listServices, saveService, servicesForVendor, unlinkVendorFromService } from './services';
import { countVendors, createVendor, deleteVendor, getVendor, listVendors, updateVendor, vendorUsage } from './vendors';

export type Handlers = { [M in MethodName]: (args: MethodArgs<M>) => MethodResult<M> };

export interface HandlerContext extends WriteContext {
  filePath: string;
}

export function readMeta(db: RegisterDb, key: string): string | null {
  return (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function createHandlers(db: RegisterDb, ctx: HandlerContext): Handlers {
  return {
    'register.info': () => ({
      id: readMeta(db, 'register_id') ?? '',
      name: path.basename(ctx.filePath, REGISTER_EXTENSION),
      path: ctx.filePath,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      createdAt: readMeta(db, 'created_at') ?? '',
      sizeBytes: fs.statSync(ctx.filePath).size,
      vendorCount: countVendors(db),
      sample: readMeta(db, 'sample') === 'true',
    }),
    'vendors.list': (args) => listVendors(db, args),
    'vendors.get': ({ id }) => getVendor(db, id),
    'vendors.create': ({ vendor }) => createVendor(db, ctx, vendor),
    'vendors.update': ({ id, version, vendor }) => updateVendor(db, ctx, id, version, vendor),
    'vendors.delete': ({ id, version, dependents }) => deleteVendor(db, ctx, id, version, dependents),
    'vendors.usage': ({ id }) => vendorUsage(db, id),
    'categories.list': () => listCategories(db),
    'categories.update': (args) => updateCategory(db, ctx, args),
    'categories.restoreDefaults': () => restoreDefaultCategories(db, ctx),
    'holdings.list': ({ vendorId }) => listHoldings(db, vendorId),
    'holdings.save': (args) => saveHolding(db, ctx, args),
    'holdings.delete': ({ id }) => deleteHolding(db, ctx, id),
    'services.list': () => listServices(db),
    'services.save': (args) => saveService(db, ctx, args),
    'services.delete': ({ id }) => deleteService(db, ctx, id),
    'services.link': (args) => linkVendor(db, ctx, args),
    'services.unlink': (args) => unlinkVendorFromService(db, ctx, args),
    'services.forVendor': ({ vendorId }) => servicesForVendor(db, vendorId),
    'dependencies.forVendor': ({ vendorId }) => dependenciesForVendor(db, vendorId),
    'dependencies.add': (args) => addDependency(db, ctx, args),
    'dependencies.remove': ({ id }) => removeDependency(db, ctx, id),
    'contracts.list': ({ vendorId }) => listContracts(db, vendorId),
    'contracts.save': (args) => saveContract(db, ctx, args),
    'contracts.delete': ({ id }) => deleteContract(db, ctx, id),
    'incidents.list': (args) => listIncidents(db, args),
    'incidents.get': ({ id }) => getIncident(db, id),
    'incidents.save': (args) => saveIncident(db, ctx, args),
    'incidents.delete': ({ id }) => deleteIncident(db, ctx, id),
    'reviews.list': ({ vendorId }) => listReviews(db, vendorId),
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
    'register.dueSoon': ({ withinDays }) => dueSoon(db, withinDays),
    'audit.list': (args) => listAudit(db, args),
  };
}
