// Exports: any table and the scores to CSV or XLSX, and the whole register to JSON. Tables that can be imported are
// written with the import's own column names and labels, so an export imports back as it was. Text that a spreadsheet
// could take for a formula is neutralised; numbers stay numbers.
import Papa from 'papaparse';
import writeExcelFile from 'write-excel-file/node';
import { BASES, type ExportTable, type ExportedFile, type HistoryFilter, type MethodArgs } from '../contract';
import { listAudit } from '../audit';
import type { RegisterDb } from '../connection';
import { NOTICE_DEADLINE_SQL } from '../contracts';
import { dueSoon } from '../due';
import type { JobControl } from '../jobs';
import { scorePortfolio, vendorRiskScores } from '../scoring';
import { vendorFilterSql } from '../vendors';
import { IMPORT_FIELDS } from '../shared/import-fields';
import { BASIS_LABELS, CRITICALITY_LABELS, INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, RELIANCE_LABELS, SERVICE_TYPE_LABELS, STATUS_LABELS, SUBSTITUTABILITY_LABELS, TIER_LABELS } from '../shared/labels';
import { neutralise } from './values';

export type OutCell = string | number | null;


export interface OutTable {
  title: string;
  headers: string[];
  rows: OutCell[][];
}

type Row = Record<string, unknown>;
const yesNo = (value: unknown) => (value === 1 ? 'Yes' : 'No');
const label = <K extends string | number>(labels: Record<K, string>, value: unknown) => (value == null ? null : (labels[value as K] ?? String(value)));
const text = (value: unknown) => (value == null ? null : String(value));
const round = <T extends number | null>(x: T, places: number): T => (x === null ? x : ((Math.round(x * 10 ** places) / 10 ** places) as T));
const num = (value: unknown) => (value == null ? null : Number(value));
const fieldLabels = (entity: keyof typeof IMPORT_FIELDS) => Object.fromEntries(IMPORT_FIELDS[entity].map((f) => [f.key, f.label]));

function vendorsTable(db: RegisterDb, args: MethodArgs<'exports.table'>): OutTable {
  const l = fieldLabels('vendors');
  const filter = vendorFilterSql(args);
  const rows = db
    .prepare(
      `SELECT v.*, p.name AS parent_name,
              (SELECT group_concat(s.name, '; ') FROM (SELECT s.name FROM dependencies d JOIN vendors s ON s.id = d.supplier_id WHERE d.vendor_id = v.id ORDER BY s.name) s) AS depends_on,
              (SELECT count(*) FROM incidents i WHERE i.vendor_id = v.id) AS incidents
       FROM vendors v LEFT JOIN vendors p ON p.id = v.ultimate_parent_id
       WHERE ${filter.where}
       ORDER BY v.name`,
    )
    .all(filter.params) as Row[];
  const keys = ['name', 'legalName', 'lei', 'abn', 'acn', 'otherIdentifier', 'hqCountry', 'parent', 'serviceType', 'status', 'tier', 'owner', 'website', 'annualSpend', 'spendCurrency', 'substitutability', 'exitPlan', 'people', 'direct', 'lastAssessed', 'nextReviewDue', 'dependsOn', 'notes'];
  return {
    title: 'Vendors',
    headers: [...keys.map((k) => l[k]!), 'Data items (people × categories)', 'Weighted exposure', 'Incidents'],
    rows: rows.map((r) => [
      text(r.name),
      text(r.legal_name),
      text(r.lei),
      text(r.abn),
      text(r.acn),
      text(r.other_identifier),
      text(r.hq_country),
      text(r.parent_name),
      label(SERVICE_TYPE_LABELS, r.service_type),
      label(STATUS_LABELS, r.status),
      label(TIER_LABELS, r.tier),
      text(r.owner),
      text(r.website),
      num(r.annual_spend),
      text(r.spend_currency),
      label(SUBSTITUTABILITY_LABELS, r.substitutability),
      yesNo(r.exit_plan),
      num(r.people),
      yesNo(r.direct),
      text(r.last_assessed),
      text(r.next_review_due),
      text(r.depends_on),
      text(r.notes),
      num(r.records_held),
      num(r.exposure),
      num(r.incidents),
    ]),
  };
}

function holdingsTable(db: RegisterDb): OutTable {
  const l = fieldLabels('holdings');
  const rows = db
    .prepare(
      `SELECT v.name AS vendor, c.label AS category, h.records, h.storage_country, h.encrypted, h.tokenised, h.notes, c.weight
       FROM holdings h JOIN vendors v ON v.id = h.vendor_id JOIN data_categories c ON c.id = h.category_id
       ORDER BY v.name, c.sort_order, h.storage_country`,
    )
    .all() as Row[];
  return {
    title: 'Data holdings',
    headers: [l.vendor!, l.category!, l.records!, l.storageCountry!, l.encrypted!, l.tokenised!, l.notes!, 'Category weight', 'Weighted exposure'],
    rows: rows.map((r) => [text(r.vendor), text(r.category), num(r.records), text(r.storage_country), yesNo(r.encrypted), yesNo(r.tokenised), text(r.notes), num(r.weight), (r.records as number) * (r.weight as number)]),
  };
}

function servicesTable(db: RegisterDb): OutTable {
  const l = fieldLabels('services');
  const rows = db
    .prepare(
      `SELECT s.name, s.criticality, s.description, s.max_outage_hours, v.name AS vendor, sv.reliance
       FROM services s LEFT JOIN service_vendors sv ON sv.service_id = s.id LEFT JOIN vendors v ON v.id = sv.vendor_id
       ORDER BY s.name, v.name`,
    )
    .all() as Row[];
  return {
    title: 'Services',
    headers: [l.name!, l.criticality!, l.description!, l.maxOutageHours!, l.vendor!, l.reliance!],
    rows: rows.map((r) => [text(r.name), label(CRITICALITY_LABELS, r.criticality), text(r.description), num(r.max_outage_hours), text(r.vendor), label(RELIANCE_LABELS, r.reliance)]),
  };
}

function incidentsTable(db: RegisterDb): OutTable {
  const l = fieldLabels('incidents');
  const rows = db
    .prepare(
      `SELECT i.*, v.name AS vendor,
              (SELECT group_concat(label, '; ') FROM (SELECT c.label FROM incident_categories ic JOIN data_categories c ON c.id = ic.category_id
                 WHERE ic.incident_id = i.id ORDER BY c.sort_order)) AS categories
       FROM incidents i JOIN vendors v ON v.id = i.vendor_id
       ORDER BY coalesce(i.occurred_from, i.we_were_told) DESC, v.name, i.title`,
    )
    .all() as Row[];
  const keys = ['vendor', 'title', 'kind', 'status', 'occurredFrom', 'occurredTo', 'vendorDetected', 'weWereTold', 'contained', 'recordsAffected', 'categories', 'regulators', 'sourceUrl', 'description'];
  return {
    title: 'Incidents',
    headers: keys.map((k) => l[k]!),
    rows: rows.map((r) => [
      text(r.vendor),
      text(r.title),
      label(INCIDENT_KIND_LABELS, r.kind),
      label(INCIDENT_STATUS_LABELS, r.status),
      text(r.occurred_from),
      text(r.occurred_to),
      text(r.vendor_detected),
      text(r.we_were_told),
      text(r.contained),
      num(r.records_affected),
      text(r.categories),
      (JSON.parse(r.regulators_json as string) as string[]).join('; ') || null,
      text(r.source_url),
      text(r.description),
    ]),
  };
}

function contractsTable(db: RegisterDb): OutTable {
  const rows = db
    .prepare(
      `SELECT v.name AS vendor, c.reference, c.start_date, c.end_date, c.notice_days, ${NOTICE_DEADLINE_SQL} AS notice_deadline, c.annual_value, c.currency
       FROM contracts c JOIN vendors v ON v.id = c.vendor_id ORDER BY c.end_date IS NULL, c.end_date, v.name`,
    )
    .all() as Row[];
  return {
    title: 'Contracts',
    headers: ['Vendor', 'Reference', 'Start', 'End', 'Notice (days)', 'Last day to give notice', 'Annual value', 'Currency'],
    rows: rows.map((r) => [text(r.vendor), text(r.reference), text(r.start_date), text(r.end_date), num(r.notice_days), text(r.notice_deadline), num(r.annual_value), text(r.currency)]),
  };
}

function scoresTable(db: RegisterDb): OutTable {
  return {
    title: 'Risk scores',
    headers: ['Vendor', 'Risk score (0–100, method v2)', 'Dependency share of its group (%)', 'Weighted exposure', 'Impact (0–1)', 'Resilience gap (0–1)', 'Severity (0–1)', 'Likelihood within a year (0–1)'],
    rows: vendorRiskScores(db).map((v) => [v.name, round(v.score, 1), round(100 * v.share, 2), round(v.exposure, 2), round(v.impact, 3), round(v.resilience, 3), round(v.severity, 3), round(v.likelihood, 3)]),
  };
}

function concentrationTable(db: RegisterDb): OutTable {
  const portfolio = scorePortfolio(db);
  return {
    title: 'Concentration',
    headers: ['Basis', 'Total', 'Holders', 'HHI', 'Band', 'Effective number', 'CR1 (%)', 'Largest holder', 'CR3 (%)', 'Holders above the share limit', 'Method version', 'As of'],
    rows: BASES.map((basis) => {
      const b = portfolio.bases[basis];
      return [BASIS_LABELS[basis], round(b.total, 2), b.holders, round(b.hhi, 0), b.band, round(b.effectiveNumber, 2), round(100 * b.cr1, 2), b.cr1Holder, round(100 * b.cr3, 2), b.overShareLimit.join('; '), portfolio.methodVersion, portfolio.asOf];
    }),
  };
}

function dueTable(db: RegisterDb): OutTable {
  return {
    title: 'Due in the next 90 days',
    headers: ['What', 'Vendor', 'Date', 'Days left', 'Detail'],
    rows: dueSoon(db, 90).map((d) => [d.kind === 'review' ? 'Review' : 'Notice deadline', d.vendorName, d.date, d.daysLeft, d.detail]),
  };
}

/** The history as the History view shows it (its filters applied): one row per field changed. */
function historyTable(db: RegisterDb, filter: HistoryFilter): OutTable {
  const rows: OutCell[][] = [];
  for (const entry of listAudit(db, { ...filter, limit: Number.MAX_SAFE_INTEGER })) {
    const changes = entry.changes.length ? entry.changes : [{ label: '', before: null, after: null }];
    for (const c of changes) rows.push([entry.at, entry.actor, entry.summary, c.label, text(c.before), text(c.after)]);
  }
  return { title: 'History', headers: ['When (UTC)', 'Who', 'What', 'Field', 'Before', 'After'], rows };
}

export function exportTable(db: RegisterDb, args: MethodArgs<'exports.table'>): OutTable {
  const tables: Record<ExportTable, () => OutTable> = {
    vendors: () => vendorsTable(db, args),
    holdings: () => holdingsTable(db),
    services: () => servicesTable(db),
    incidents: () => incidentsTable(db),
    contracts: () => contractsTable(db),
    scores: () => scoresTable(db),
    concentration: () => concentrationTable(db),
    dueSoon: () => dueTable(db),
    history: () => historyTable(db, args),
  };
  return tables[args.table]();
}

const safe = (cell: OutCell): OutCell => (typeof cell === 'string' ? neutralise(cell) : cell);

/** CSV with a BOM (so Excel reads it as UTF-8), CRLF line ends, quotes where needed. */
export function toCsv(table: OutTable): Buffer {
  const csv = Papa.unparse({ fields: table.headers.map((h) => neutralise(h)), data: table.rows.map((row) => row.map(safe)) }, { newline: '\r\n', escapeFormulae: false });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, 'utf8')]);
}

export async function toXlsx(table: OutTable): Promise<Buffer> {
  const header = table.headers.map((h) => ({ value: neutralise(h), fontWeight: 'bold' as const }));
  const data = [header, ...table.rows.map((row) => row.map((cell) => (typeof cell === 'string' ? { value: neutralise(cell), type: String } : cell)))];
  const widths = table.headers.map((h, i) => ({ width: Math.min(50, Math.max(h.length, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length)) + 2) }));
  return (await writeExcelFile(data as never, { sheet: table.title, columns: widths, stickyRowsCount: 1 }).toBuffer()) as Buffer;
}

function fileStem(registerName: string, title: string, date: string): string {
  return `${registerName} – ${title} ${date}`.replace(/[\\/:*?"<>|]/g, '-');
}

export async function exportFile(db: RegisterDb, registerName: string, args: MethodArgs<'exports.table'>, job: JobControl, today = new Date()): Promise<ExportedFile> {
  job.progress('Reading the register', 0, 1);
  const table = exportTable(db, args);
  job.progress(`Writing ${args.format.toUpperCase()}`, 0, 1);
  await job.checkpoint();
  const bytes = args.format === 'csv' ? toCsv(table) : await toXlsx(table);
  return {
    fileName: `${fileStem(registerName, table.title, today.toISOString().slice(0, 10))}.${args.format}`,
    mimeType: args.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: bytes.toString('base64'),
    rows: table.rows.length,
  };
}

/** Every table of the register, row for row, with its format version: a complete, readable copy of the data. */
export async function exportJson(db: RegisterDb, registerName: string, job: JobControl, today = new Date()): Promise<ExportedFile> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  let rows = 0;
  for (const [index, name] of tables.entries()) {
    job.progress(`Reading ${name}`, index, tables.length);
    await job.checkpoint();
    out[name] = db.prepare(`SELECT * FROM "${name}"`).all();
    rows += out[name].length;
  }
  const document = {
    format: 'vendor-risk-register',
    schemaVersion: db.pragma('user_version', { simple: true }),
    registerName,
    exportedAt: today.toISOString(),
    tables: out,
  };
  return {
    fileName: `${fileStem(registerName, 'full export', today.toISOString().slice(0, 10))}.json`,
    mimeType: 'application/json',
    base64: Buffer.from(JSON.stringify(document, null, 1), 'utf8').toString('base64'),
    rows,
  };
}
