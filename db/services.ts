// Business services (critical operations) and the vendors that support them.
import { ApiError, type MethodArgs, type Service, type VendorService } from './contract';
import type { RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';
import { deleteAudited, fieldError, insertAudited, requireVendor, updateAudited, type TableDef } from './entity';

export const SERVICE: TableDef = {
  entity: 'service',
  table: 'services',
  columns: { name: 'name', criticality: 'criticality', description: 'description', maxOutageHours: 'max_outage_hours' },
  notFound: 'This service is no longer in the register.',
};

type Row = Record<string, unknown>;

function servicesWhere(db: RegisterDb, where: string, ...params: unknown[]): Service[] {
  const services = db.prepare(`SELECT * FROM services ${where} ORDER BY CASE criticality WHEN 'critical' THEN 0 WHEN 'important' THEN 1 ELSE 2 END, name`).all(...params) as Row[];
  const links = db
    .prepare(
      `SELECT sv.service_id, sv.vendor_id, sv.reliance, v.name, v.substitutability, v.exit_plan
       FROM service_vendors sv JOIN vendors v ON v.id = sv.vendor_id
       WHERE sv.service_id IN (SELECT id FROM services ${where})
       ORDER BY CASE sv.reliance WHEN 'full' THEN 0 WHEN 'material' THEN 1 ELSE 2 END, v.name`,
    )
    .all(...params) as Row[];
  return services.map((s) => ({
    id: s.id as number,
    name: s.name as string,
    criticality: s.criticality as Service['criticality'],
    description: s.description as string | null,
    maxOutageHours: s.max_outage_hours as number | null,
    vendors: links
      .filter((l) => l.service_id === s.id)
      .map((l) => ({
        vendorId: l.vendor_id as number,
        vendorName: l.name as string,
        reliance: l.reliance as Service['vendors'][number]['reliance'],
        substitutability: l.substitutability as Service['vendors'][number]['substitutability'],
        exitPlan: l.exit_plan === 1,
      })),
  }));
}

export const listServices = (db: RegisterDb) => servicesWhere(db, '');

function getService(db: RegisterDb, id: number): Service {
  const [service] = servicesWhere(db, 'WHERE id = ?', id);
  if (!service) throw new ApiError('NOT_FOUND', SERVICE.notFound);
  return service;
}

export function saveService(db: RegisterDb, ctx: WriteContext, { id, service }: MethodArgs<'services.save'>): Service {
  return db.transaction(() => {
    const clash = db.prepare('SELECT name FROM services WHERE name = ? AND id IS NOT ?').pluck().get(service.name, id ?? null) as string | undefined;
    if (clash !== undefined) throw fieldError('service.name', `A service named “${clash}” is already in the register.`);
    const savedId = id ?? insertAudited(db, ctx, SERVICE, service);
    if (id !== undefined) updateAudited(db, ctx, SERVICE, id, service);
    return getService(db, savedId);
  })();
}

export function deleteService(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => {
    for (const link of getService(db, id).vendors) unlinkVendor(db, ctx, id, link.vendorId);
    deleteAudited(db, ctx, SERVICE, id);
  })();
  return { id };
}

function linkImage(db: RegisterDb, serviceId: number, vendorId: number) {
  const row = db.prepare('SELECT reliance FROM service_vendors WHERE service_id = ? AND vendor_id = ?').get(serviceId, vendorId) as Row | undefined;
  return row ? { serviceId, vendorId, reliance: row.reliance } : null;
}

export function linkVendor(db: RegisterDb, ctx: WriteContext, { serviceId, vendorId, reliance }: MethodArgs<'services.link'>): Service {
  return db.transaction(() => {
    getService(db, serviceId);
    requireVendor(db, vendorId, 'vendorId');
    const before = linkImage(db, serviceId, vendorId);
    db.prepare(
      `INSERT INTO service_vendors (service_id, vendor_id, reliance) VALUES (?, ?, ?)
       ON CONFLICT (service_id, vendor_id) DO UPDATE SET reliance = excluded.reliance`,
    ).run(serviceId, vendorId, reliance);
    recordAudit(db, ctx, { entity: 'service_vendor', entityId: vendorId, action: before ? 'update' : 'create', before, after: linkImage(db, serviceId, vendorId) });
    return getService(db, serviceId);
  })();
}

export function unlinkVendor(db: RegisterDb, ctx: WriteContext, serviceId: number, vendorId: number): void {
  const before = linkImage(db, serviceId, vendorId);
  if (!before) return;
  db.prepare('DELETE FROM service_vendors WHERE service_id = ? AND vendor_id = ?').run(serviceId, vendorId);
  recordAudit(db, ctx, { entity: 'service_vendor', entityId: vendorId, action: 'delete', before, after: null });
}

export function unlinkVendorFromService(db: RegisterDb, ctx: WriteContext, { serviceId, vendorId }: MethodArgs<'services.unlink'>): Service {
  return db.transaction(() => {
    unlinkVendor(db, ctx, serviceId, vendorId);
    return getService(db, serviceId);
  })();
}

export function servicesForVendor(db: RegisterDb, vendorId: number): VendorService[] {
  return (
    db
      .prepare(
        `SELECT s.id, s.name, s.criticality, sv.reliance FROM service_vendors sv JOIN services s ON s.id = sv.service_id
         WHERE sv.vendor_id = ? ORDER BY s.name`,
      )
      .all(vendorId) as Row[]
  ).map((r) => ({ serviceId: r.id as number, serviceName: r.name as string, criticality: r.criticality as VendorService['criticality'], reliance: r.reliance as VendorService['reliance'] }));
}

/** Removes every service link of a vendor (used when the vendor itself is deleted). */
export function unlinkVendorEverywhere(db: RegisterDb, ctx: WriteContext, vendorId: number): void {
  for (const s of servicesForVendor(db, vendorId)) unlinkVendor(db, ctx, s.serviceId, vendorId);
}
