// What an import can fill in, per kind of record: each field's label, the header names it is matched on, and how its
// cells are read. Shared by the service (which reads the file) and the import screen (which shows the mapping).
import { CRITICALITIES, INCIDENT_KINDS, INCIDENT_STATUSES, RELIANCES, SERVICE_TYPES, SUBSTITUTABILITY, TIERS, VENDOR_STATUSES } from './vocabulary';
import type { ImportEntity } from '../contract';
import {
  CRITICALITY_LABELS,
  INCIDENT_KIND_LABELS,
  INCIDENT_STATUS_LABELS,
  RELIANCE_LABELS,
  SERVICE_TYPE_LABELS,
  STATUS_LABELS,
  SUBSTITUTABILITY_LABELS,
  TIER_LABELS,
} from './labels';

export type FieldKind = 'text' | 'number' | 'integer' | 'date' | 'datetime' | 'boolean' | 'country' | 'coded' | 'list' | 'vendor' | 'category';

export interface Choice {
  value: string | number;
  /** The first name is the one shown; all are accepted. */
  names: readonly string[];
}

export interface ImportField {
  key: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Header names this field is matched on, besides its label (compared without case, spaces or punctuation). */
  synonyms: readonly string[];
  choices?: readonly Choice[];
  hint?: string;
}

function choices<T extends string | number>(values: readonly T[], labels: Record<T, string>, extra: Partial<Record<T, readonly string[]>> = {}): Choice[] {
  return values.map((value) => ({ value, names: [labels[value], String(value), String(value).replace(/_/g, ' '), ...(extra[value] ?? [])] }));
}

const VENDOR_REF = ['vendor', 'vendor name', 'supplier', 'supplier name', 'third party', 'provider', 'company'];

export const IMPORT_FIELDS: Record<ImportEntity, readonly ImportField[]> = {
  vendors: [
    { key: 'name', label: 'Vendor name', kind: 'text', required: true, synonyms: [...VENDOR_REF, 'name', 'third party name', 'organisation', 'organization'] },
    { key: 'legalName', label: 'Legal name', kind: 'text', synonyms: ['legal entity', 'registered name', 'entity name', 'legal entity name'] },
    { key: 'lei', label: 'LEI', kind: 'text', synonyms: ['legal entity identifier'] },
    { key: 'abn', label: 'ABN', kind: 'text', synonyms: ['australian business number'] },
    { key: 'acn', label: 'ACN', kind: 'text', synonyms: ['australian company number'] },
    { key: 'otherIdentifier', label: 'Other identifier', kind: 'text', synonyms: ['company number', 'registration number', 'duns', 'vendor id', 'supplier id'] },
    { key: 'hqCountry', label: 'HQ country', kind: 'country', synonyms: ['country', 'headquarters', 'head office', 'head office country', 'domicile', 'hq'] },
    { key: 'parent', label: 'Ultimate parent', kind: 'vendor', synonyms: ['parent', 'parent company', 'group', 'ultimate parent name'], hint: 'A vendor in the register or in this file.' },
    {
      key: 'serviceType',
      label: 'Service type',
      kind: 'coded',
      synonyms: ['type', 'service', 'service category', 'vendor type', 'category of service'],
      choices: choices(SERVICE_TYPES, SERVICE_TYPE_LABELS, {
        customer_servicing: ['customer servicing', 'contact centre', 'contact center', 'call centre', 'call center', 'bpo'],
        chat_messaging: ['chat', 'messaging', 'chat and messaging'],
        payment_gateway: ['payments', 'payment processor', 'payment'],
        ecommerce_platform: ['ecommerce', 'e-commerce'],
        cloud_hosting: ['cloud', 'hosting', 'iaas', 'paas'],
      }),
    },
    { key: 'status', label: 'Status', kind: 'coded', synonyms: ['vendor status', 'relationship status'], choices: choices(VENDOR_STATUSES, STATUS_LABELS, { exited: ['terminated', 'inactive'] }) },
    {
      key: 'tier',
      label: 'Tier',
      kind: 'coded',
      synonyms: ['risk tier', 'criticality tier', 'vendor tier'],
      choices: choices(TIERS, TIER_LABELS, { 1: ['tier 1', 'critical'], 2: ['tier 2', 'important'], 3: ['tier 3', 'standard'] }),
    },
    { key: 'owner', label: 'Owner', kind: 'text', synonyms: ['business owner', 'relationship owner', 'vendor owner', 'relationship manager'] },
    { key: 'website', label: 'Website', kind: 'text', synonyms: ['url', 'web', 'web site', 'homepage'] },
    { key: 'annualSpend', label: 'Annual spend', kind: 'number', synonyms: ['spend', 'annual value', 'annual contract value', 'acv', 'yearly spend'] },
    { key: 'spendCurrency', label: 'Spend currency', kind: 'text', synonyms: ['currency', 'ccy'] },
    {
      key: 'substitutability',
      label: 'Substitutability',
      kind: 'coded',
      synonyms: ['replaceability', 'ease of replacement'],
      choices: choices(SUBSTITUTABILITY, SUBSTITUTABILITY_LABELS, { not_substitutable: ['none', 'irreplaceable'] }),
    },
    { key: 'exitPlan', label: 'Exit plan', kind: 'boolean', synonyms: ['exit strategy', 'has exit plan'] },
    { key: 'people', label: 'Distinct people', kind: 'integer', synonyms: ['people', 'customers', 'unique customers', 'distinct customers', 'individuals', 'data subjects'], hint: 'How many different people’s data the vendor holds, if known.' },
    { key: 'direct', label: 'Direct vendor', kind: 'boolean', synonyms: ['direct', 'contracted'], hint: 'No for a fourth party (a supplier of your vendors).' },
    { key: 'lastAssessed', label: 'Last assessed', kind: 'date', synonyms: ['last assessment', 'assessment date', 'last reviewed', 'last review'] },
    { key: 'nextReviewDue', label: 'Next review due', kind: 'date', synonyms: ['next review', 'review due', 'next assessment', 'next review date'] },
    { key: 'dependsOn', label: 'Depends on', kind: 'list', synonyms: ['fourth parties', 'subcontractors', 'sub-processors', 'subprocessors', 'suppliers'], hint: 'Names separated by semicolons or commas.' },
    { key: 'notes', label: 'Notes', kind: 'text', synonyms: ['comments', 'remarks', 'description'] },
  ],
  holdings: [
    { key: 'vendor', label: 'Vendor', kind: 'vendor', required: true, synonyms: [...VENDOR_REF, 'held by'] },
    { key: 'category', label: 'Data category', kind: 'category', required: true, synonyms: ['category', 'data type', 'data', 'data held', 'data element'] },
    { key: 'records', label: 'People', kind: 'integer', required: true, synonyms: ['records', 'record count', 'number of records', 'records held', 'customers', 'count', 'volume', 'customer records', 'people held', 'number of people'], hint: 'People whose data of this category the vendor holds.' },
    { key: 'storageCountry', label: 'Storage country', kind: 'country', synonyms: ['country', 'location', 'data location', 'hosted in', 'stored in', 'storage location'] },
    { key: 'encrypted', label: 'Encrypted', kind: 'boolean', synonyms: ['encryption', 'encrypted at rest'] },
    { key: 'tokenised', label: 'Tokenised', kind: 'boolean', synonyms: ['tokenized', 'tokenisation', 'tokenization'] },
    { key: 'notes', label: 'Notes', kind: 'text', synonyms: ['comments', 'remarks'] },
  ],
  services: [
    { key: 'name', label: 'Service', kind: 'text', required: true, synonyms: ['service name', 'business service', 'process', 'business process'] },
    {
      key: 'criticality',
      label: 'Criticality',
      kind: 'coded',
      synonyms: ['service criticality', 'importance'],
      choices: choices(CRITICALITIES, CRITICALITY_LABELS, { critical: ['high'], important: ['medium'], other: ['low', 'standard'] }),
      hint: 'Needed for a new service.',
    },
    { key: 'description', label: 'Description', kind: 'text', synonyms: ['service description', 'notes'] },
    {
      key: 'maxOutageHours',
      label: 'Maximum tolerable outage (hours)',
      kind: 'number',
      synonyms: ['maximum tolerable outage', 'max outage', 'tolerance', 'impact tolerance', 'tolerance level', 'mto', 'mtpd', 'tolerable outage hours'],
      hint: 'The CPS 230 tolerance level, in hours.',
    },
    { key: 'vendor', label: 'Vendor', kind: 'vendor', synonyms: VENDOR_REF },
    { key: 'reliance', label: 'Reliance', kind: 'coded', synonyms: ['reliance level', 'dependency', 'dependency level'], choices: choices(RELIANCES, RELIANCE_LABELS), hint: 'Needed with a vendor.' },
  ],
  incidents: [
    { key: 'vendor', label: 'Vendor', kind: 'vendor', required: true, synonyms: [...VENDOR_REF, 'where', 'breached vendor'] },
    { key: 'title', label: 'Title', kind: 'text', required: true, synonyms: ['incident', 'incident title', 'summary', 'headline', 'name'] },
    {
      key: 'kind',
      label: 'Kind',
      kind: 'coded',
      synonyms: ['type', 'incident type', 'category', 'cause'],
      choices: choices(INCIDENT_KINDS, INCIDENT_KIND_LABELS, { cyberattack: ['cyber attack', 'attack', 'hack', 'ransomware'], technology_fault: ['outage', 'fault'], fourth_party_breach: ['fourth party', 'supplier breach'] }),
      hint: 'Other when left empty.',
    },
    { key: 'status', label: 'Status', kind: 'coded', synonyms: ['incident status'], choices: choices(INCIDENT_STATUSES, INCIDENT_STATUS_LABELS, { closed: ['resolved'] }) },
    { key: 'occurredFrom', label: 'Occurred', kind: 'datetime', synonyms: ['date', 'incident date', 'occurred from', 'started', 'start', 'date occurred', 'breach date'] },
    { key: 'occurredTo', label: 'Occurred until', kind: 'datetime', synonyms: ['occurred to', 'ended', 'end'] },
    { key: 'vendorDetected', label: 'Vendor detected', kind: 'datetime', synonyms: ['detected', 'discovered', 'date detected'] },
    { key: 'weWereTold', label: 'We were told', kind: 'datetime', synonyms: ['notified', 'notified to us', 'reported to us', 'date notified'] },
    { key: 'contained', label: 'Contained', kind: 'datetime', synonyms: ['date contained', 'containment'] },
    { key: 'recordsAffected', label: 'People affected', kind: 'integer', synonyms: ['records affected', 'records', 'affected', 'customers affected', 'individuals affected'] },
    { key: 'categories', label: 'Data categories', kind: 'list', synonyms: ['categories', 'data exposed', 'data affected', 'data types'], hint: 'Category names separated by semicolons or commas.' },
    { key: 'regulators', label: 'Regulators', kind: 'list', synonyms: ['regulators notified', 'notified regulators'] },
    { key: 'sourceUrl', label: 'Source', kind: 'text', synonyms: ['source url', 'url', 'link', 'reference'] },
    { key: 'description', label: 'Description', kind: 'text', synonyms: ['details', 'notes', 'what happened'] },
  ],
  contracts: [
    { key: 'vendor', label: 'Vendor', kind: 'vendor', required: true, synonyms: [...VENDOR_REF, 'counterparty', 'contracting party'] },
    { key: 'reference', label: 'Reference', kind: 'text', required: true, synonyms: ['contract', 'contract reference', 'contract number', 'contract no', 'contract id', 'agreement', 'agreement number'] },
    { key: 'startDate', label: 'Start', kind: 'date', synonyms: ['start date', 'commencement', 'commencement date', 'effective date', 'from'] },
    { key: 'endDate', label: 'End', kind: 'date', synonyms: ['end date', 'expiry', 'expiry date', 'expiration date', 'termination date', 'until', 'to'] },
    { key: 'noticeDays', label: 'Notice (days)', kind: 'integer', synonyms: ['notice', 'notice period', 'notice days', 'notice period days', 'days notice'], hint: 'Days of notice before the end.' },
    { key: 'annualValue', label: 'Annual value', kind: 'number', synonyms: ['value', 'contract value', 'annual contract value', 'acv', 'yearly value', 'annual spend'] },
    { key: 'currency', label: 'Currency', kind: 'text', synonyms: ['ccy', 'value currency'] },
  ],
};

export const IMPORT_ENTITY_LABELS: Record<ImportEntity, string> = {
  vendors: 'Vendors',
  holdings: 'Data holdings',
  services: 'Services and the vendors they rely on',
  incidents: 'Incidents',
  contracts: 'Contracts',
};

/** Lower case, letters and digits only: how header names are compared. */
export function headerKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The unit a header states: "Spend (%)" → "%", "Records [count]" → "count", "Share %" → "%". */
export function headerUnit(header: string): string | null {
  const bracketed = /\(([^)]*)\)|\[([^\]]*)\]/.exec(header);
  if (bracketed) return (bracketed[1] ?? bracketed[2] ?? '').trim().toLowerCase();
  if (/%\s*$|\bpercent(age)?\b|\bpct\b/i.test(header)) return '%';
  return null;
}

const RATIO_UNITS = new Set(['%', 'percent', 'percentage', 'pct', 'share', 'ratio', 'proportion']);
const PERIOD_UNITS = new Set(['days', 'day', 'months', 'month', 'years', 'year', 'weeks', 'hours']);

/** A header whose unit says it holds something else than the field: a percentage is not a spend or a count. */
export function unitContradicts(field: ImportField, header: string): boolean {
  const unit = headerUnit(header);
  if (unit === null || unit === '') return false;
  // A period is a count only for a field measured in it ("Notice (days)").
  if (field.kind === 'number' || field.kind === 'integer') return RATIO_UNITS.has(unit) || unit.includes('%') || (PERIOD_UNITS.has(unit) && !headerKey(field.label).includes(unit.replace(/s$/, '')));
  if (field.kind === 'date' || field.kind === 'datetime') return RATIO_UNITS.has(unit) || unit.includes('%') || PERIOD_UNITS.has(unit);
  return false;
}

/**
 * Field key → column index, matching each header on the field's key, label or synonyms (a bracketed unit is ignored).
 * Hidden columns are never matched (a hidden "Tier (legacy)" must not win over "Tier"), nor a column whose unit
 * contradicts the field ("Spend (%)" is not an annual spend).
 */
export function matchColumns(entity: ImportEntity, headers: readonly string[], hidden: readonly number[] = []): Record<string, number | null> {
  const keys = headers.map((h) => [headerKey(h), headerKey(h.replace(/\(.*?\)|\[.*?\]/g, ''))] as const);
  const taken = new Set<number>(hidden);
  const mapping: Record<string, number | null> = {};
  // Labels and keys first, then synonyms, so "Country" goes to the field that names it before a synonym claims it.
  // Exact names before names with a unit taken off, so "Tier" wins over "Tier (legacy)".
  for (const pass of ['names', 'synonyms'] as const) {
    for (const field of IMPORT_FIELDS[entity]) {
      if (mapping[field.key] != null) continue;
      const names = (pass === 'names' ? [field.label, field.key] : field.synonyms).map(headerKey);
      const fits = (i: number) => !taken.has(i) && !unitContradicts(field, headers[i]!);
      let index = keys.findIndex(([exact], i) => fits(i) && names.includes(exact));
      if (index < 0) index = keys.findIndex(([, bare], i) => fits(i) && names.includes(bare));
      mapping[field.key] = index >= 0 ? index : null;
      if (index >= 0) taken.add(index);
    }
  }
  return mapping;
}

/** Cells that mean "nothing" in a column of names: N/A, None, -, nil, TBC and the like. */
const NOTHING = new Set(['na', 'none', 'nil', 'null', 'tbc', 'tbd', 'unknown', 'notapplicable', 'nothing']);
export function meansNothing(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || /^[-–—?.]+$/.test(trimmed) || NOTHING.has(headerKey(trimmed));
}

/** Legal suffixes, as the words they end a name with (after punctuation became spaces). */
const LEGAL_SUFFIXES = new Set(
  ['pty ltd', 'pty limited', 'proprietary limited', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'plc', 'corp', 'corporation', 'co', 'company', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'pte ltd', 'pte', 'ab', 'as', 'oy', 'spa', 'srl', 'kk'],
);

/**
 * A vendor's name as compared on import: case, accents, quotes, punctuation, non-breaking and repeated spaces and a
 * trailing legal suffix ("Pty. Ltd.", "Inc", "GmbH") do not tell vendors apart. "T-Mobile " = "t mobile" = "T-Mobile Inc.".
 */
export function vendorKey(name: string): string {
  const words = (/^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  // Suffixes come off from the end ("Acme Pty Ltd", "Acme Co Ltd"), but a name is never reduced to nothing.
  while (words.length > 1) {
    const two = words.length > 2 ? `${words[words.length - 2]} ${words[words.length - 1]}` : '';
    if (two && LEGAL_SUFFIXES.has(two)) words.splice(-2);
    else if (LEGAL_SUFFIXES.has(words[words.length - 1]!)) words.pop();
    else break;
  }
  const key = words.join('');
  // A name made only of punctuation keeps a key of its own.
  return key === '' ? name.trim().toLowerCase() : key;
}

/** Edit distance with a ceiling (stops early past it), for "did you mean". */
export function editDistance(a: string, b: string, ceiling: number): number {
  if (Math.abs(a.length - b.length) > ceiling) return ceiling + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > ceiling) return ceiling + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** The kind of record a file most likely holds: the one whose required fields and most other fields its headers match. */
export function guessEntity(headers: readonly string[]): ImportEntity {
  let best: { entity: ImportEntity; score: number } = { entity: 'vendors', score: -1 };
  for (const entity of Object.keys(IMPORT_FIELDS) as ImportEntity[]) {
    const mapping = matchColumns(entity, headers);
    const fields = IMPORT_FIELDS[entity];
    const required = fields.filter((f) => f.required).every((f) => mapping[f.key] != null);
    const matched = fields.filter((f) => mapping[f.key] != null).length;
    const score = (required ? 100 : 0) + matched / fields.length;
    if (score > best.score) best = { entity, score };
  }
  return best.entity;
}
