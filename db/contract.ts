// The API between the renderer and the register: every method's input schema and result type.
// Handlers, the IPC binding, the preload, the HTTP harness and the renderer client are all derived from `contract`.
// This module imports zod and pure helpers only, so the renderer can import it.
import { z } from 'zod';
import { isCountryCode } from './shared/countries';
import { compactIdentifier, isValidAbn, isValidAcn, isValidLei } from './shared/identifiers';

// ---------------------------------------------------------------------------------------------------------------
// Errors cross the boundary as data.

export const ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorDetails {
  /** Field path (dot-separated, relative to the method's argument) → message to show next to that field. */
  fields?: Record<string, string>;
  /** Set when the request was meant for a register that is no longer open; the client drops such answers. */
  staleRegister?: boolean;
  [key: string]: unknown;
}

export interface ApiErrorData {
  code: ErrorCode;
  message: string;
  details?: ApiErrorDetails;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: ApiErrorDetails;
  constructor(code: ErrorCode, message: string, details?: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
  toData(): ApiErrorData {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorData };

// ---------------------------------------------------------------------------------------------------------------
// Vocabularies (values stored in the register; labels live in shared/labels.ts).

export const SERVICE_TYPES = [
  'customer_servicing',
  'chat_messaging',
  'payment_gateway',
  'ecommerce_platform',
  'crm',
  'cloud_hosting',
  'loyalty',
  'other',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const VENDOR_STATUSES = ['proposed', 'under_review', 'active', 'offboarding', 'exited'] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

export const TIERS = [1, 2, 3] as const;
export type Tier = (typeof TIERS)[number];

export const SUBSTITUTABILITY = ['easy', 'medium', 'difficult', 'not_substitutable'] as const;
export type Substitutability = (typeof SUBSTITUTABILITY)[number];

// ---------------------------------------------------------------------------------------------------------------
// Field schemas. Text is trimmed; an empty optional field is stored as null.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));

function isRealIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const isoDate = z
  .string()
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isRealIsoDate(v), 'Enter a real date as YYYY-MM-DD.');

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
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete'] as const;
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: number | null;
  action: (typeof AUDIT_ACTIONS)[number];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
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
      search: z.string().trim().max(200).default(''),
      statuses: z.array(z.enum(VENDOR_STATUSES)).max(VENDOR_STATUSES.length).default([]),
      serviceTypes: z.array(z.enum(SERVICE_TYPES)).max(SERVICE_TYPES.length).default([]),
      tiers: z.array(z.number().int().min(1).max(3)).max(3).default([]),
      countries: z.array(z.string().length(2)).max(300).default([]),
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
  'vendors.delete': method<{ id: number }>()(z.strictObject({ id, version: z.number().int().positive() })),

  'audit.list': method<AuditEntry[]>()(
    z.strictObject({
      entity: z.string().min(1).max(50).optional(),
      entityId: id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
  ),
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Types derived from the contract.

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodArgs<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<Contract[M]['result']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

type DomainOf<M> = M extends `${infer D}.${string}` ? D : never;
export type Domain = DomainOf<MethodName>;

/** The client's shape: `api.vendors.list(args)`. */
export type Api = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: (args: MethodInput<M>) => Promise<MethodResult<M>>;
  };
};

// ---------------------------------------------------------------------------------------------------------------
// What the Electron preload exposes to the page as `window.vrr` (contextBridge).

export type BridgeCall = (args: unknown, registerId: string | null) => Promise<Envelope<unknown>>;

export interface AppCommands {
  newRegister(): Promise<void>;
  openRegister(): Promise<void>;
  saveCopy(): Promise<void>;
  /** Opens an http(s) or mailto link in the system browser, after the main process checks it. */
  openExternal(url: string): Promise<void>;
  /** Tells the main process whether a form holds unsaved edits, so it asks before switching register or closing. */
  setUnsavedChanges(dirty: boolean): Promise<void>;
}

export interface Bridge {
  api: Record<string, Record<string, BridgeCall>>;
  onRegisterChanged(listener: (info: RegisterInfo) => void): () => void;
  commands: AppCommands;
}

/** Groups one function per method into `{ domain: { verb: fn } }`; used by the preload and the renderer client. */
export function buildApi<T>(make: (method: MethodName) => T): Record<string, Record<string, T>> {
  const api: Record<string, Record<string, T>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = name.split('.') as [string, string];
    (api[domain] ??= {})[verb] = make(name);
  }
  return api;
}
