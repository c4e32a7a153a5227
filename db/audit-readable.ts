// The audit log in words an auditor can read: names instead of ids, labels instead of codes, one summary per entry.
import type { AuditEntry } from './contract';
import type { RegisterDb } from './connection';
import { formatDay } from './shared/headline';
import { CRITICALITY_LABELS, IMPORT_MODE_LABELS, INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS, RELIANCE_LABELS, SERVICE_TYPE_LABELS, STATUS_LABELS, SUBSTITUTABILITY_LABELS, TIER_LABELS } from './shared/labels';
import { countryName } from './shared/countries';

const ENTITY_LABELS: Record<string, string> = {
  vendor: 'Vendor',
  holding: 'Data holding',
  service: 'Service',
  service_vendor: 'Service link',
  dependency: 'Fourth-party link',
  contract: 'Contract',
  incident: 'Incident',
  review: 'Review',
  data_category: 'Data category',
  scoring_settings: 'Scoring settings',
};

const ACTION_WORDS: Record<AuditEntry['action'], string> = { create: 'added', update: 'changed', delete: 'deleted' };

/** Field names whose label is not the field name in words. */
const FIELD_LABELS: Record<string, string> = {
  vendorId: 'Vendor',
  supplierId: 'Supplier',
  serviceId: 'Service',
  categoryId: 'Data category',
  categoryIds: 'Data categories exposed',
  ultimateParentId: 'Ultimate parent',
  hqCountry: 'Country of HQ',
  storageCountry: 'Stored in',
  lei: 'LEI',
  abn: 'ABN',
  acn: 'ACN',
  records: 'People',
  recordsAffected: 'People affected',
  people: 'Distinct people',
  direct: 'Direct vendor (not a fourth party)',
};

/** Coded values shown by their label. */
const CODE_LABELS: Record<string, Record<string | number, string>> = {
  serviceType: SERVICE_TYPE_LABELS,
  status: { ...STATUS_LABELS, ...INCIDENT_STATUS_LABELS },
  tier: TIER_LABELS,
  substitutability: SUBSTITUTABILITY_LABELS,
  criticality: CRITICALITY_LABELS,
  reliance: RELIANCE_LABELS,
  kind: INCIDENT_KIND_LABELS,
  mode: IMPORT_MODE_LABELS,
};

/** A stored date or date-time (2026-11-10, 2026-11-10T14:30) as every date is shown: 10 Nov 2026. */
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z?)?$/;

/** "weWereTold" → "We were told". */
function words(field: string): string {
  const text = field.replace(/([A-Z])/g, ' $1').toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Resolves the ids an audit image refers to, looking each up once (deleted rows keep their id, said as such). */
function resolver(db: RegisterDb) {
  const cache = new Map<string, string>();
  const lookups: Record<string, { sql: string; missing: string }> = {
    vendor: { sql: 'SELECT name FROM vendors WHERE id = ?', missing: 'a vendor since deleted' },
    service: { sql: 'SELECT name FROM services WHERE id = ?', missing: 'a service since deleted' },
    category: { sql: 'SELECT label FROM data_categories WHERE id = ?', missing: 'a category since deleted' },
  };
  return (kind: keyof typeof lookups, id: number): string => {
    const key = `${kind}:${id}`;
    let name = cache.get(key);
    if (name === undefined) {
      const found = db.prepare(lookups[kind]!.sql).pluck().get(id) as string | undefined;
      name = found ?? `${lookups[kind]!.missing} (#${id})`;
      cache.set(key, name);
    }
    return name;
  };
}

type Resolve = ReturnType<typeof resolver>;

function display(field: string, value: unknown, resolve: Resolve): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    if (!value.length) return null;
    return (field === 'categoryIds' ? value.map((id) => resolve('category', Number(id))) : value.map(String)).join(', ');
  }
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'vendorId' || field === 'supplierId' || field === 'ultimateParentId') return resolve('vendor', Number(value));
  if (field === 'serviceId') return resolve('service', Number(value));
  if (field === 'categoryId') return resolve('category', Number(value));
  if (field.endsWith('Country') && typeof value === 'string') return `${countryName(value)} (${value})`;
  const codes = CODE_LABELS[field];
  if (codes && (typeof value === 'string' || typeof value === 'number') && codes[value] !== undefined) return codes[value]!;
  if (typeof value === 'number') return value.toLocaleString('en');
  if (typeof value === 'object') return JSON.stringify(value);
  if (ISO_MOMENT.test(String(value))) {
    const moment = String(value);
    return moment.length > 10 && moment[10] === 'T' ? `${formatDay(moment.slice(0, 10))} ${moment.slice(11, 16)}` : formatDay(moment.slice(0, 10));
  }
  return String(value);
}

/** What the entry is about, in a few words: "Airline → Stratus Cloud", a vendor's or contract's name. */
function subject(entity: string, image: Record<string, unknown>, resolve: Resolve): string {
  const vendor = typeof image.vendorId === 'number' ? resolve('vendor', image.vendorId) : null;
  switch (entity) {
    case 'dependency':
      return `${vendor} → ${resolve('vendor', Number(image.supplierId))}`;
    case 'service_vendor':
      return `${resolve('service', Number(image.serviceId))} ← ${vendor}`;
    case 'holding':
      return `${vendor}: ${resolve('category', Number(image.categoryId))}`;
    case 'contract':
      return `${vendor}: ${String(image.reference ?? '')}`;
    case 'incident':
      return `${vendor}: ${String(image.title ?? '')}`;
    case 'review':
      return `${vendor}, ${String(image.reviewDate ?? '')}`;
    default:
      return typeof image.name === 'string' ? image.name : typeof image.label === 'string' ? image.label : '';
  }
}

/** Adds the summary and the readable changes to raw audit entries. */
export function readable(db: RegisterDb, entries: Omit<AuditEntry, 'summary' | 'changes'>[]): AuditEntry[] {
  const resolve = resolver(db);
  return entries.map((entry) => {
    const image = entry.after ?? entry.before ?? {};
    const fields = new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})]);
    const changes = [...fields]
      .filter((f) => JSON.stringify(entry.before?.[f] ?? null) !== JSON.stringify(entry.after?.[f] ?? null))
      .map((field) => ({ field, label: FIELD_LABELS[field] ?? words(field), before: display(field, entry.before?.[field], resolve), after: display(field, entry.after?.[field], resolve) }));
    const what = subject(entry.entity, image, resolve);
    const summary = `${ENTITY_LABELS[entry.entity] ?? words(entry.entity)} ${ACTION_WORDS[entry.action]}${what ? `: ${what}` : ''}`;
    return { ...entry, summary, changes };
  });
}
