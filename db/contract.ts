// The API between the renderer and the register: every method's input schema and result type.
// Handlers, the IPC binding, the preload, the HTTP harness and the renderer client are all derived from `contract`.
// This module imports zod and pure helpers only, so the renderer can import it.
import { z } from 'zod';
import { isCountryCode } from './shared/countries';
import { optionalText } from './shared/fields';
import { compactIdentifier, isValidAbn, isValidAcn, isValidLei } from './shared/identifiers';
import type { Headline } from './shared/headline';
import { ALTERNATIVES, ARRANGEMENT_TYPES, ENTITY_TYPES, HIERARCHIES, ICT_SERVICE_TYPES, IDENTIFIER_TYPES, LEVELS, MATERIAL_BASES, NTSP_CATEGORIES, PERSON_TYPES, REINTEGRATIONS, SERVICE_IMPACTS, SUBSTITUTION_REASONS, TERMINATION_REASONS } from './shared/regulatory-codes';
import { savedScenarioFields, scenarioInput, scenarioSettingsSchema, type ProviderRanking, type ReopenedScenario, type SavedScenario, type SavedScenarioSummary, type ScenarioResult, type ScenarioSettings, type ScenarioTargetOption } from './contract-scenarios';

import { CRITICALITIES, EXPORT_TABLES, IMPORT_ENCODINGS, IMPORT_ENTITIES, IMPORT_MODES, INCIDENT_KINDS, INCIDENT_STATUSES, RELIANCES, REVIEW_OUTCOMES, SERVICE_TYPES, SUBSTITUTABILITY, TIERS, VENDOR_STATUSES, type ApiErrorData, type Basis, type Criticality, type Envelope, type ImportEntity, type IncidentKind, type Reliance, type ServiceType, type Substitutability, type Tier, type VendorStatus } from './shared/vocabulary';

export * from './contract-scenarios';
// Errors (which cross the boundary as data) and the vocabularies stored in the register.
export * from './shared/vocabulary';

// ---------------------------------------------------------------------------------------------------------------
// Field schemas. Text is trimmed; an empty optional field is stored as null.

export function isRealIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const isoDate = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isRealIsoDate(v), 'Enter a real date (day, month and year), or pick it from the calendar.');

function identifier(check: (value: string) => string | null) {
  return z
    .string()
    .nullish()
    .transform((v) => (v ? compactIdentifier(v) : null))
    .superRefine((v, ctx) => {
      const problem = v === null ? null : check(v);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

const lei = identifier((v) =>
  v.length !== 20
    ? `An LEI has 20 characters; this one has ${v.length}.`
    : isValidLei(v)
      ? null
      : 'This LEI fails its check digits (ISO 17442): check for a typing mistake.',
);
const abn = identifier((v) => (isValidAbn(v) ? null : 'An ABN has 11 digits and a valid checksum.'));
const acn = identifier((v) => (isValidAcn(v) ? null : 'An ACN has 9 digits and a valid check digit.'));

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isCountryCode(v), 'Choose a country (ISO 3166 two-letter code).');

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));
const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || currencyCodes.has(v), 'Choose a currency (ISO 4217 code such as AUD).');

const website = optionalText(500).refine((v) => {
  if (v === null) return true;
  try {
    const url = new URL(v);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'Enter a full web address starting with https://');

const id = z.number({ error: 'An id is required.' }).int().positive();

export const vendorFields = z
  .strictObject({
    name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(200, 'Keep the name under 200 characters.'),
    legalName: optionalText(300),
    lei,
    abn,
    acn,
    otherIdentifier: optionalText(100),
    hqCountry: countryCode,
    ultimateParentId: id.nullish().transform((v) => v ?? null),
    serviceType: z.enum(SERVICE_TYPES, { error: 'Choose a service type.' }).default('other'),
    status: z.enum(VENDOR_STATUSES, { error: 'Choose a status.' }).default('active'),
    tier: z
      .number()
      .int()
      .refine((v): v is Tier => (TIERS as readonly number[]).includes(v), 'Choose tier 1, 2 or 3.')
      .default(3),
    owner: optionalText(200),
    website,
    annualSpend: z
      .number({ error: 'Enter the annual spend as a number.' })
      .finite()
      .nonnegative('Annual spend cannot be negative.')
      .nullish()
      .transform((v) => v ?? null),
    spendCurrency: currencyCode,
    substitutability: z
      .enum(SUBSTITUTABILITY, { error: 'Choose how easily the vendor could be replaced.' })
      .nullish()
      .transform((v) => v ?? null),
    exitPlan: z.boolean().default(false),
    /** False for a fourth party: a supplier of our vendors that we hold no contract with. */
    direct: z.boolean().default(true),
    /** Distinct people whose data the vendor holds, when known (otherwise at least its largest category). */
    people: z
      .number({ error: 'Enter the number of people as a whole number.' })
      .int('Enter a whole number of people.')
      .nonnegative('The number of people cannot be negative.')
      .max(10_000_000_000, 'That is more people than there are.')
      .nullish()
      .transform((v) => v ?? null),
    lastAssessed: isoDate,
    nextReviewDue: isoDate,
    notes: optionalText(10_000),
  })
  .superRefine((v, ctx) => {
    if (v.annualSpend !== null && v.spendCurrency === null) {
      ctx.addIssue({ code: 'custom', path: ['spendCurrency'], message: 'Choose the currency of the annual spend.' });
    }
    if (v.lastAssessed && v.nextReviewDue && v.nextReviewDue < v.lastAssessed) {
      ctx.addIssue({ code: 'custom', path: ['nextReviewDue'], message: 'The next review cannot be before the last assessment.' });
    }
  });

export type VendorInput = z.input<typeof vendorFields>;
export type VendorFields = z.output<typeof vendorFields>;

export interface Vendor extends VendorFields {
  id: number;
  /** The largest count of people over the vendor's data categories: the fewest distinct people it can hold. */
  largestCategory: number;
  ultimateParentName: string | null;
  /** Names of the vendors that have this one as their ultimate parent. */
  groupMembers: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export const VENDOR_FIELD_NAMES = Object.keys(vendorFields.shape) as (keyof VendorFields)[];

/** The editable fields of a stored vendor, as the input to save it again. */
export function vendorFieldsOf(vendor: Vendor): VendorFields {
  return Object.fromEntries(VENDOR_FIELD_NAMES.map((field) => [field, vendor[field]])) as unknown as VendorFields;
}

export const VENDOR_SORT_COLUMNS = [
  'name',
  'serviceType',
  'status',
  'tier',
  'hqCountry',
  'owner',
  'annualSpend',
  'recordsHeld',
  'people',
  'exposure',
  'incidentCount',
  'fourthParties',
  'nextDue',
  'nextReviewDue',
  'updatedAt',
] as const;
export type VendorSortColumn = (typeof VENDOR_SORT_COLUMNS)[number];

export interface VendorRow {
  id: number;
  name: string;
  legalName: string | null;
  serviceType: ServiceType;
  status: VendorStatus;
  tier: Tier;
  hqCountry: string | null;
  owner: string | null;
  annualSpend: number | null;
  spendCurrency: string | null;
  nextReviewDue: string | null;
  direct: boolean;
  /** Σ over the vendor's data categories of the people held: person × category data items, not people. */
  recordsHeld: number;
  /** Distinct people: entered, or at least the largest category (then peopleEntered is false). */
  people: number;
  peopleEntered: boolean;
  /** Σ records × category weight (weighted exposure). */
  exposure: number;
  incidentCount: number;
  lastIncident: string | null;
  /** Vendors this one depends on directly. */
  fourthParties: number;
  /** The earliest of the next review and the contract notice deadlines. */
  nextDue: string | null;
  updatedAt: string;
}

export interface VendorPage {
  rows: VendorRow[];
  /** Rows matching the filters, before offset and limit. */
  total: number;
}

export interface RegisterInfo {
  /** Stable identity of the register, kept in the file. */
  id: string;
  name: string;
  path: string;
  schemaVersion: number;
  createdAt: string;
  sizeBytes: number;
  vendorCount: number;
  /** True for the sample register, which holds invented data for trying the app. */
  sample: boolean;
  /** What the user should know about this register: leftovers of an interrupted task removed on opening, damage
   * found by the full integrity check (run in the background after opening). */
  notices: string[];
  /** How dates are typed in this register: day/month/year or month/day/year; null until chosen (the system's
   * language decides meanwhile). ISO (2025-06-30) is always understood. */
  dateOrder: 'dmy' | 'mdy' | null;
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;

/** Names the audit entries one change wrote, so that the change can be undone (only while it is the latest). */
export interface UndoToken {
  from: number;
  to: number;
}

/** A deletion's answer: the deleted row's id and how to undo the deletion. */
export interface Deleted {
  id: number;
  undo: UndoToken | null;
}

/** The register view's search and filters: within a filter any value matches; filters combine with AND. */
export const vendorFilter = z.strictObject({
  search: z.string().trim().max(200).default(''),
  statuses: z.array(z.enum(VENDOR_STATUSES)).max(VENDOR_STATUSES.length).default([]),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
  tiers: z.array(z.number().int().min(1).max(3)).max(3).default([]),
  /** Countries of headquarters. */
  countries: z.array(z.string().length(2)).max(300).default([]),
  /** Countries where the vendor stores any of the data it holds. */
  storageCountries: z.array(z.string().length(2)).max(300).default([]),
  /** Vendors with (true) or without (false) a recorded incident; null for either. */
  hasIncidents: z.boolean().nullable().default(null),
  /** 'overdue': a live vendor (not proposed or exited) whose review date has passed — as the headline counts them;
   * 'unscheduled': no review date set. Null for any. */
  review: z.enum(['overdue', 'unscheduled']).nullable().default(null),
});
export type VendorFilter = z.output<typeof vendorFilter>;

/** A named register view: its filters, sort and columns, kept in the register so the team shares them. */
export const savedView = z.strictObject({
  name: z.string().trim().min(1, 'Name the view.').max(80, 'Keep the name under 80 characters.'),
  filter: vendorFilter,
  sortBy: z.enum(VENDOR_SORT_COLUMNS).default('name'),
  sortDir: z.enum(['asc', 'desc']).default('asc'),
  columns: z.array(z.enum(VENDOR_SORT_COLUMNS)).max(VENDOR_SORT_COLUMNS.length).default([]),
});
export type SavedView = z.output<typeof savedView>;

/** The History view's filters: what was changed, by whom, between two days (inclusive). */
export const historyFilter = z.strictObject({
  entity: z.string().min(1).max(50).optional(),
  actor: z.string().min(1).max(200).optional(),
  from: z.string().refine(isRealIsoDate, 'Enter a real date as YYYY-MM-DD.').optional(),
  to: z.string().refine(isRealIsoDate, 'Enter a real date as YYYY-MM-DD.').optional(),
});
export type HistoryFilter = z.output<typeof historyFilter>;

export interface PersonName {
  /** The operating-system account. */
  account: string;
  /** The name recorded in the history. */
  name: string;
  /** True when the name was entered in Settings (otherwise it comes from the system). */
  entered: boolean;
}
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number | null;
  action: (typeof AUDIT_ACTIONS)[number];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** In words: what was changed ("Fourth-party link added: Airline → Stratus Cloud"). */
  summary: string;
  /** Each field that changed, with names instead of ids and labels instead of codes. */
  changes: { field: string; label: string; before: string | null; after: string | null }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Data categories and holdings.

/** People whose data of one category a vendor holds. */
const records = z
  .number({ error: 'Enter the number of people as a whole number.' })
  .int('Enter a whole number of people.')
  .nonnegative('The number of people cannot be negative.')
  .max(10_000_000_000, 'That is more people than there are.');

const weight = z.number({ error: 'Enter a weight such as 1.5.' }).finite().min(0, 'A weight cannot be negative.').max(100, 'Keep weights at 100 or below.');

export interface DataCategory {
  id: number;
  code: string;
  label: string;
  weight: number;
  notifiable: boolean;
  /** The shipped default weight for this code, or null for a category the register added. */
  defaultWeight: number | null;
  recordsHeld: number;
  vendorsHolding: number;
}

export const holdingFields = z.strictObject({
  vendorId: id,
  categoryId: z.number({ error: 'Choose a data category.' }).int().positive(),
  records,
  storageCountry: countryCode,
  encrypted: z.boolean().default(false),
  tokenised: z.boolean().default(false),
  notes: optionalText(1000),
});
export type HoldingInput = z.input<typeof holdingFields>;

export interface Holding extends z.output<typeof holdingFields> {
  id: number;
  categoryCode: string;
  categoryLabel: string;
  weight: number;
  /** records × weight */
  exposure: number;
}

export interface HoldingList {
  rows: Holding[];
  totalRecords: number;
  totalExposure: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Services, dependencies (fourth parties), contracts.


export const serviceFields = z.strictObject({
  name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(200),
  criticality: z.enum(CRITICALITIES, { error: 'Choose how critical the service is.' }),
  description: optionalText(2000),
  /** The maximum tolerable outage in hours (the CPS 230 tolerance level); scenarios flag outages beyond it. */
  maxOutageHours: z.number({ error: 'Enter the tolerance in hours.' }).finite().positive('Enter more than 0 hours.').max(8_760, 'Keep it under a year.').nullish().transform((v) => v ?? null),
});

export interface ServiceVendorLink {
  vendorId: number;
  vendorName: string;
  reliance: Reliance;
  substitutability: Substitutability | null;
  exitPlan: boolean;
}

export interface Service extends z.output<typeof serviceFields> {
  id: number;
  vendors: ServiceVendorLink[];
}

export interface VendorService {
  serviceId: number;
  serviceName: string;
  criticality: Criticality;
  reliance: Reliance;
}

export interface Dependency {
  id: number;
  vendorId: number;
  vendorName: string;
  supplierId: number;
  supplierName: string;
  description: string | null;
}

export interface SupplyChainLink {
  /** 2 for a direct supplier of this vendor (a fourth party), 3 for its supplier, and so on. */
  rank: number;
  vendorId: number;
  vendorName: string;
  /** The vendor it is reached through on a shortest path (null for this vendor's own suppliers). */
  via: string | null;
}

/** A vendor's links, each list one page (DEPENDENCY_PAGE rows) of the rows matching its search, with their count: a
 * provider behind 50,000 vendors answers with a page, not with 50,000 rows. */
export interface VendorDependencies {
  dependsOn: Dependency[];
  usedBy: Dependency[];
  chain: SupplyChainLink[];
  totals: Record<DependencyList, number>;
}
export const DEPENDENCY_LISTS = ['dependsOn', 'usedBy', 'chain'] as const;
export type DependencyList = (typeof DEPENDENCY_LISTS)[number];
export const DEPENDENCY_PAGE = 100;
/** Which page of one list, and the text its names must contain. */
const listPage = z.strictObject({ offset: z.number().int().min(0).max(10_000_000).default(0), search: z.string().trim().max(200).default('') });

export const contractFields = z
  .strictObject({
    vendorId: id,
    reference: z.string({ error: 'Enter a reference.' }).trim().min(1, 'Enter a reference.').max(100),
    startDate: isoDate,
    endDate: isoDate,
    noticeDays: z.number().int('Enter whole days.').nonnegative('Notice cannot be negative.').max(3650).nullish().transform((v) => v ?? null),
    annualValue: z.number().finite().nonnegative('The annual value cannot be negative.').nullish().transform((v) => v ?? null),
    currency: currencyCode,
  })
  .superRefine((v, ctx) => {
    if (v.startDate && v.endDate && v.endDate < v.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date cannot be before the start date.' });
    }
    if (v.annualValue !== null && v.currency === null) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'Choose the currency of the annual value.' });
    }
  });

export interface Contract extends z.output<typeof contractFields> {
  id: number;
  vendorName: string;
  /** end − notice period: the last day to give notice. */
  noticeDeadline: string | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Incidents.


/** A date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM), as incident clocks are known to either precision. */
const incidentMoment = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || (isRealIsoDate(v.slice(0, 10)) && /^\d{4}-\d{2}-\d{2}(T([01]\d|2[0-3]):[0-5]\d)?$/.test(v)), 'Enter a real date (day, month and year), with a time if known, or pick it from the calendar.');

export const incidentFields = z
  .strictObject({
    vendorId: z.number({ error: 'Choose the vendor where it happened.' }).int().positive(),
    title: z.string({ error: 'Enter a title.' }).trim().min(1, 'Enter a title.').max(300),
    kind: z.enum(INCIDENT_KINDS, { error: 'Choose the kind of incident.' }),
    status: z.enum(INCIDENT_STATUSES).default('investigating'),
    occurredFrom: incidentMoment,
    occurredTo: incidentMoment,
    vendorDetected: incidentMoment,
    weWereTold: incidentMoment,
    contained: incidentMoment,
    recordsAffected: records.nullish().transform((v) => v ?? null),
    categoryIds: z.array(z.number().int().positive()).max(100).default([]),
    regulators: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
    sourceUrl: website,
    description: optionalText(10_000),
  })
  .superRefine((v, ctx) => {
    const order: [keyof typeof v, keyof typeof v, string][] = [
      ['occurredFrom', 'occurredTo', 'It cannot end before it started.'],
      ['occurredFrom', 'vendorDetected', 'It cannot be detected before it started.'],
      ['occurredFrom', 'weWereTold', 'We cannot have been told before it started.'],
      ['occurredFrom', 'contained', 'It cannot be contained before it started.'],
      ['vendorDetected', 'contained', 'It cannot be contained before the vendor detected it.'],
      ['vendorDetected', 'weWereTold', 'We cannot have been told before the vendor detected it.'],
    ];
    for (const [earlier, later, message] of order) {
      const a = v[earlier] as string | null;
      const b = v[later] as string | null;
      if (a && b && b.slice(0, a.length) < a.slice(0, b.length)) ctx.addIssue({ code: 'custom', path: [later], message });
    }
  });
export type IncidentInput = z.input<typeof incidentFields>;

export interface IncidentClocks {
  /** we were told − vendor detected, in days. */
  notificationLagDays: number | null;
  /** contained − vendor detected (or occurred from), in days. */
  daysToContain: number | null;
  /** OAIC: assess a suspected eligible data breach within 30 days of becoming aware (we were told). */
  oaicAssessmentDue: string | null;
  /** GDPR Art. 33 (and APRA CPS 234): 72 hours from awareness. */
  gdprDeadline: string | null;
}

export interface Incident extends z.output<typeof incidentFields> {
  id: number;
  vendorName: string;
  categoryLabels: string[];
  clocks: IncidentClocks;
}

// ---------------------------------------------------------------------------------------------------------------
// What needs attention soon.

export interface DueItem {
  kind: 'notice_deadline' | 'review';
  vendorId: number;
  vendorName: string;
  date: string;
  /** Negative when overdue. */
  daysLeft: number;
  detail: string;
}

/** What is due, counted (a register of 100,000 vendors has tens of thousands of dates in a quarter). */
export interface DueCounts {
  /** Periodic reviews whose date has passed. */
  overdueReviews: number;
  /** Contract notice deadlines up to the horizon (of contracts still running), passed or not. */
  noticeDeadlines: number;
  /** Those of them already passed. */
  passedDeadlines: number;
  /** The next notice deadline not yet passed. */
  next: DueItem | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Reviews (procurement and periodic).


/** How much a review's figures may hold: every later read of the review (the board, the memo) must be able to handle it. */
export const REVIEW_METRICS_LIMITS = { depth: 8, values: 5_000, textLength: 2_000 } as const;

/** Why a review's figures are refused (too deep, too many values, too long a text, not plain JSON), or null. Iterative, so no input can exhaust the stack. */
export function reviewMetricsProblem(metrics: Record<string, unknown>): string | null {
  const pending: { value: unknown; depth: number }[] = [{ value: metrics, depth: 1 }];
  let values = 0;
  while (pending.length > 0) {
    const { value, depth } = pending.pop()!;
    if (++values > REVIEW_METRICS_LIMITS.values) return `The review's figures hold more than ${REVIEW_METRICS_LIMITS.values.toLocaleString('en')} values.`;
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return "The review's figures must be finite numbers.";
      continue;
    }
    if (typeof value === 'string') {
      if (value.length > REVIEW_METRICS_LIMITS.textLength) return `A text in the review's figures is longer than ${REVIEW_METRICS_LIMITS.textLength.toLocaleString('en')} characters.`;
      continue;
    }
    if (typeof value !== 'object') return "The review's figures must be plain numbers, texts, lists and records.";
    if (depth > REVIEW_METRICS_LIMITS.depth) return `The review's figures are nested more than ${REVIEW_METRICS_LIMITS.depth} levels deep.`;
    for (const [key, child] of Object.entries(value)) {
      if (key.length > REVIEW_METRICS_LIMITS.textLength) return `A name in the review's figures is longer than ${REVIEW_METRICS_LIMITS.textLength.toLocaleString('en')} characters.`;
      pending.push({ value: child, depth: depth + 1 });
    }
  }
  return null;
}
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const reviewFields = z
  .strictObject({
    vendorId: id,
    reviewDate: z.string({ error: 'Enter the review date.' }).trim().refine(isRealIsoDate, 'Enter a real date as YYYY-MM-DD.'),
    reviewer: z.string({ error: 'Enter who reviewed.' }).trim().min(1, 'Enter who reviewed.').max(200),
    outcome: z.enum(REVIEW_OUTCOMES, { error: 'Choose an outcome.' }),
    conditions: optionalText(5000),
    /** The portfolio figures at the time of the review, kept as they were (bounded: see reviewMetricsProblem). */
    metrics: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((v) => v ?? null)
      .superRefine((v, ctx) => {
        const problem = v && reviewMetricsProblem(v);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'approve_with_conditions' && !v.conditions) {
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: 'State the conditions of the approval.' });
    }
  });

export interface Review extends z.output<typeof reviewFields> {
  id: number;
  vendorName: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring (docs/scoring.md).

/** The version of the scoring method. Figures computed by different versions are never compared as if alike. */
export const METHOD_VERSION = 2;

const unit = z.number().finite().min(0).max(1);
const positive = z.number().finite().positive();
const hhiLevel = z.number().min(0).max(10_000);

export const scoringSettingsSchema = z
  .strictObject({
    homeCountry: z.string().trim().toUpperCase().refine(isCountryCode, 'Choose a country (ISO 3166 two-letter code).'),
    reportingCurrency: z.string().trim().toUpperCase().refine((v) => currencyCodes.has(v), 'Choose a currency (ISO 4217 code such as AUD).'),
    fxRates: z.record(z.string().regex(/^[A-Z]{3}$/, 'Use three-letter currency codes.'), positive),
    /** How many distinct customers the organisation has, when known: people at a vendor are shown as a share of it. */
    customerBase: z.number().int('Enter a whole number of people.').positive('Enter the number of customers, or leave it empty.').max(10_000_000_000).nullable(),
    relianceWeights: z.strictObject({ full: weight, material: weight, low: weight }),
    /** HHI level bands (2023 merger guidelines by default; the 2010 ones can be chosen). */
    bands: z.strictObject({ moderate: hhiLevel, high: hhiLevel }),
    /** The 2023 guidelines' test of a change: post-HHI above `hhi` with ΔHHI above `deltaHhi`, or a holder above `share` with ΔHHI above `deltaHhi`. */
    test2023: z.strictObject({ hhi: hhiLevel, deltaHhi: hhiLevel, share: unit }),
    /** Bands of the dependency share (0..1): moderate from `moderate`, high above `high`. */
    dependencyBands: z.strictObject({ moderate: unit, high: unit }),
    incidentHalfLifeYears: positive.max(50),
    incidentKindFactors: z.strictObject(Object.fromEntries(INCIDENT_KINDS.map((k) => [k, z.number().min(0).max(10)])) as Record<IncidentKind, z.ZodNumber>),
    /** Incidents a year assumed of every vendor before its own history is counted. */
    baseIncidentRate: z.number().finite().min(0).max(100),
    impactShareCap: unit.refine((v) => v > 0, 'Must be above 0.'),
    impactCriticalCap: positive.max(100),
    /** The part of severity that comes from the resilience gap (the rest is impact). */
    resilienceWeight: unit,
    /** Resilience gap by substitutability; a vendor not assessed counts as not substitutable. */
    substitutabilityGap: z.strictObject({ easy: unit, medium: unit, difficult: unit, not_substitutable: unit }),
    /** Procurement: besides the 2023 test, escalate when the vendor would be the single point of failure of a critical service. */
    reviewRule: z.strictObject({ escalateOnNewSinglePoint: z.boolean() }),
  })
  .superRefine((v, ctx) => {
    if (v.bands.moderate >= v.bands.high) ctx.addIssue({ code: 'custom', path: ['bands', 'high'], message: 'The high band must start above the moderate band.' });
    if (v.dependencyBands.moderate >= v.dependencyBands.high) ctx.addIssue({ code: 'custom', path: ['dependencyBands', 'high'], message: 'The high band must start above the moderate band.' });
  });
export type ScoringSettings = z.output<typeof scoringSettingsSchema>;

export type Band = 'unconcentrated' | 'moderate' | 'high';

export interface HolderShare {
  key: number;
  name: string;
  value: number;
  share: number;
}

export interface BasisSummary {
  basis: Basis;
  total: number;
  holders: number;
  /** Σ (100·share)², reported to the whole point; `band` is the band of the reported figure. */
  hhi: number;
  effectiveNumber: number | null;
  cr1: number;
  cr1Holder: string | null;
  cr3: number;
  band: Band | null;
  /** Every holder above the 2023 share limit (from the full list). */
  overShareLimit: string[];
  /** Top holders (at most 20), the rest summed as "Others" (key 0). */
  top: HolderShare[];
}

/** A provider group (a vendor or fourth party with its ultimate parent's group) and what rides on it. */
export interface ProviderDependency {
  groupKey: number;
  /** The group's name (its ultimate parent's), and the members of the group that hold data or are depended on. */
  name: string;
  members: string[];
  /** Share of portfolio exposure held by the group directly or by any live vendor whose chain reaches it, 0..1. */
  share: number;
  /** Share held by the group's own live vendors. */
  directShare: number;
  exposure: number;
  band: Band;
  /** Live vendors counted (the group's own and those reaching it), and how many reach it only through their chain. */
  vendorCount: number;
  throughChain: number;
  /** Names of the live vendors counted (at most 50; vendorCount has them all). */
  vendors: string[];
  /** Critical services supported by two or more vendors that reach it through their chain. */
  criticalServices: string[];
  /** Two or more live vendors supporting critical services reach it through their chain. */
  hidden: boolean;
}

export interface SinglePointOfFailure {
  serviceId: number;
  serviceName: string;
  criticality: 'critical' | 'important';
  /** direct: every supporting vendor is in one group; hidden: they all depend on one provider group; unsupported: no live vendor supports it. */
  kind: 'direct' | 'hidden' | 'unsupported';
  /** The provider group it rests on (null when unsupported). */
  provider: { groupKey: number; name: string } | null;
  /** Live vendors supporting it with full or material reliance. */
  vendors: { id: number; name: string }[];
  /** Worst substitutability of the provider's vendors; null when any of them was not assessed. */
  substitutability: Substitutability | null;
  assessed: boolean;
  exitPlan: boolean;
  severity: 'high' | 'medium' | 'low';
}

export interface RiskPoint {
  vendorId: number;
  name: string;
  /** Severity (impact with the resilience gap), 0..1. */
  severity: number;
  likelihood: number;
  exposure: number;
  score: number;
}

export interface PeopleFigures {
  /** Settings: the size of the customer base, when known. */
  customerBase: number | null;
  /** At least this many distinct people have data at our live vendors (the largest vendor's count). */
  lowerBound: number;
  /** At most this many (Σ per vendor, capped by the customer base). */
  upperBound: number;
  largestHolder: { vendorId: number; name: string; people: number; atLeast: boolean; shareOfBase: number | null } | null;
  /** Live vendors whose distinct people are not entered (counted as their largest category). */
  notEntered: number;
  /** Vendors whose entered people are fewer than their largest category (counted as that category). */
  belowLargestCategory: string[];
}

export interface PortfolioScore {
  methodVersion: number;
  asOf: string;
  settings: ScoringSettings;
  /** Vendors counted: direct vendors that are active, under review or offboarding. */
  vendorCount: number;
  excluded: { proposed: number; exited: number; fourthPartiesOnly: number };
  /** Currencies of annual spend with no rate in the settings (that spend is left out of the spend basis). */
  spendWithoutRate: string[];
  bases: Record<Basis, BasisSummary>;
  people: PeopleFigures;
  exposureByCategory: { vendors: { key: number; name: string }[]; categories: { code: string; label: string }[]; cells: { vendorKey: number; category: string; exposure: number }[] };
  /** Provider groups by dependency share, largest first (at most 50; providerCount has them all). */
  providers: ProviderDependency[];
  providerCount: number;
  largestDependency: ProviderDependency | null;
  /** Provider groups that are hidden concentrations (counted over every provider). */
  hiddenConcentrations: number;
  singlePointsOfFailure: SinglePointOfFailure[];
  geography: { homeCountry: string; byCountry: { country: string; exposure: number; share: number }[]; outsideHomeShare: number; unknownShare: number };
  riskMatrix: RiskPoint[];
}

export interface ScoreFactor {
  key: 'impact' | 'resilience' | 'severity' | 'likelihood';
  label: string;
  /** 0..1 */
  value: number;
  inputs: { label: string; value: string }[];
}

export interface IncidentContribution {
  incidentId: number;
  title: string;
  /** The date its age is counted from, and which field gave it. */
  at: string | null;
  dateSource: 'occurred' | 'detected' | 'told' | 'contained' | 'recorded';
  ageYears: number;
  /** The fourth party where it happened, when not at this vendor. */
  via: string | null;
  kindFactor: number;
  decay: number;
  /** kindFactor × decay */
  weighted: number;
}

export interface VendorScore {
  methodVersion: number;
  vendorId: number;
  name: string;
  counted: boolean;
  score: number;
  factors: ScoreFactor[];
  incidents: IncidentContribution[];
  /** Incidents left out, with why (dated after the scoring date). */
  notCounted: { incidentId: number; title: string; reason: string }[];
  settings: ScoringSettings;
}

export interface Snapshot {
  id: number;
  takenAt: string;
  trigger: 'manual' | 'daily';
  /** The method the figures were computed with (1 for snapshots taken before method v2). */
  methodVersion: number;
  totalExposure: number;
  hhi: number;
  effectiveNumber: number | null;
  cr1: number;
  cr3: number;
  vendorCount: number;
  singlePointsOfFailure: number;
  hiddenConcentrations: number;
  /** v2 only (null in v1 snapshots). */
  largestDependencyShare: number | null;
  largestDependencyName: string | null;
  hhiByBasis: Partial<Record<Basis | 'records', number>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Procurement review: the what-if of signing a proposed vendor.

export interface MetricSnapshot {
  hhi: number;
  effectiveNumber: number | null;
  cr1: number;
  cr1Holder: string | null;
  band: BasisSummary['band'];
}

export interface MetricChange {
  basis: Basis;
  before: MetricSnapshot;
  after: MetricSnapshot;
  deltaHhi: number;
}

/** A provider whose dependency share the proposed vendor would raise. */
export interface DependencyChange {
  groupKey: number;
  name: string;
  shareBefore: number;
  shareAfter: number;
  /** Our live vendors already depending on it before signing. */
  vendorsBefore: number;
  hiddenAfter: boolean;
  bandAfter: Band;
}

export interface Recommendation {
  outcome: 'escalate' | 'approve_with_conditions' | 'approve';
  /** Why it must be escalated (empty otherwise). */
  reasons: string[];
  conditions: string[];
  /** The rule, in words, with the thresholds in force. */
  rule: string;
}

export interface ProcurementReview {
  methodVersion: number;
  vendorId: number;
  name: string;
  status: VendorStatus;
  asOf: string;
  /** The vendor's group's share of weighted exposure after signing, 0..1. */
  share: number;
  exposure: number;
  /** Portfolio weighted exposure before and after signing: a falling HHI with rising exposure is dilution, not less risk. */
  totalExposureBefore: number;
  totalExposureAfter: number;
  /** The change in HHI read together with the change in total exposure, in words. */
  exposureReading: string;
  metrics: MetricChange[];
  /** The 2023 guidelines' test of the change on weighted exposure, with the reasons it is flagged. */
  test2023: { flagged: boolean; reasons: string[] };
  newSinglePointsOfFailure: SinglePointOfFailure[];
  /** Providers (the vendor's own group and those in its chain) whose dependency share would rise. */
  dependencyChanges: DependencyChange[];
  largestDependencyBefore: { name: string; share: number } | null;
  largestDependencyAfter: { name: string; share: number } | null;
  newCountries: string[];
  newCategories: string[];
  /** Categories the live portfolio already holds that this vendor would hold a second copy of (labels). */
  duplicatedCategories: string[];
  score: VendorScore;
  recommendation: Recommendation;
}

// ---------------------------------------------------------------------------------------------------------------
// Board view and board pack.

export interface HeadlineFigure {
  key: 'largestDependencyShare' | 'hhi' | 'effectiveNumber' | 'cr1' | 'cr3' | 'totalExposure' | 'vendorCount' | 'singlePointsOfFailure' | 'hiddenConcentrations';
  label: string;
  value: number | null;
  /** The same figure in the latest earlier snapshot, and in the snapshot nearest a quarter ago. */
  previous: number | null;
  quarterAgo: number | null;
  /** True when a higher value is worse (concentration up, failures up). */
  higherIsWorse: boolean;
}

export interface BoardSummary {
  asOf: string;
  periodDays: number;
  registerName: string;
  previousSnapshotAt: string | null;
  quarterSnapshotAt: string | null;
  headline: HeadlineFigure[];
  /** The headline chosen for risk, in words (db/shared/headline.ts): the same on Concentration, Board and the pack. */
  riskHeadline: Headline;
  portfolio: PortfolioScore;
  incidents: Incident[];
  reviews: Review[];
  /** The first notice deadlines of the next quarter, by date (the Due soon view lists them all). */
  noticeDeadlines: DueItem[];
  due: DueCounts;
  snapshots: Snapshot[];
  /** The data categories with the weights in force. */
  categories: DataCategory[];
  /** The dependency map of the largest providers by dependency share (services → vendors → providers). */
  providerMap: DependencyMap;
  /** The providers whose breach would expose most people, and whose outage would stop most critical services (docs/scenarios.md). */
  scenarioRanking: ProviderRanking;
}

/** A node of the dependency map: a business service, a vendor, a fourth party, a provider group, or "and N more". */
export interface MapNode {
  id: string;
  kind: 'service' | 'vendor' | 'fourth_party' | 'provider' | 'more';
  /** The service's or vendor's id (the provider group's key); null for "and N more". */
  refId: number | null;
  label: string;
  /** Weighted exposure held (a provider: riding on it); its share of the live portfolio's, 0..1. */
  exposure: number;
  share: number;
  /** Band of the share by the dependency-share bands; null for services and "and N more". */
  band: Band | null;
  /** The node the view is about (the service or provider chosen). */
  focus: boolean;
  detail: string;
}

export interface MapEdge {
  from: string;
  to: string;
  /** A vendor that reaches the provider only through its suppliers' chain. */
  throughChain: boolean;
}

export interface DependencyMap {
  mode: 'providers' | 'service' | 'provider';
  title: string;
  nodes: MapNode[];
  edges: MapEdge[];
  totalExposure: number;
  /** Nodes left out to keep the map readable (counted in "and N more" nodes). */
  omitted: number;
}

export interface MapSearchResult {
  kind: 'service' | 'vendor';
  id: number;
  name: string;
  detail: string;
}

export interface VendorUsage {
  holdings: number;
  services: number;
  dependsOn: number;
  usedBy: number;
  contracts: number;
  incidents: number;
  reviews: number;
  groupMembers: number;
}


// ---------------------------------------------------------------------------------------------------------------
// Long work (imports, exports, backups) runs as a job: the call returns at once, the page polls for progress.

export interface JobStarted {
  jobId: string;
}

export interface JobStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** What is happening now, for the progress line. */
  phase: string;
  done: number;
  total: number;
  result: unknown;
  error: ApiErrorData | null;
}

// ---------------------------------------------------------------------------------------------------------------
// Import and export.



export type ImportMode = (typeof IMPORT_MODES)[number];

export const importOptions = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES),
  /** Field key → column index in the file (null: not imported). */
  mapping: z.record(z.string(), z.number().int().min(0).nullable()),
  /** upsert: add new and update existing; create: add only; update: update only. Matched by name. */
  mode: z.enum(IMPORT_MODES).default('upsert'),
  dateOrder: z.enum(['dmy', 'mdy']).default('dmy'),
  /** Vendors named by holdings, services or incidents but not in the register: create them, or report the rows. */
  unknownVendors: z.enum(['create', 'error']).default('error'),
  /** Import the good rows and skip those with errors, instead of importing nothing. */
  skipErrors: z.boolean().default(false),
  /** How numbers are written: 1,234.5 (point) or 1.234,5 (comma). */
  decimal: z.enum(['point', 'comma']).default('point'),
  /** Rows (by spreadsheet row number) to leave out; absent: the total, note and group-header rows the read found. */
  leaveOut: z.array(z.number().int().min(1)).max(100_000).optional(),
  /** Field key → the value every row gets for a field no column fills (read like a cell). */
  defaults: z.record(z.string(), z.string().max(500)).default({}),
  /** Field key → { value in the file → value to read instead }, for coded fields whose file uses other words. */
  translate: z.record(z.string(), z.record(z.string(), z.string().max(500))).default({}),
  /** Names the file uses → the register's vendor they mean (a "did you mean" accepted). */
  vendorAliases: z.record(z.string(), z.string().max(500)).default({}),
  /** Holdings kept one column per data category (people counts): each such column and the category (code) it holds. */
  wide: z.array(z.strictObject({ column: z.number().int().min(0), category: z.string().min(1).max(100) })).max(200).optional(),
  /** Only the rows whose cells pass every filter are imported; the others are counted as filtered out. */
  filters: z
    .array(z.strictObject({ column: z.number().int().min(0), op: z.enum(['equals', 'notEquals', 'contains', 'notEmpty']), value: z.string().max(500).default('') }))
    .max(20)
    .default([]),
  /** A field filled from several columns, their non-empty cells joined (a title = type + location). */
  combine: z.array(z.strictObject({ field: z.string().min(1).max(50), columns: z.array(z.number().int().min(0)).min(2).max(10), separator: z.string().max(10).default(' ') })).max(20).default([]),
  /** A column split at a separator, its parts filling fields in order (null: a part not imported). */
  split: z.array(z.strictObject({ column: z.number().int().min(0), separator: z.string().min(1).max(10), fields: z.array(z.string().min(1).max(50).nullable()).min(2).max(10) })).max(20).default([]),
});
export type ImportOptions = z.output<typeof importOptions>;

/** The shape of a file read for import. */
export interface SheetShape {
  format: 'csv' | 'xlsx';
  /** CSV: the text encoding detected, and the delimiter. */
  encoding: string | null;
  delimiter: string | null;
  /** XLSX: the sheet read, and every sheet in the workbook. */
  sheet: string | null;
  sheets: string[];
  headers: string[];
  /** Rows with no value in any cell, left out. */
  blankRows: number;
  /** The spreadsheet row the headers were read from (the first row that looks like headers, unless chosen). */
  headerLine: number;
  /** XLSX: columns hidden in the sheet (never matched automatically), sheets hidden in the workbook, the active sheet. */
  hiddenColumns: number[];
  hiddenSheets: string[];
  activeSheet: string | null;
  /** Rows that look like a title, a total, a note or a group header rather than a record. */
  oddRows: { line: number; kind: 'title' | 'total' | 'note' | 'group'; text: string }[];
  /** What the read did that the user should know (merged cells filled down, control characters, hidden rows). */
  notes: string[];
}

export interface ImportFile extends SheetShape {
  fileId: string;
  fileName: string;
  rowCount: number;
  /** The first rows as text, for the mapping screen. */
  samples: string[][];
  suggestedEntity: ImportEntity;
  /** Automatic matches per kind of record (field key → column index). */
  suggestedMappings: Record<ImportEntity, Record<string, number | null>>;
  /** Slashed dates found in the file prove this order (null when none does). */
  dateOrder: { order: 'dmy' | 'mdy' | null; evidence: string | null; conflict: boolean };
  /** Numbers such as 1.234,5 or 12,5 prove decimal commas, 1,234.5 or 12.5 decimal points (null when none does). */
  decimal: { decimal: 'point' | 'comma' | null; evidence: string | null; conflict: boolean };
  /** Columns named after this register's data categories: a holdings sheet kept one column per category. */
  wideHoldings: { column: number; category: string }[];
}

export interface ImportIssue {
  /** The row number the spreadsheet shows. */
  line: number;
  column: string | null;
  level: 'error' | 'warning';
  message: string;
}

export interface ImportRowPreview {
  line: number;
  action: 'create' | 'update' | 'error';
  /** The record's name as the report shows it (vendor, service, "vendor · category", incident title). */
  label: string;
  values: Record<string, string>;
}

export interface ImportCheck {
  entity: ImportEntity;
  rows: number;
  toCreate: number;
  toUpdate: number;
  withErrors: number;
  withWarnings: number;
  /** Vendors that rows name but the register lacks, created by the import when asked to. */
  newVendors: string[];
  /** Up to 2,000 issues, errors first. */
  issues: ImportIssue[];
  issueCount: number;
  /** Issues by cause (the message without its row's own values), most frequent first. */
  causes: { level: 'error' | 'warning'; cause: string; count: number; column: string | null }[];
  /** Warnings in all rows (a row can have several). */
  warningCount: number;
  preview: ImportRowPreview[];
  /** Rows left out before checking (totals, notes, group headers), as chosen. */
  leftOut: { line: number; kind: string; text: string }[];
  /** Rows the filters left out. */
  filteredOut: number;
  /** Names the file uses that are not in the register but look like a vendor that is. */
  didYouMean: { name: string; candidates: string[] }[];
  /** Per coded field: the values no choice matched, with how many rows hold each. */
  unmatchedValues: { field: string; values: { value: string; rows: number }[] }[];
}

export interface ImportReport extends ImportCheck {
  committed: boolean;
  created: number;
  updated: number;
  /** Rows that matched a record and held nothing new. */
  unchanged: number;
  skipped: number;
  fileName: string;
  at: string;
  /** The backup taken before writing, and whether the import can still be undone with it. */
  undo: { backup: string; auditId: number } | null;
}

export interface SavedMapping {
  id: number;
  name: string;
  entity: ImportEntity;
  /** Field key → header name, so a mapping applies to any file with those headers. */
  columns: Record<string, string>;
  /** The file's own words for coded values, and the values for fields no column fills, kept with the mapping. */
  translate: Record<string, Record<string, string>>;
  defaults: Record<string, string>;
  createdAt: string;
}


export interface ExportedFile {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded. */
  base64: string;
  rows: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Regulatory registers (DORA Register of Information, db/regulatory/): our own legal entities, the RoI fields of
// contracts (arrangements), business services as functions, providers' identifier types, the linter and the export.

export const legalEntityFields = z.strictObject({
  lei: lei.refine((v) => v !== null, 'Enter the entity’s LEI.'),
  name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(200),
  country: countryCode.refine((v) => v !== null, 'Choose a country.'),
  entityType: z.enum(ENTITY_TYPES, { error: 'Choose a type of entity.' }),
  hierarchy: z.enum(HIERARCHIES, { error: 'Choose where the entity sits in the group.' }),
  parentLei: lei,
  competentAuthority: optionalText(200),
  currency: currencyCode,
  totalAssets: z.number().finite().nonnegative('Total assets cannot be negative.').nullish().transform((v) => v ?? null),
  integratedOn: isoDate,
  deletedOn: isoDate,
  maintainsRegister: z.boolean().default(false),
});
export interface LegalEntity extends z.output<typeof legalEntityFields> {
  id: number;
  updatedOn: string;
}

/** A branch of one of our legal entities (B_01.03): its head office, its own identification code, name and country. */
export const branchFields = z.strictObject({
  entityId: id,
  code: z.string({ error: 'Enter the branch’s identification code.' }).trim().min(1, 'Enter the branch’s identification code.').max(100),
  name: z.string({ error: 'Enter a name.' }).trim().min(1, 'Enter a name.').max(200),
  country: countryCode.refine((v) => v !== null, 'Choose a country.'),
});
export interface Branch extends z.output<typeof branchFields> {
  id: number;
}

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).nullish().transform((v) => v ?? null);
const hours = z.number().finite().nonnegative('Hours cannot be negative.').nullish().transform((v) => v ?? null);

export const arrangementFields = z
  .strictObject({
    arrangementType: optionalEnum(ARRANGEMENT_TYPES),
    overarchingId: id.nullish().transform((v) => v ?? null),
    ictServiceType: optionalEnum(ICT_SERVICE_TYPES),
    governingLaw: countryCode,
    providerNoticeDays: z.number().int('Enter whole days.').nonnegative('Notice cannot be negative.').max(3650).nullish().transform((v) => v ?? null),
    provisionCountry: countryCode,
    processingCountry: countryCode,
    /** Our entities using the arrangement (B_04.01); `signed`: the entity signed it (B_03.01). */
    usingEntities: z.array(z.strictObject({ entityId: id, signed: z.boolean().default(true) })).max(500).default([]),
    /** The branches through which those entities use it (B_04.01 rows of a branch); each belongs to a using entity. */
    usingBranches: z.array(id).max(500).default([]),
    /** The arrangements this one is linked to (B_02.03): for an intra-group arrangement, its provider's own contracts. */
    linkedIds: z.array(id).max(500).default([]),
    /** B_02.02.0090: why the arrangement was terminated or ended. */
    terminationReason: optionalEnum(TERMINATION_REASONS),
    // The assessment of the arrangement's ICT service (B_07.01; substitutability and the exit plan are the vendor's).
    substitutionReason: optionalEnum(SUBSTITUTION_REASONS),
    lastAuditOn: isoDate,
    reintegration: optionalEnum(REINTEGRATIONS),
    serviceDiscontinuingImpact: optionalEnum(SERVICE_IMPACTS),
    alternativesIdentified: optionalEnum(ALTERNATIVES),
    alternativeProviders: optionalText(500),
  })
  .superRefine((v, ctx) => {
    if (v.arrangementType === 'subsequent' && v.overarchingId === null) {
      ctx.addIssue({ code: 'custom', path: ['overarchingId'], message: 'A subsequent arrangement names its overarching arrangement.' });
    }
    if (v.alternativeProviders !== null && v.alternativesIdentified !== 'yes') {
      ctx.addIssue({ code: 'custom', path: ['alternativeProviders'], message: 'Name alternative providers only when some are identified (choose Yes above), or clear this field.' });
    }
  });
export interface Arrangement extends z.output<typeof arrangementFields> {
  contractId: number;
  reference: string;
  vendorName: string;
  /** Derived: the legal entity of ours whose LEI is the provider's, making this an intra-group arrangement (B_03.03). */
  intraGroupEntityId: number | null;
}

export const functionFields = z.strictObject({
  functionCode: z.string().trim().max(50).nullish().transform((v) => (v ? v : null)),
  licensedActivity: optionalText(50),
  rtoHours: hours,
  rpoHours: hours,
  discontinuingImpact: optionalEnum(LEVELS),
  criticalityAssessedOn: isoDate,
});
export interface RegisterFunction extends z.output<typeof functionFields> {
  serviceId: number;
  name: string;
  criticality: Criticality;
}

export const providerFields = z.strictObject({
  otherIdentifierType: optionalEnum(IDENTIFIER_TYPES),
  personType: z.enum(PERSON_TYPES).default('legal'),
});

export const roiOptions = z.strictObject({
  referenceDate: isoDate.refine((v) => v !== null, 'Choose the reference date.'),
  /** Individual (IND) or consolidated (CON) level. */
  level: z.enum(['IND', 'CON']).default('IND'),
});

export interface RoiFinding {
  /** EBA rule (805–808), DPM-XL rule or identifier check this finding applies. */
  rule: string;
  severity: 'blocking' | 'warning';
  template: string;
  /** The DPM column code, or null for a finding about the package as a whole. */
  column: string | null;
  /** The register record the row comes from, in words ("Contract HCC-2021-07", "Legal entity Southern Cross Air"). */
  record: string;
  /** The field of that record to fix, in words. */
  field: string;
  message: string;
  /** The record to open in the app to fix it; null for the package as a whole or a file being imported. */
  target?: RoiTarget | null;
}

/** A register record a finding points at: the app opens its form (a contract's or service's CPS 230 fields for the CPS 230 kinds). */
export interface RoiTarget {
  kind: 'vendor' | 'contract' | 'service' | 'legalEntity' | 'branch' | 'cps230Arrangement' | 'criticalOperation';
  id: number;
}

/** A warning-only export: the package, and the findings to report beside it. */
export interface RoiExport extends ExportedFile {
  findings: RoiFinding[];
}

/** A vendor as an RoI provider: its identifiers (edited on the vendor), the type of the other one, and its type of person. */
export interface RoiProvider {
  vendorId: number;
  name: string;
  lei: string | null;
  otherIdentifier: string | null;
  acn: string | null;
  otherIdentifierType: (typeof IDENTIFIER_TYPES)[number] | null;
  personType: (typeof PERSON_TYPES)[number];
}

/** What an imported RoI package put into the (empty) register. */
export interface RoiImportReport {
  legalEntities: number;
  branches: number;
  providers: number;
  arrangements: number;
  functions: number;
  dependencies: number;
  /** The linter's warnings on the package, and values it could not keep where the register has no place for them. */
  warnings: RoiFinding[];
}

// APRA CPS 230 register of material service providers (db/regulatory/cps230.ts): each contract's CPS 230 fields and the
// business services as critical operations with their tolerance levels.

export const cps230ArrangementFields = z.strictObject({
  /** Null: the arrangement is not material, so it is not in the register. */
  materialBasis: optionalEnum(MATERIAL_BASES),
  /** Para 59(a): APRA notified of entering into or materially changing the arrangement. */
  apraNotifiedOn: isoDate,
  offshoring: z.boolean().default(false),
  /** Para 59(b): APRA consulted before the offshoring arrangement was entered into. */
  offshoringConsultedOn: isoDate,
  ntspCategory: optionalEnum(NTSP_CATEGORIES),
  /** Uses standardised terms or has no formal agreement (with a listed category: the exemption applies). */
  ntspStandardTerms: z.boolean().default(false),
});
export interface Cps230Arrangement extends z.output<typeof cps230ArrangementFields> {
  contractId: number;
  reference: string;
  vendorName: string;
}

export const criticalOperationFields = z.strictObject({
  criticalOperation: z.boolean(),
  /** Tolerance: the maximum period of disruption, the service's maximum tolerable outage. */
  maxOutageHours: z.number({ error: 'Enter the tolerance in hours.' }).finite().positive('Enter more than 0 hours.').max(8_760, 'Keep it under a year.').nullish().transform((v) => v ?? null),
  /** Tolerance: the extent of data loss, in the entity's words ("no committed transaction lost"). */
  dataLossTolerance: optionalText(300),
  /** Tolerance: the minimum service level while disrupted. */
  minServiceLevel: optionalText(300),
});
export interface CriticalOperation extends z.output<typeof criticalOperationFields> {
  serviceId: number;
  name: string;
  criticality: Criticality;
}

export const cps230Options = z.strictObject({
  referenceDate: isoDate.refine((v) => v !== null, 'Choose the reference date.'),
});

// ---------------------------------------------------------------------------------------------------------------
// Backups.

export interface BackupSettings {
  /** Take a backup of the register once a day when it is opened or changed. */
  daily: boolean;
  /** How many automatic backups to keep (older ones are deleted). */
  keep: number;
}

export interface BackupFile {
  fileName: string;
  takenAt: string;
  sizeBytes: number;
  reason: 'daily' | 'manual' | 'before-restore' | 'before-import';
}

export interface BackupList {
  folder: string;
  settings: BackupSettings;
  backups: BackupFile[];
}

// ---------------------------------------------------------------------------------------------------------------
// The methods. One argument object each, named `domain.verb`.

export interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  /** Phantom: carries the result type only. */
  readonly result?: R;
}

function method<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ input });
}

const noArgs = z.strictObject({});

export const contract = {
  'register.info': method<RegisterInfo>()(noArgs),

  'vendors.list': method<VendorPage>()(
    z.strictObject({
      ...vendorFilter.shape,
      sortBy: z.enum(VENDOR_SORT_COLUMNS).default('name'),
      sortDir: z.enum(['asc', 'desc']).default('asc'),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
  ),
  'vendors.get': method<Vendor>()(z.strictObject({ id })),
  'vendors.create': method<Vendor>()(z.strictObject({ vendor: vendorFields })),
  'vendors.update': method<Vendor>()(
    z.strictObject({ id, version: z.number().int().positive(), vendor: vendorFields }),
  ),
  'vendors.delete': method<Deleted>()(
    z.strictObject({
      id,
      version: z.number().int().positive(),
      /** What to do with the vendor's holdings, links, contracts, incidents and reviews: refuse, or delete them too. */
      dependents: z.enum(['refuse', 'delete']).default('refuse'),
    }),
  ),
  'vendors.usage': method<VendorUsage>()(z.strictObject({ id })),
  'views.list': method<SavedView[]>()(noArgs),
  /** Saves a view under its name (replacing one of the same name); answers every view. */
  'views.save': method<SavedView[]>()(z.strictObject({ view: savedView })),
  'views.delete': method<SavedView[]>()(z.strictObject({ name: z.string().min(1).max(80) })),
  /** The ids of every vendor the search and filters match (to select them all). */
  'vendors.ids': method<number[]>()(vendorFilter),
  /** The same change to several vendors (a bulk edit), one audit entry per vendor; all or nothing. */
  'vendors.updateMany': method<{ updated: number; undo: UndoToken | null }>()(
    z.strictObject({
      ids: z.array(id).min(1).max(100_000),
      changes: z
        .strictObject({
          status: z.enum(VENDOR_STATUSES).optional(),
          owner: optionalText(200).optional(),
          tier: z.number().int().min(1).max(3).optional(),
          nextReviewDue: isoDate.optional(),
        })
        .refine((c) => Object.keys(c).length > 0, 'Choose at least one field to change.'),
    }),
  ),
  /** Undoes the latest change, named by the token its answer carried. */
  'changes.undo': method<{ undone: number }>()(z.strictObject({ from: id, to: id })),

  'categories.list': method<DataCategory[]>()(noArgs),
  'categories.update': method<DataCategory>()(
    z.strictObject({ id, label: z.string().trim().min(1, 'Enter a label.').max(200), weight, notifiable: z.boolean() }),
  ),
  'categories.restoreDefaults': method<DataCategory[]>()(noArgs),

  'holdings.list': method<HoldingList>()(z.strictObject({ vendorId: id })),
  'holdings.save': method<Holding>()(z.strictObject({ id: id.optional(), holding: holdingFields })),
  'holdings.delete': method<Deleted>()(z.strictObject({ id })),

  'services.list': method<Service[]>()(noArgs),
  'services.save': method<Service>()(z.strictObject({ id: id.optional(), service: serviceFields })),
  'services.delete': method<Deleted>()(z.strictObject({ id })),
  'services.link': method<Service>()(z.strictObject({ serviceId: id, vendorId: id, reliance: z.enum(RELIANCES) })),
  'services.unlink': method<Service>()(z.strictObject({ serviceId: id, vendorId: id })),
  'services.forVendor': method<VendorService[]>()(z.strictObject({ vendorId: id })),

  'dependencies.forVendor': method<VendorDependencies>()(z.strictObject({ vendorId: id, dependsOn: listPage.optional(), usedBy: listPage.optional(), chain: listPage.optional() })),
  'dependencies.add': method<Dependency>()(
    z.strictObject({ vendorId: id, supplierId: z.number({ error: 'Choose the supplier.' }).int().positive(), description: optionalText(500) }),
  ),
  'dependencies.remove': method<Deleted>()(z.strictObject({ id })),

  'contracts.list': method<Contract[]>()(z.strictObject({ vendorId: id.optional() })),
  'contracts.save': method<Contract>()(z.strictObject({ id: id.optional(), contract: contractFields })),
  'contracts.delete': method<Deleted>()(z.strictObject({ id })),

  'incidents.list': method<Incident[]>()(
    z.strictObject({
      vendorId: id.optional(),
      kinds: z.array(z.enum(INCIDENT_KINDS)).max(INCIDENT_KINDS.length).default([]),
      year: z.number().int().min(1900).max(2200).optional(),
    }),
  ),
  'incidents.get': method<Incident>()(z.strictObject({ id })),
  'incidents.save': method<Incident>()(z.strictObject({ id: id.optional(), incident: incidentFields })),
  'incidents.delete': method<Deleted>()(z.strictObject({ id })),

  'reviews.list': method<Review[]>()(z.strictObject({ vendorId: id.optional() })),
  'reviews.whatIf': method<ProcurementReview>()(z.strictObject({ vendorId: id })),
  /** Records a decision with the what-if figures at that moment; an approval makes the vendor active. */
  'reviews.decide': method<Review>()(
    z.strictObject({
      vendorId: id,
      reviewer: z.string({ error: 'Enter who decided.' }).trim().min(1, 'Enter who decided.').max(200),
      reviewDate: z.string({ error: 'Enter the date of the decision.' }).trim().refine(isRealIsoDate, 'Enter a real date as YYYY-MM-DD.'),
      outcome: z.enum(REVIEW_OUTCOMES, { error: 'Choose a decision.' }),
      conditions: optionalText(5000),
    }),
  ),
  'reviews.save': method<Review>()(z.strictObject({ id: id.optional(), review: reviewFields })),

  'settings.scoring': method<ScoringSettings>()(noArgs),
  'settings.updateScoring': method<ScoringSettings>()(z.strictObject({ settings: scoringSettingsSchema })),
  'scoring.portfolio': method<PortfolioScore>()(noArgs),
  'scoring.vendor': method<VendorScore>()(z.strictObject({ id })),
  'snapshots.list': method<Snapshot[]>()(noArgs),
  'snapshots.take': method<Snapshot>()(noArgs),

  'board.summary': method<BoardSummary>()(z.strictObject({ periodDays: z.number().int().min(7).max(3660).default(90) })),
  /** The board pack as one self-contained HTML document (inline styles and SVG, no external resource). */
  'board.pack': method<{ html: string; fileName: string }>()(z.strictObject({ periodDays: z.number().int().min(7).max(3660).default(90) })),

  /** The dependency map of one service's chain (services → vendors → fourth parties) or of one provider's dependents. */
  'board.dependencyMap': method<DependencyMap>()(
    z.discriminatedUnion('mode', [z.strictObject({ mode: z.literal('service'), serviceId: id }), z.strictObject({ mode: z.literal('provider'), vendorId: id })]),
  ),
  /** Services and vendors whose name contains the text, for the dependency map (at most 20). */
  'board.mapSearch': method<MapSearchResult[]>()(z.strictObject({ text: z.string().trim().min(1).max(200) })),

  'register.dueSoon': method<DueItem[]>()(z.strictObject({ withinDays: z.number().int().min(1).max(3650).default(90) })),

  'audit.list': method<AuditEntry[]>()(
    z.strictObject({
      entityId: id.optional(),
      /** Everything about one vendor: its own record and the rows that name it (holdings, links, contracts, incidents). */
      vendorId: id.optional(),
      ...historyFilter.shape,
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
  /** Everyone who has changed the register, for the History view's filter. */
  'audit.people': method<string[]>()(noArgs),
  /** The name the history records for the person using the app (entered, else the account's full name, else its login). */
  'settings.person': method<PersonName>()(noArgs),
  'settings.updateDateOrder': method<RegisterInfo>()(z.strictObject({ order: z.enum(['dmy', 'mdy']) })),
  'settings.updatePerson': method<PersonName>()(z.strictObject({ name: z.string().trim().max(200).nullable() })),

  'jobs.status': method<JobStatus>()(z.strictObject({ jobId: z.string().min(1).max(100) })),
  'jobs.cancel': method<JobStatus>()(z.strictObject({ jobId: z.string().min(1).max(100) })),

  /** Reads a CSV or XLSX file (bytes as base64); the job's result is an ImportFile. */
  'imports.read': method<JobStarted>()(
    z.strictObject({
      fileName: z.string().trim().min(1).max(500),
      base64: z.string().min(1, 'The file is empty.').max(400_000_000, 'The file is larger than 300 MB; split it into smaller files.'),
      sheet: z.string().max(200).nullish(),
      /** The spreadsheet row holding the headers; absent: the first row that looks like headers. */
      headerLine: z.number().int().min(1).max(1_000_000).nullish(),
      /** CSV: the text encoding and delimiter, when the detected ones are wrong. */
      encoding: z.enum(IMPORT_ENCODINGS).nullish(),
      delimiter: z.enum([',', ';', '\t', '|']).nullish(),
    }),
  ),
  /** Checks every row without writing; the job's result is an ImportCheck. */
  'imports.check': method<JobStarted>()(z.strictObject({ fileId: z.string().min(1).max(100), options: importOptions })),
  /** Writes the rows in one transaction (all or nothing, unless skipErrors); the job's result is an ImportReport. */
  'imports.commit': method<JobStarted>()(z.strictObject({ fileId: z.string().min(1).max(100), options: importOptions })),
  /** Restores the backup taken before an import, if nothing was written since; the job's result is the RegisterInfo. */
  'imports.undo': method<JobStarted>()(z.strictObject({ backup: z.string().min(1).max(500), auditId: id })),
  'imports.mappings': method<SavedMapping[]>()(noArgs),
  'imports.saveMapping': method<SavedMapping>()(
    z.strictObject({
      name: z.string({ error: 'Name the mapping.' }).trim().min(1, 'Name the mapping.').max(100, 'Keep the name under 100 characters.'),
      entity: z.enum(IMPORT_ENTITIES),
      columns: z.record(z.string(), z.string().max(500)),
      translate: importOptions.shape.translate,
      defaults: importOptions.shape.defaults,
    }),
  ),
  'imports.deleteMapping': method<{ id: number }>()(z.strictObject({ id })),

  /** A table (with the register view's filters for vendors) as CSV or XLSX; the job's result is an ExportedFile. */
  'exports.table': method<JobStarted>()(
    z.strictObject({
      table: z.enum(EXPORT_TABLES),
      format: z.enum(['csv', 'xlsx']),
      /** The register view's search and filters (vendors only). */
      ...vendorFilter.shape,
      /** The History view's filters (history only). */
      ...historyFilter.shape,
    }),
  ),
  /** Every table of the register as one JSON document; the job's result is an ExportedFile. */
  'exports.json': method<JobStarted>()(noArgs),

  /** Breach and outage scenarios (docs/scenarios.md). */
  'scenarios.targets': method<ScenarioTargetOption[]>()(z.strictObject({ text: z.string().trim().max(200).default('') })),
  'scenarios.run': method<ScenarioResult>()(z.strictObject({ scenario: scenarioInput })),
  /** Ranks every provider group by the people its breach would expose and the critical services its outage would stop; the job's result is a ProviderRanking. */
  'scenarios.rank': method<JobStarted>()(noArgs),
  /** Saves a tabletop exercise with the figures it is taken on. */
  'scenarios.save': method<SavedScenario>()(savedScenarioFields),
  'scenarios.list': method<SavedScenarioSummary[]>()(noArgs),
  /** A saved scenario with its figures recomputed on the register as it is now. */
  'scenarios.get': method<ReopenedScenario>()(z.strictObject({ id })),
  'scenarios.delete': method<{ id: number }>()(z.strictObject({ id })),
  /** The one-page brief of a saved scenario as a self-contained HTML document (A4 portrait). */
  'scenarios.brief': method<{ html: string; fileName: string }>()(z.strictObject({ id })),
  'scenarioSettings.get': method<ScenarioSettings>()(noArgs),
  'scenarioSettings.update': method<ScenarioSettings>()(z.strictObject({ settings: scenarioSettingsSchema })),

  'legalEntities.list': method<LegalEntity[]>()(noArgs),
  'legalEntities.save': method<LegalEntity>()(z.strictObject({ id: id.optional(), entity: legalEntityFields })),
  'legalEntities.delete': method<{ id: number }>()(z.strictObject({ id })),
  'branches.list': method<Branch[]>()(noArgs),
  'branches.save': method<Branch>()(z.strictObject({ id: id.optional(), branch: branchFields })),
  'branches.delete': method<{ id: number }>()(z.strictObject({ id })),
  'arrangements.list': method<Arrangement[]>()(noArgs),
  'arrangements.save': method<Arrangement>()(z.strictObject({ contractId: id, arrangement: arrangementFields })),
  'functions.list': method<RegisterFunction[]>()(noArgs),
  'functions.save': method<RegisterFunction>()(z.strictObject({ serviceId: id, fn: functionFields })),
  'providers.save': method<{ vendorId: number }>()(z.strictObject({ vendorId: id, provider: providerFields })),
  'providers.get': method<RoiProvider>()(z.strictObject({ vendorId: id })),
  /** The linter's findings on the DORA Register of Information as it would be exported. */
  'roi.lint': method<RoiFinding[]>()(roiOptions),
  /** The DORA RoI plain-csv report package; refused with the findings when any is blocking; the job's result is an RoiExport (the package and its warnings). */
  'roi.export': method<JobStarted>()(roiOptions),
  /** Imports a DORA RoI plain-csv package (zip) into an empty register, all or nothing; refused with the findings (file, row, column). The job's result is a RoiImportReport. */
  'roi.import': method<JobStarted>()(
    z.strictObject({ fileName: z.string().trim().min(1).max(500), base64: z.string().min(1, 'The file is empty.').max(400_000_000, 'The file is larger than 300 MB.') }),
  ),
  'cps230.arrangements': method<Cps230Arrangement[]>()(noArgs),
  'cps230.saveArrangement': method<Cps230Arrangement>()(z.strictObject({ contractId: id, arrangement: cps230ArrangementFields })),
  'cps230.operations': method<CriticalOperation[]>()(noArgs),
  'cps230.saveOperation': method<CriticalOperation>()(z.strictObject({ serviceId: id, operation: criticalOperationFields })),
  /** The CPS 230 register of material service providers as an Excel workbook; the job's result is an ExportedFile. */
  /** The CPS 230 register's warnings on a reference date (db/regulatory/cps230-lint.ts); the export does not wait on them. */
  'cps230.lint': method<RoiFinding[]>()(cps230Options),
  'cps230.export': method<JobStarted>()(cps230Options),

  'backups.list': method<BackupList>()(noArgs),
  'backups.updateSettings': method<BackupSettings>()(
    z.strictObject({ daily: z.boolean(), keep: z.number({ error: 'Enter a number of backups.' }).int('Enter a whole number.').min(1, 'Keep at least one backup.').max(365, 'Keep at most 365 backups.') }),
  ),
  'backups.take': method<JobStarted>()(noArgs),
  /** Replaces the register with one of its backups (listed by backups.list), after backing up the current state; the job's result is the RegisterInfo. */
  'backups.restore': method<JobStarted>()(z.strictObject({ fileName: z.string().min(1).max(500) })),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Types derived from the contract.

export type ApiContract = typeof contract;
export type MethodName = keyof ApiContract;
export type MethodInput<M extends MethodName> = z.input<ApiContract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<ApiContract[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<ApiContract[M]['result']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;

/** The client's shape: `api.vendors.list(args)`. */
/** `signal` gives a call up when its answer is no longer wanted: a long one stops in the service. */
export interface CallOptions {
  signal?: AbortSignal;
}

export type Api = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: (args: MethodInput<M>, options?: CallOptions) => Promise<MethodResult<M>>;
  };
};

// ---------------------------------------------------------------------------------------------------------------
// What the Electron preload exposes to the page as `window.vrr` (contextBridge).

/** `callId` numbers the call, so the page can give it up with `Bridge.cancel`. */
export type BridgeCall = (args: unknown, registerId: string | null, callId?: number) => Promise<Envelope<unknown>>;

export interface AppCommands {
  newRegister(): Promise<void>;
  openRegister(): Promise<void>;
  saveCopy(): Promise<void>;
  /** Opens the sample register (made on first use in the registers folder). */
  openSample(): Promise<void>;
  /** Opens an http(s) or mailto link in the system browser, after the main process checks it. */
  openExternal(url: string): Promise<void>;
  /** Prints the page to a PDF file the user chooses (A4); the page's print stylesheet decides what is printed. */
  savePdf(suggestedName: string): Promise<void>;
  /** Prints a self-contained HTML document (the board pack) to a PDF file the user chooses, A4 landscape. */
  saveDocumentPdf(html: string, suggestedName: string): Promise<void>;
  /** Saves a file the page made (an export, a chart) where the user chooses; the path it was saved to, or null when cancelled. */
  saveFile(base64: string, fileName: string): Promise<string | null>;
  /** Tells the main process whether a form holds unsaved edits, so it asks before switching register or closing. */
  setUnsavedChanges(dirty: boolean): Promise<void>;
}

export interface Bridge {
  api: Record<string, Record<string, BridgeCall>>;
  onRegisterChanged(listener: (info: RegisterInfo) => void): () => void;
  /** The app menu asks for a screen by name ('import', 'settings'). */
  onShowView(listener: (view: string) => void): () => void;
  /** The answer to call `callId` is no longer wanted: a long call (scoring, the board) stops. */
  cancel(callId: number): void;
  commands: AppCommands;
}

/** Groups one function per method into `{ domain: { verb: fn } }` for the preload (the renderer makes its methods on first use). */
export function buildApi<T>(make: (method: MethodName) => T): Record<string, Record<string, T>> {
  const api: Record<string, Record<string, T>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = name.split('.') as [string, string];
    (api[domain] ??= {})[verb] = make(name);
  }
  return api;
}
