// The APRA CPS 230 register of material service providers (para 51), kept on the register's own tables: each
// contract's CPS 230 fields (migration 0120) and the business services as critical operations with their tolerance
// levels (the maximum period of disruption is the service's maximum tolerable outage).
//
// The workbook follows the parts of APRA's "Material Service Provider Register Template" as APRA and Bright Law
// describe it (brightlaw.com.au/?p=30640: the critical operation each arrangement supports, as listed in para 36,
// with all its tolerance levels; fourth parties optional; apra.gov.au "Final targeted amendments to CPS 230",
// 30 April 2026: exempt arrangements with non-traditional service providers are classified). APRA's workbook itself
// could not be read here, so its exact column order is not claimed: the sheets name each column in words and the
// About sheet says so (see docs/regulatory.md). Each material arrangement also carries the contract's status as the
// reason it ends, and its assurance and exit evidence — the date of the last audit, the possibility of reintegrating the
// service, the impact of discontinuing it, the alternative providers — which REGULATORY.md §3.4 lists among what the
// template asks of an arrangement (contract status; assurance and audit dates; exit plan) and §3.5 maps onto the DORA
// assessment (B_07.01, exit and substitutability). They are the same fields the RoI reports, kept once per contract.
import writeExcelFile from 'write-excel-file/node';
import { ApiError, type Cps230Arrangement, type CriticalOperation, type ExportedFile, type MethodArgs } from '../contract';
import type { RegisterDb } from '../connection';
import { recordAudit, type WriteContext } from '../audit';
import { neutralise } from '../shared/import-report';
import { SERVICE_TYPE_LABELS, SUBSTITUTABILITY_LABELS } from '../shared/labels';
import {
  ALTERNATIVES_LABELS,
  ARRANGEMENT_FIELD,
  MATERIAL_BASIS_LABELS,
  NTSP_CATEGORY_LABELS,
  REINTEGRATION_LABELS,
  SERVICE_IMPACT_LABELS,
  TERMINATION_REASON_LABELS,
  type Alternatives,
  type MaterialBasis,
  type NtspCategory,
  type Reintegration,
  type ServiceImpact,
  type TerminationReason,
} from '../shared/regulatory-codes';

type Row = Record<string, unknown>;

const ARRANGEMENT_COLUMNS = {
  materialBasis: 'material_basis',
  apraNotifiedOn: 'apra_notified_on',
  offshoring: 'offshoring',
  offshoringConsultedOn: 'offshoring_consulted_on',
  ntspCategory: 'ntsp_category',
  ntspStandardTerms: 'ntsp_standard_terms',
} as const;
const OPERATION_COLUMNS = {
  criticalOperation: 'critical_operation',
  maxOutageHours: 'max_outage_hours',
  dataLossTolerance: 'data_loss_tolerance',
  minServiceLevel: 'min_service_level',
} as const;
const BOOLEANS = new Set(['offshoring', 'ntspStandardTerms', 'criticalOperation']);

const fromRow = (columns: Record<string, string>, r: Row) => Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, BOOLEANS.has(field) ? r[column] === 1 : r[column]]));
const toRow = (columns: Record<string, string>, fields: Record<string, unknown>) => Object.entries(columns).map(([field]) => (typeof fields[field] === 'boolean' ? (fields[field] ? 1 : 0) : fields[field]));

function arrangementsWhere(db: RegisterDb, where: string, ...params: unknown[]): Cps230Arrangement[] {
  const rows = db.prepare(`SELECT c.*, v.name AS vendor_name FROM contracts c JOIN vendors v ON v.id = c.vendor_id ${where} ORDER BY c.reference`).all(...params) as Row[];
  return rows.map((r) => ({ contractId: r.id as number, reference: String(r.reference), vendorName: String(r.vendor_name), ...fromRow(ARRANGEMENT_COLUMNS, r) }) as Cps230Arrangement);
}

export const listCps230Arrangements = (db: RegisterDb) => arrangementsWhere(db, '');

export function saveCps230Arrangement(db: RegisterDb, ctx: WriteContext, { contractId, arrangement }: MethodArgs<'cps230.saveArrangement'>): Cps230Arrangement {
  return db.transaction(() => {
    const [before] = arrangementsWhere(db, 'WHERE c.id = ?', contractId);
    if (!before) throw new ApiError('NOT_FOUND', 'This contract is no longer in the register.');
    const columns = Object.values(ARRANGEMENT_COLUMNS);
    db.prepare(`UPDATE contracts SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...toRow(ARRANGEMENT_COLUMNS, arrangement), contractId);
    const [after] = arrangementsWhere(db, 'WHERE c.id = ?', contractId);
    const image = ({ contractId: _id, reference: _ref, vendorName: _name, ...fields }: Cps230Arrangement) => fields;
    if (JSON.stringify(image(before)) !== JSON.stringify(image(after!))) recordAudit(db, ctx, { entity: 'material_arrangement', entityId: contractId, action: 'update', before: image(before), after: image(after!) });
    return after!;
  })();
}

function operationsWhere(db: RegisterDb, where: string, ...params: unknown[]): CriticalOperation[] {
  return (db.prepare(`SELECT * FROM services ${where} ORDER BY name`).all(...params) as Row[]).map(
    (r) => ({ serviceId: r.id as number, name: String(r.name), criticality: r.criticality, ...fromRow(OPERATION_COLUMNS, r) }) as CriticalOperation,
  );
}

export const listCriticalOperations = (db: RegisterDb) => operationsWhere(db, '');

export function saveCriticalOperation(db: RegisterDb, ctx: WriteContext, { serviceId, operation }: MethodArgs<'cps230.saveOperation'>): CriticalOperation {
  return db.transaction(() => {
    const [before] = operationsWhere(db, 'WHERE id = ?', serviceId);
    if (!before) throw new ApiError('NOT_FOUND', 'This service is no longer in the register.');
    const columns = Object.values(OPERATION_COLUMNS);
    db.prepare(`UPDATE services SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...toRow(OPERATION_COLUMNS, operation), serviceId);
    const [after] = operationsWhere(db, 'WHERE id = ?', serviceId);
    const image = ({ serviceId: _id, name: _name, criticality: _c, ...fields }: CriticalOperation) => fields;
    if (JSON.stringify(image(before)) !== JSON.stringify(image(after!))) recordAudit(db, ctx, { entity: 'critical_operation', entityId: serviceId, action: 'update', before: image(before), after: image(after!) });
    return after!;
  })();
}

/** One sheet of the workbook: its name, the column headings in words, and its rows. */
export interface Cps230Sheet {
  sheet: string;
  headers: string[];
  rows: (string | number | null)[][];
}

const yes = (b: unknown) => (b === 1 || b === true ? 'Yes' : 'No');
const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const list = (values: string[]) => (values.length ? values.join('; ') : null);

/**
 * The register's CPS 230 sheets on a reference date. Material arrangements are the contracts with a materiality basis
 * in force on that date (started on or before it, not ended before it); material service providers are their vendors;
 * fourth parties are every vendor down those providers' dependency chains (rank 2 supplies the provider itself).
 */
export function buildCps230(db: RegisterDb, { referenceDate }: { referenceDate: string }): Cps230Sheet[] {
  const contracts = db
    .prepare(
      `SELECT c.*, v.name AS vendor_name FROM contracts c JOIN vendors v ON v.id = c.vendor_id
       WHERE c.material_basis IS NOT NULL AND (c.start_date IS NULL OR c.start_date <= ?) AND (c.end_date IS NULL OR c.end_date >= ?)
       ORDER BY c.reference`,
    )
    .all(referenceDate, referenceDate) as Row[];
  const vendors = new Map((db.prepare('SELECT * FROM vendors').all() as Row[]).map((v) => [v.id as number, v]));
  const operationsOf = db.prepare('SELECT s.name FROM service_vendors sv JOIN services s ON s.id = sv.service_id WHERE sv.vendor_id = ? AND s.critical_operation = 1 ORDER BY s.name').pluck();
  const storedIn = db.prepare('SELECT DISTINCT storage_country FROM holdings WHERE vendor_id = ? AND storage_country IS NOT NULL ORDER BY storage_country').pluck();
  const suppliersOf = db.prepare('SELECT supplier_id FROM dependencies WHERE vendor_id = ? ORDER BY supplier_id').pluck();
  const name = (id: unknown) => String(vendors.get(id as number)?.name ?? '');

  const arrangements: Cps230Sheet = {
    sheet: 'Material arrangements',
    headers: [
      'Arrangement reference', 'Material service provider', 'Basis of materiality', 'Critical operations supported', 'Service provided', 'Start date', 'End date',
      ARRANGEMENT_FIELD.terminationReason, 'Our notice period (days)', 'Provider’s notice period (days)', 'Annual value', 'Currency', 'Offshoring', 'Country of service provision', 'Countries where data is stored',
      'APRA notified of the agreement (para 59(a))', 'APRA consulted on the offshoring (para 59(b))', 'Non-traditional service provider category', 'Exempt from the contractual requirements',
      ARRANGEMENT_FIELD.lastAuditOn, ARRANGEMENT_FIELD.reintegration, 'Impact of discontinuing the service', ARRANGEMENT_FIELD.alternativesIdentified, ARRANGEMENT_FIELD.alternativeProviders,
    ],
    rows: contracts.map((c) => [
      String(c.reference),
      String(c.vendor_name),
      MATERIAL_BASIS_LABELS[c.material_basis as MaterialBasis],
      list(operationsOf.all(c.vendor_id) as string[]),
      SERVICE_TYPE_LABELS[vendors.get(c.vendor_id as number)!.service_type as keyof typeof SERVICE_TYPE_LABELS] ?? text(vendors.get(c.vendor_id as number)!.service_type),
      text(c.start_date),
      text(c.end_date),
      c.termination_reason ? TERMINATION_REASON_LABELS[c.termination_reason as TerminationReason] : null,
      (c.notice_days as number | null) ?? null,
      (c.provider_notice_days as number | null) ?? null,
      (c.annual_value as number | null) ?? null,
      text(c.currency),
      yes(c.offshoring),
      text(c.provision_country),
      list(storedIn.all(c.vendor_id) as string[]),
      text(c.apra_notified_on),
      text(c.offshoring_consulted_on),
      c.ntsp_category ? NTSP_CATEGORY_LABELS[c.ntsp_category as NtspCategory] : null,
      // The exemption needs both: a listed category, and standardised terms or no formal agreement.
      yes(Boolean(c.ntsp_category) && c.ntsp_standard_terms === 1),
      text(c.last_audit_on),
      c.reintegration ? REINTEGRATION_LABELS[c.reintegration as Reintegration] : null,
      c.service_discontinuing_impact ? SERVICE_IMPACT_LABELS[c.service_discontinuing_impact as ServiceImpact] : null,
      c.alternatives_identified ? ALTERNATIVES_LABELS[c.alternatives_identified as Alternatives] : null,
      text(c.alternative_providers),
    ]),
  };

  const providerIds = [...new Set(contracts.map((c) => c.vendor_id as number))].sort((a, b) => name(a).localeCompare(name(b)));
  const providers: Cps230Sheet = {
    sheet: 'Material service providers',
    headers: ['Material service provider', 'Legal name', 'ABN', 'ACN', 'LEI', 'Other identifier', 'Country of headquarters', 'Ultimate parent', 'Material arrangements', 'Critical operations supported', 'Substitutability', 'Exit plan'],
    rows: providerIds.map((id) => {
      const v = vendors.get(id)!;
      return [
        String(v.name), text(v.legal_name), text(v.abn), text(v.acn), text(v.lei), text(v.other_identifier), text(v.hq_country),
        v.ultimate_parent_id ? name(v.ultimate_parent_id) : null,
        list(contracts.filter((c) => c.vendor_id === id).map((c) => String(c.reference))),
        list(operationsOf.all(id) as string[]),
        v.substitutability ? SUBSTITUTABILITY_LABELS[v.substitutability as keyof typeof SUBSTITUTABILITY_LABELS] : null,
        yes(v.exit_plan),
      ];
    }),
  };

  const relied = new Set(providerIds);
  const operations: Cps230Sheet = {
    sheet: 'Critical operations',
    headers: ['Critical operation', 'Description', 'Maximum period of disruption (hours)', 'Extent of data loss', 'Minimum service level', 'Material service providers'],
    rows: (db.prepare('SELECT * FROM services WHERE critical_operation = 1 ORDER BY name').all() as Row[]).map((s) => [
      String(s.name),
      text(s.description),
      (s.max_outage_hours as number | null) ?? null,
      text(s.data_loss_tolerance),
      text(s.min_service_level),
      list((db.prepare('SELECT vendor_id FROM service_vendors WHERE service_id = ?').pluck().all(s.id) as number[]).filter((id) => relied.has(id)).map(name).sort()),
    ]),
  };

  // Each material arrangement's fourth parties: the provider's suppliers (rank 2), theirs (rank 3), and so on; a
  // vendor already on the path is not walked again, so a loop ends.
  const fourth: Cps230Sheet = { sheet: 'Fourth parties', headers: ['Arrangement reference', 'Material service provider', 'Fourth party', 'Relied on by', 'Rank', 'Country of headquarters', 'Critical operations supported'], rows: [] };
  for (const c of contracts) {
    const ops = list(operationsOf.all(c.vendor_id) as string[]);
    const walk = (recipient: number, rank: number, path: Set<number>) => {
      for (const supplier of suppliersOf.all(recipient) as number[]) {
        if (path.has(supplier)) continue;
        fourth.rows.push([String(c.reference), String(c.vendor_name), name(supplier), name(recipient), rank, text(vendors.get(supplier)!.hq_country), ops]);
        walk(supplier, rank + 1, new Set([...path, supplier]));
      }
    };
    walk(c.vendor_id as number, 2, new Set([c.vendor_id as number]));
  }

  const entities = db.prepare('SELECT name FROM legal_entities WHERE deleted_on IS NULL OR deleted_on >= ? ORDER BY maintains_register DESC, name').pluck().all(referenceDate) as string[];
  const about: Cps230Sheet = {
    sheet: 'About',
    headers: ['Register of material service providers (APRA CPS 230, para 51)', ''],
    rows: [
      ['Entities', list(entities) ?? 'None recorded'],
      ['Reference date', referenceDate],
      ['Material arrangements', contracts.length],
      ['Material service providers', providers.rows.length],
      ['Critical operations', operations.rows.length],
      ['Fourth parties listed', fourth.rows.length],
      ['Structure', 'The parts of APRA’s Material Service Provider Register Template (critical operations with all tolerance levels, material arrangements, optional fourth parties, exempt arrangements classified). Check the column order against APRA’s current template before you submit.'],
    ],
  };
  return [about, providers, arrangements, operations, fourth];
}

const cell = (value: string | number | null) => (value === null ? null : typeof value === 'number' ? { value, type: Number } : { value: neutralise(value), type: String });

export async function exportCps230(db: RegisterDb, { referenceDate }: MethodArgs<'cps230.export'>): Promise<ExportedFile> {
  const sheets = buildCps230(db, { referenceDate: referenceDate! });
  const data = sheets.map((s) => ({
    sheet: s.sheet,
    data: [s.headers.map((h) => ({ value: h, type: String, fontWeight: 'bold' as const })), ...s.rows.map((r) => r.map(cell))],
    columns: s.headers.map((h, i) => ({ width: Math.min(60, Math.max(12, h.length, ...s.rows.map((r) => String(r[i] ?? '').length)) + 2) })),
    stickyRowsCount: 1,
  }));
  const bytes = (await writeExcelFile(data as never).toBuffer()) as Buffer;
  const rows = sheets.slice(1).reduce((n, s) => n + s.rows.length, 0);
  return { fileName: `CPS 230 register of material service providers ${referenceDate}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: bytes.toString('base64'), rows };
}
