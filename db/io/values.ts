// Reading the values spreadsheets really contain: dates in every common shape, numbers with separators and
// currency signs, yes/no flags, country names, labels for coded values. And the formula-injection guard for exports.
import { COUNTRY_CODES, countryName } from '../shared/countries';
import { headerKey } from '../shared/import-fields';

/** A cell as read from CSV (text) or XLSX (typed), and what reading it gave. */
export type { Cell, Parsed } from '../shared/dates';
import type { Cell, Parsed } from '../shared/dates';

// Formula injection: the rule lives with the import report, which the screen builds too.
export { neutralise, restoreNeutralised } from '../shared/import-report';

// ---------------------------------------------------------------------------------------------------------------

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Numbers

/** Scale words as spreadsheets write them, in English, German, French, Dutch, Spanish and Italian. */
const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  thousands: 1e3,
  tsd: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mln: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  millionen: 1e6,
  millon: 1e6,
  millones: 1e6,
  milione: 1e6,
  milioni: 1e6,
  miljoen: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
  mrd: 1e9,
  milliard: 1e9,
  milliarden: 1e9,
  miljard: 1e9,
};

/** Words that mean a thousand in one language and a million in another: read as a million, with a warning. */
const AMBIGUOUS_SCALE: Record<string, { scale: number; note: string }> = {
  mil: { scale: 1e6, note: '“mil” read as million (in Spanish and Portuguese it means thousand)' },
  mill: { scale: 1e6, note: '“mill” read as million' },
};

/** Currencies a cell may name: ISO codes (any three letters), and the symbols that say which currency they are. */
const CURRENCY_SIGNS: [RegExp, string | null][] = [
  [/^A\$/, 'AUD'],
  [/^AU\$/, 'AUD'],
  [/^US\$/, 'USD'],
  [/^NZ\$/, 'NZD'],
  [/^S\$/, 'SGD'],
  [/^C\$/, 'CAD'],
  [/^HK\$/, 'HKD'],
  [/^€/, 'EUR'],
  [/^£/, 'GBP'],
  [/^¥/, 'JPY'],
  [/^\$/, null],
];

export type Decimal = 'point' | 'comma';

const PLAIN_WHOLE: Record<Decimal, RegExp> = { point: /^(\d{1,9}|\d{1,3},\d{3}|\d{1,3},\d{3},\d{3})$/, comma: /^\d{1,9}$/ };

/** Thousands separators between groups of three digits (the other mark, spaces or apostrophes); one decimal mark. */
const NUMBER_MARKS: Record<Decimal, { shape: RegExp; grouping: RegExp; point: string }> = {
  point: { shape: /^\d{1,3}([, ']\d{3})*(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$/, grouping: /[, ']/g, point: '.' },
  comma: { shape: /^\d{1,3}([. ']\d{3})*(,\d+)?$|^\d+(,\d+)?$|^,\d+$/, grouping: /[. ']/g, point: ',' },
};

/**
 * 1,234,567 · 1 234 567 · $1,200.50 · AUD 1,200 · USD 250,000 · 5.7 million · 12k · 1 mln · 2,5 Mio. With decimal
 * commas (`decimal: 'comma'`), 1.234.567,89 and 1.250 (one thousand two hundred and fifty). A currency the cell
 * names (a code, or a symbol that says which) is returned beside the value. Negative numbers are read but callers
 * may refuse them.
 */
export function parseAmount(cell: Cell, decimal: Decimal = 'point'): Parsed<number | null> & { currency?: string } {
  if (cell === null || cell === '') return { value: null };
  if (typeof cell === 'number') return Number.isFinite(cell) ? { value: cell } : { error: 'is not a number' };
  if (typeof cell === 'boolean' || cell instanceof Date) return { error: 'is not a number' };
  // Most cells of a large file are plain whole numbers: up to nine digits (so the rounding below changes nothing),
  // grouped by commas where the decimal mark is a point.
  if (PLAIN_WHOLE[decimal].test(cell)) return { value: Number(decimal === 'point' ? cell.replace(/,/g, '') : cell) };
  let text = cell.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (text === '' || text === '-' || text === '—') return { value: null };
  const notNumber = { error: `“${cell}” is not a number` };
  let negative = false;
  if (/^\(.*\)$/.test(text)) {
    negative = true;
    text = text.slice(1, -1).trim();
  }
  let currency: string | undefined;
  const code = /^([A-Za-z]{3})\s*(?=[-+\d.,$€£¥])|\s*([A-Za-z]{3})$/.exec(text);
  if (code && !SCALE[(code[1] ?? code[2])!.toLowerCase()] && !AMBIGUOUS_SCALE[(code[1] ?? code[2])!.toLowerCase()]) {
    currency = (code[1] ?? code[2])!.toUpperCase();
    text = code[1] ? text.slice(code[0].length) : text.slice(0, code.index);
  }
  for (const [sign, named] of CURRENCY_SIGNS) {
    if (sign.test(text)) {
      text = text.replace(sign, '').trim();
      if (named) currency ??= named;
      break;
    }
  }
  const match = /^([-+]?)\s*([\d.,' ]+?)\s*\.?\s*([a-zA-Z]*)\.?$/.exec(text);
  if (!match) return notNumber;
  const [, sign, digits, suffix] = match as unknown as [string, string, string, string];
  const word = suffix.toLowerCase();
  const ambiguous = AMBIGUOUS_SCALE[word];
  const scale = word === '' ? 1 : (SCALE[word] ?? ambiguous?.scale);
  if (scale === undefined) return notNumber;
  const marks = NUMBER_MARKS[decimal];
  const body = digits.trim();
  if (!marks.shape.test(body)) return notNumber;
  const plain = body.replace(marks.grouping, '').replace(marks.point, '.');
  const value = Number(plain) * scale * (sign === '-' || negative ? -1 : 1);
  if (!Number.isFinite(value)) return notNumber;
  return { value: Math.round(value * 1e6) / 1e6, ...(ambiguous ? { warning: ambiguous.note } : {}), ...(currency ? { currency } : {}) };
}

export function parseNumber(cell: Cell, decimal: Decimal = 'point'): Parsed<number | null> {
  const { currency: _currency, ...parsed } = parseAmount(cell, decimal);
  return parsed;
}

/** Which decimal mark numbers in these cells prove: 1.234,5 or 12,5 a comma; 1,234.5 or 12.5 a point (1,250 and 1.250 prove nothing). */
export function detectDecimal(cells: Iterable<Cell>): { decimal: Decimal | null; evidence: string | null; conflict: boolean } {
  let comma: string | null = null;
  let point: string | null = null;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const text = cell.trim();
    const m = /^[^\d]*?(\d[\d.,' ]*\d|\d)/.exec(text);
    if (!m) continue;
    const digits = m[1]!;
    if (/,\d{1,2}$|,\d{4,}$|\.\d{3},\d+$|^\d{1,3}(\.\d{3}){2,}$/.test(digits)) comma ??= text;
    else if (/\.\d{1,2}$|\.\d{4,}$|,\d{3}\.\d+$|^\d{1,3}(,\d{3}){2,}$/.test(digits)) point ??= text;
    if (comma && point) break;
  }
  if (comma && point) return { decimal: null, evidence: `${comma} and ${point}`, conflict: true };
  return { decimal: comma ? 'comma' : point ? 'point' : null, evidence: comma ?? point, conflict: false };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates (db/shared/dates.ts: the app's date input reads them too)

export { detectDateOrder, excelSerialToIso, parseDate, type DateOrder } from '../shared/dates';

// ---------------------------------------------------------------------------------------------------------------
// Flags, countries, coded values

const TRUE_WORDS = new Set(['yes', 'y', 'true', '1', 'x', 'ja', 'oui', 'checked']);
const FALSE_WORDS = new Set(['no', 'n', 'false', '0', 'none', '']);

export function parseBoolean(cell: Cell): Parsed<boolean | null> {
  if (cell === null) return { value: null };
  if (typeof cell === 'boolean') return { value: cell };
  if (typeof cell === 'number') return cell === 1 || cell === 0 ? { value: cell === 1 } : { error: `${cell} is not yes or no` };
  const key = cellText(cell).toLowerCase().replace(/[✓✔]/g, 'x');
  if (key === '') return { value: null };
  if (TRUE_WORDS.has(key)) return { value: true };
  if (FALSE_WORDS.has(key)) return { value: false };
  return { error: `“${cellText(cell)}” is not yes or no` };
}

const COUNTRY_ALIASES: Record<string, string> = {
  usa: 'US',
  unitedstatesofamerica: 'US',
  america: 'US',
  uk: 'GB',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  southkorea: 'KR',
  korea: 'KR',
  russia: 'RU',
  vietnam: 'VN',
  czechrepublic: 'CZ',
  uae: 'AE',
  holland: 'NL',
  hongkong: 'HK',
  taiwan: 'TW',
};

let countryByName: Map<string, string> | null = null;

/** ISO 3166 alpha-2 code from a code or an English name (Australia, United States, UK, Viet Nam…). */
export function parseCountry(cell: Cell): Parsed<string | null> {
  const text = cellText(cell);
  if (text === '') return { value: null };
  if (/^[A-Za-z]{2}$/.test(text) && COUNTRY_CODES.includes(text.toUpperCase())) return { value: text.toUpperCase() };
  if (!countryByName) {
    countryByName = new Map(COUNTRY_CODES.map((code) => [headerKey(countryName(code)), code]));
    for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) countryByName.set(alias, code);
  }
  const code = countryByName.get(headerKey(text));
  return code ? { value: code } : { error: `“${text}” is not a country we know; use a name such as Australia or a two-letter code such as AU` };
}

const codedLookups = new WeakMap<readonly unknown[], Map<string, string | number>>();

/** A coded value from its code, its label, or one of its synonyms (all compared without case, spaces or punctuation). */
export function parseCoded<T extends string | number>(cell: Cell, choices: readonly { value: T; names: readonly string[] }[], what: string): Parsed<T | null> {
  const text = cellText(cell);
  if (text === '') return { value: null };
  let lookup = codedLookups.get(choices);
  if (!lookup) {
    lookup = new Map(choices.flatMap((choice) => choice.names.map((name) => [headerKey(name), choice.value] as const)));
    codedLookups.set(choices, lookup);
  }
  const value = lookup.get(headerKey(text));
  if (value !== undefined) return { value: value as T };
  return { error: `“${text}” is not a ${what}; use one of: ${choices.map((c) => c.names[0]).join(', ')}` };
}

const SUFFIX_AFTER_COMMA = /^(pty\.?\s*ltd|pty\.?\s*limited|ltd|limited|inc|incorporated|llc|llp|plc|corp|corporation|co|gmbh|ag|s\.?a|b\.?v|n\.?v|pte\.?\s*ltd)\.?$/i;

/**
 * A list in one cell: names separated by semicolons, line breaks or bars; without any of those, by commas — except a
 * comma before a legal suffix ("Frontline Contact, Pty. Ltd." stays one name). "N/A", "None" and "-" are no names.
 */
export function parseList(cell: Cell, nothing: (text: string) => boolean = () => false): string[] {
  const text = cellText(cell);
  const parts = /[;\n\r|]/.test(text) ? text.split(/[;\n\r|]+/) : text.split(',').reduce<string[]>((names, part) => {
    if (names.length && SUFFIX_AFTER_COMMA.test(part.trim())) names[names.length - 1] += `,${part}`;
    else names.push(part);
    return names;
  }, []);
  return parts.map((part) => part.trim()).filter((part) => part && !nothing(part));
}
