// The checks run before the APRA CPS 230 register leaves the machine. Each names the record and the field to fix, and
// the Regulatory view opens it there. All are warnings: APRA publishes no rules by which it rejects a register (unlike
// the EBA's 805–808 for the DORA RoI), and what they find is a gap in the entity's own compliance that the register must
// still show as it is; refusing the workbook would not undo a late notification. docs/regulatory.md says so too.
//
// Sources (CPS 230, handbook.apra.gov.au; paragraph numbers of the 2023 standard, which the amended standard in force
// from 1 July 2026 renumbers to para 60 for the notifications):
// - material arrangements: one relied on to undertake a critical operation is material, so a contract whose provider
//   supports a critical operation is checked for a basis, and a basis "critical operation" for one;
// - para 59(a): notify APRA "as soon as possible and not more than 20 business days after entering into or materially
//   changing an agreement for the provision of a service on which the entity relies to undertake a critical
//   operation" — checked for arrangements entered on or after CPS 230 took effect (1 July 2025), from their start date
//   (the register does not date material changes); business days are counted as weekdays, so a public holiday in the
//   period would give a few more days;
// - para 59(b): consult APRA before entering into a material offshoring arrangement — checked, like 59(a), for
//   arrangements entered into on or after 1 July 2025;
// - each critical operation has tolerance levels for the maximum period of disruption, the extent of data loss and the
//   minimum service levels (CPS 230; Bright Law: APRA's template asks for all of them);
// - the register identifies Australian providers by ABN or ACN (../shared/REGULATORY.md §3.4).
import type { RoiFinding } from '../contract';
import type { RegisterDb } from '../connection';

type Row = Record<string, unknown>;

/** CPS 230 took effect; arrangements entered before it were not notified under para 59(a). */
export const CPS230_IN_FORCE = '2025-07-01';
const NOTIFICATION_BUSINESS_DAYS = 20;

/** The form labels the findings name (the Regulatory view's CPS 230 forms and the vendor's page begin with these). */
export const CPS230_FIELD = {
  materialBasis: 'Material arrangement',
  apraNotifiedOn: 'APRA notified (para 59(a))',
  offshoringConsultedOn: 'APRA consulted on the offshoring (para 59(b))',
  maxOutageHours: 'Maximum period of disruption (hours)',
  dataLossTolerance: 'Extent of data loss',
  minServiceLevel: 'Minimum service level',
  abn: 'ABN',
} as const;

/** The date `days` weekdays after `date` (ISO dates, UTC). */
export function addWeekdays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  for (let left = days; left > 0; ) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

export function lintCps230(db: RegisterDb, { referenceDate }: { referenceDate: string }): RoiFinding[] {
  const findings: RoiFinding[] = [];
  const contracts = db
    .prepare(
      `SELECT c.*, v.name AS vendor_name FROM contracts c JOIN vendors v ON v.id = c.vendor_id
       WHERE (c.start_date IS NULL OR c.start_date <= ?) AND (c.end_date IS NULL OR c.end_date >= ?) ORDER BY c.reference`,
    )
    .all(referenceDate, referenceDate) as Row[];
  const operationsOf = db.prepare('SELECT s.name FROM service_vendors sv JOIN services s ON s.id = sv.service_id WHERE sv.vendor_id = ? AND s.critical_operation = 1 ORDER BY s.name').pluck();

  for (const c of contracts) {
    const operations = operationsOf.all(c.vendor_id) as string[];
    const record = `Contract ${String(c.reference)}`;
    const at = { template: 'Material arrangements', column: null, record, target: { kind: 'cps230Arrangement' as const, id: c.id as number } };
    const warn = (rule: string, field: string, message: string) => findings.push({ rule, severity: 'warning', ...at, field, message });

    if (!c.material_basis) {
      if (operations.length) warn('material', CPS230_FIELD.materialBasis, `${String(c.vendor_name)} supports the critical operation ${operations.join(', ')}: an arrangement relied on for a critical operation is material. Choose its basis, or check the service's providers.`);
      continue;
    }
    if (c.material_basis === 'critical_operation' && !operations.length) {
      warn('material', CPS230_FIELD.materialBasis, `Material for a critical operation, but ${String(c.vendor_name)} supports none: mark the service it supports as a critical operation, or choose another basis.`);
    }

    const start = c.start_date as string | null;
    const notified = c.apra_notified_on as string | null;
    if ((c.material_basis === 'critical_operation' || operations.length) && start && start >= CPS230_IN_FORCE) {
      const due = addWeekdays(start, NOTIFICATION_BUSINESS_DAYS);
      if (notified && notified > due) warn('59(a)', CPS230_FIELD.apraNotifiedOn, `APRA was notified on ${notified}, later than 20 business days after the arrangement was entered into on ${start} (by ${due}).`);
      if (!notified && due < referenceDate) warn('59(a)', CPS230_FIELD.apraNotifiedOn, `Entered into on ${start}: APRA is notified within 20 business days (by ${due}). Record the date it was notified.`);
    }

    // Para 59(b) binds arrangements entered into once CPS 230 applies (an unknown start date is checked too).
    if (c.offshoring === 1 && (!start || start >= CPS230_IN_FORCE)) {
      const consulted = c.offshoring_consulted_on as string | null;
      if (!consulted) warn('59(b)', CPS230_FIELD.offshoringConsultedOn, 'An offshoring arrangement: APRA is consulted before it is entered into. Record the date.');
      else if (start && consulted > start) warn('59(b)', CPS230_FIELD.offshoringConsultedOn, `APRA was consulted on ${consulted}, after the arrangement was entered into on ${start}: para 59(b) asks before.`);
    }
  }

  const material = contracts.filter((c) => c.material_basis);
  const providers = new Map(material.map((c) => [c.vendor_id as number, c]));
  for (const vendorId of providers.keys()) {
    const v = db.prepare('SELECT name, hq_country, abn, acn FROM vendors WHERE id = ?').get(vendorId) as Row;
    if (v.hq_country === 'AU' && !v.abn && !v.acn) {
      findings.push({ rule: 'ABN', severity: 'warning', template: 'Material service providers', column: null, record: `Vendor ${String(v.name)}`, field: CPS230_FIELD.abn, message: 'An Australian material service provider is identified by its ABN or ACN.', target: { kind: 'vendor', id: vendorId } });
    }
  }

  const tolerances: [column: string, field: string][] = [
    ['max_outage_hours', CPS230_FIELD.maxOutageHours],
    ['data_loss_tolerance', CPS230_FIELD.dataLossTolerance],
    ['min_service_level', CPS230_FIELD.minServiceLevel],
  ];
  for (const s of db.prepare('SELECT * FROM services WHERE critical_operation = 1 ORDER BY name').all() as Row[]) {
    for (const [column, field] of tolerances) {
      if (s[column] === null || s[column] === '') {
        findings.push({ rule: 'tolerance', severity: 'warning', template: 'Critical operations', column: null, record: `Critical operation ${String(s.name)}`, field, message: `A critical operation has a tolerance level for each of: the maximum period of disruption, the extent of data loss and the minimum service level. “${field}” is not set.`, target: { kind: 'criticalOperation', id: s.id as number } });
      }
    }
  }
  return findings;
}
