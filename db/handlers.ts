// The implementation of every contract method over one open register.
import fs from 'node:fs';
import path from 'node:path';
import type { MethodArgs, MethodName, MethodResult } from './contract';
import { REGISTER_EXTENSION, type RegisterDb } from './connection';
import { listAudit, type WriteContext } from './audit';
import { countVendors, createVendor, deleteVendor, getVendor, listVendors, updateVendor } from './vendors';

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
    }),
    'vendors.list': (args) => listVendors(db, args),
    'vendors.get': ({ id }) => getVendor(db, id),
    'vendors.create': ({ vendor }) => createVendor(db, ctx, vendor),
    'vendors.update': ({ id, version, vendor }) => updateVendor(db, ctx, id, version, vendor),
    'vendors.delete': ({ id, version }) => deleteVendor(db, ctx, id, version),
    'audit.list': (args) => listAudit(db, args),
  };
}
