// An imported row's fields checked without a zod parse per row (half a million rows pay for every microsecond).
// Each check accepts only what the contract's schema accepts and returns exactly what the schema would (the same
// keys, in the same order); for anything else it returns undefined and the row is parsed by the schema itself, so
// a row with a problem gets the schema's own messages. tests/db/import-quick-fields.test.ts compares the two.
import { holdingFields, isRealIsoDate, SERVICE_TYPES, SUBSTITUTABILITY, VENDOR_STATUSES, vendorFields, type VendorFields } from '../contract';
import { isCountryCode } from '../shared/countries';
import type { z } from 'zod';

/** "Not sure: ask the schema." */
const ASK = Symbol('ask the schema');
type Check = (value: unknown) => unknown;

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 10_000_000_000;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v > 0;

/** A trimmed text of at most `max` characters; empty is null unless `required`. */
const text =
  (max: number, required = false): Check =>
  (v) => {
    if (v == null) return required ? ASK : null;
    if (typeof v !== 'string') return ASK;
    const t = v.trim();
    if (t.length > max || (required && t === '')) return ASK;
    return t === '' ? null : t;
  };

/** A code the schema upper-cases and looks up (a country, a currency). */
const code =
  (known: (code: string) => boolean): Check =>
  (v) => {
    if (v == null) return null;
    if (typeof v !== 'string') return ASK;
    const t = v.trim().toUpperCase();
    return t === '' ? null : known(t) ? t : ASK;
  };

const currencies = new Set(Intl.supportedValuesOf('currency'));

const choice =
  (choices: readonly unknown[], fallback: unknown): Check =>
  (v) =>
    v === undefined ? fallback : choices.includes(v) ? v : ASK;

const nullableChoice =
  (choices: readonly unknown[]): Check =>
  (v) =>
    v == null ? null : choices.includes(v) ? v : ASK;

const flag =
  (fallback: boolean): Check =>
  (v) =>
    v === undefined ? fallback : typeof v === 'boolean' ? v : ASK;

const nullable =
  (accepts: (v: unknown) => boolean): Check =>
  (v) =>
    v == null ? null : accepts(v) ? v : ASK;

const required =
  (accepts: (v: unknown) => boolean): Check =>
  (v) =>
    accepts(v) ? v : ASK;

/** Dates repeat down a file: each text is checked once (forgotten all at once past a thousand). */
const realDates = new Map<string, boolean>();
const isRealDate = (text: string): boolean => {
  let real = realDates.get(text);
  if (real === undefined) {
    if (realDates.size >= 1_000) realDates.clear();
    realDates.set(text, (real = isRealIsoDate(text)));
  }
  return real;
};

const date: Check = (v) => {
  if (v == null) return null;
  if (typeof v !== 'string') return ASK;
  const t = v.trim();
  return t === '' ? null : isRealDate(t) ? t : ASK;
};

/** A field too rare in bulk to write out (identifiers with check digits, web addresses): its own schema, when filled. */
const ownSchema =
  (schema: z.ZodType): Check =>
  (v) => {
    if (v == null) return null;
    const parsed = schema.safeParse(v);
    return parsed.success ? parsed.data : ASK;
  };

function quick<T>(checks: Record<string, Check>, refine: (out: T) => boolean = () => true): (input: Record<string, unknown>) => T | undefined {
  const keys = Object.keys(checks);
  const checkOf = keys.map((key) => checks[key]!);
  const known = new Set(keys);
  // Every answer is a copy of one object with every key already in order: filled key by key from nothing, one of
  // more than sixteen keys would become a hash table (V8's limit for properties added by computed names).
  const shape: Record<string, unknown> = Object.fromEntries(keys.map((key) => [key, null]));
  return (input) => {
    // A strict object: a key the schema does not know is its error to report.
    for (const key in input) if (input[key] !== undefined && !known.has(key)) return undefined;
    const out = { ...shape };
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = checkOf[i]!(input[key]);
      if (value === ASK) return undefined;
      out[key] = value;
    }
    return refine(out as T) ? (out as T) : undefined;
  };
}

const shape = vendorFields.shape;

export const quickVendorFields = quick<VendorFields>(
  {
    name: text(200, true),
    legalName: text(300),
    lei: ownSchema(shape.lei),
    abn: ownSchema(shape.abn),
    acn: ownSchema(shape.acn),
    otherIdentifier: text(100),
    hqCountry: code(isCountryCode),
    ultimateParentId: nullable(isId),
    serviceType: choice(SERVICE_TYPES, 'other'),
    status: choice(VENDOR_STATUSES, 'active'),
    tier: choice([1, 2, 3], 3),
    owner: text(200),
    website: ownSchema(shape.website),
    annualSpend: nullable((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0),
    spendCurrency: code((c) => currencies.has(c)),
    substitutability: nullableChoice(SUBSTITUTABILITY),
    exitPlan: flag(false),
    direct: flag(true),
    people: nullable(isCount),
    lastAssessed: date,
    nextReviewDue: date,
    notes: text(10_000),
  },
  // The schema's checks across fields: a spend needs its currency; the next review is not before the last assessment.
  (v) => (v.annualSpend === null || v.spendCurrency !== null) && !(v.lastAssessed && v.nextReviewDue && v.nextReviewDue < v.lastAssessed),
);

export const quickHoldingFields = quick<z.output<typeof holdingFields>>({
  vendorId: required(isId),
  categoryId: required(isId),
  records: required(isCount),
  storageCountry: code(isCountryCode),
  encrypted: flag(false),
  tokenised: flag(false),
  notes: text(1000),
});
