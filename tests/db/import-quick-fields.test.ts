// The import's quick field checks (db/io/quick-fields.ts) stand in for the contract's schemas: whatever they accept,
// the schema accepts with the same result (same keys, same order, same values); whatever they are unsure of goes to
// the schema. Checked on thousands of rows mixing good, odd and wrong values, field by field.
import { describe, expect, it } from 'vitest';
import { holdingFields, vendorFields } from '../../db/contract';
import { quickHoldingFields, quickVendorFields } from '../../db/io/quick-fields';
import { parseAmount } from '../../db/io/values';

/** A small seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const TEXTS = [undefined, null, '', '   ', 'Acme', '  Acme Pty Ltd  ', 'x'.repeat(100), 'x'.repeat(101), 'x'.repeat(200), 'x'.repeat(201), ` ${'y'.repeat(200)} `, 'x'.repeat(301), 5, true];
const COUNTRIES = [undefined, null, '', ' ', 'AU', 'au', ' gb ', 'XX', 'Australia', 'U', 3];
const CURRENCIES = [undefined, null, '', 'AUD', 'aud', ' usd ', 'ZZZ', 'A$', 7];
const NUMBERS = [undefined, null, 0, -0, 1, 2, 3, 4, 2.5, -1, 1e10, 1e10 + 1, 1e16, Number.NaN, Number.POSITIVE_INFINITY, '5', true];
const DATES = [undefined, null, '', ' ', '2027-01-15', ' 2027-01-15 ', '2026-02-29', '2028-02-29', '2027-13-01', '15/01/2027', '2027-1-5', 20_270_115];
const IDENTIFIERS = [undefined, null, '', '5493001KJTIIGC8Y1R12', '5493001KJTIIGC8Y1R13', '5493 001K JTII GC8Y 1R12', 'ABC', '51 824 753 556', '51824753557', '004 085 616', '004085617', 12];
const WEBSITES = [undefined, null, '', 'https://example.com', 'http://a.b/c', 'example.com', 'ftp://x.y', 5];
const BOOLEANS = [undefined, true, false, null, 'yes', 1];
const pick = <T,>(next: () => number, values: readonly T[]): T => values[Math.floor(next() * values.length)]!;

const VENDOR_VALUES: Record<string, readonly unknown[]> = {
  name: TEXTS,
  legalName: TEXTS,
  lei: IDENTIFIERS,
  abn: IDENTIFIERS,
  acn: IDENTIFIERS,
  otherIdentifier: TEXTS,
  hqCountry: COUNTRIES,
  ultimateParentId: NUMBERS,
  serviceType: [undefined, null, 'crm', 'cloud_hosting', 'CRM', 'other', ''],
  status: [undefined, null, 'active', 'exited', 'gone', ''],
  tier: NUMBERS,
  owner: TEXTS,
  website: WEBSITES,
  annualSpend: NUMBERS,
  spendCurrency: CURRENCIES,
  substitutability: [undefined, null, 'easy', 'not_substitutable', 'hard'],
  exitPlan: BOOLEANS,
  direct: BOOLEANS,
  people: NUMBERS,
  lastAssessed: DATES,
  nextReviewDue: DATES,
  notes: TEXTS,
};

const HOLDING_VALUES: Record<string, readonly unknown[]> = {
  vendorId: NUMBERS,
  categoryId: NUMBERS,
  records: NUMBERS,
  storageCountry: COUNTRIES,
  encrypted: BOOLEANS,
  tokenised: BOOLEANS,
  notes: TEXTS,
};

/** Rows where each field is left out, good, odd or wrong; now and then with a key the schema does not know. */
function* rows(values: Record<string, readonly unknown[]>, good: Record<string, unknown>, seed: number): Generator<Record<string, unknown>> {
  const next = random(seed);
  for (let n = 0; n < 6_000; n++) {
    const row: Record<string, unknown> = { ...good };
    // Mostly good rows with one or two fields changed (as real files are), sometimes anything at all.
    const changes = next() < 0.2 ? Object.keys(values).length : Math.floor(next() * 3);
    for (let c = 0; c < changes; c++) {
      const key = pick(next, Object.keys(values));
      const value = pick(next, values[key]!);
      if (value === undefined && next() < 0.5) delete row[key];
      else row[key] = value;
    }
    if (next() < 0.03) row.unknownField = 'x';
    yield row;
  }
}

function compare(schema: { safeParse(input: unknown): { success: boolean; data?: unknown } }, quick: (input: Record<string, unknown>) => unknown, input: Record<string, unknown>): 'quick' | 'schema' {
  const sure = quick(input);
  if (sure === undefined) return 'schema';
  const parsed = schema.safeParse(input);
  expect(parsed.success, JSON.stringify(input)).toBe(true);
  // Same values, and the same keys in the same order (the import compares rows by their JSON).
  expect(JSON.stringify(sure)).toBe(JSON.stringify(parsed.data));
  expect(sure).toEqual(parsed.data);
  return 'quick';
}

describe('quick field checks', () => {
  it('accept only vendors the schema accepts, with the schema’s result', () => {
    const good = { name: 'Vendor 1', legalName: 'Vendor 1, Pty Ltd', serviceType: 'crm', status: 'active', tier: 1, hqCountry: 'AU', owner: 'Owner 1', annualSpend: 7919, spendCurrency: 'AUD', nextReviewDue: '2027-01-15', ultimateParentId: null };
    const answered = { quick: 0, schema: 0 };
    for (const seed of [1, 2, 3]) for (const input of rows(VENDOR_VALUES, good, seed)) answered[compare(vendorFields, quickVendorFields, input)]++;
    // Both paths are exercised: the quick one on most rows, the schema on the rest.
    expect(answered.quick).toBeGreaterThan(2_000);
    expect(answered.schema).toBeGreaterThan(2_000);
  });

  it('accept only holdings the schema accepts, with the schema’s result', () => {
    const good = { vendorId: 12, categoryId: 3, records: 1_500, storageCountry: 'PH' };
    const answered = { quick: 0, schema: 0 };
    for (const seed of [4, 5, 6]) for (const input of rows(HOLDING_VALUES, good, seed)) answered[compare(holdingFields, quickHoldingFields, input)]++;
    expect(answered.quick).toBeGreaterThan(2_000);
    expect(answered.schema).toBeGreaterThan(2_000);
  });

  it('leave a spend without a currency, and a review before the last assessment, to the schema', () => {
    expect(quickVendorFields({ name: 'A', annualSpend: 10 })).toBeUndefined();
    expect(vendorFields.safeParse({ name: 'A', annualSpend: 10 }).success).toBe(false);
    expect(quickVendorFields({ name: 'A', lastAssessed: '2027-02-01', nextReviewDue: '2027-01-01' })).toBeUndefined();
    expect(quickVendorFields({ name: 'A', annualSpend: 10, spendCurrency: 'aud', lastAssessed: '2027-01-01', nextReviewDue: '2027-02-01' })).toMatchObject({ spendCurrency: 'AUD' });
  });
});

describe('plain whole numbers', () => {
  it('read as the full reading of the same cell does', () => {
    // A leading space takes a cell past the short cut for plain whole numbers, through the full reading.
    const cells = ['0', '7', '007', '1234', '999999999', '1000000000', '1,234', '12,345', '123,456,789', '1,234,567,890', '1,23', '1,2345', ',123', '1,234.5', '1.234', '1.234.567', '12 345'];
    for (const decimal of ['point', 'comma'] as const) {
      for (const cell of cells) {
        const full = parseAmount(` ${cell}`, decimal);
        // An error quotes the cell as written, leading space and all.
        expect(parseAmount(cell, decimal), `${cell} (${decimal})`).toEqual('error' in full ? { error: full.error.replace('“ ', '“') } : full);
      }
    }
  });
});
