// Reading dates as people type them: ISO, day/month/year or month/day/year, month names, Excel serial numbers.
// Shared by the importer and the app's date input.

/** A spreadsheet cell or a typed text. */
export type Cell = string | number | boolean | Date | null;
export type Parsed<T> = { value: T; warning?: string } | { error: string };

export type DateOrder = 'dmy' | 'mdy';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 from a month name or its abbreviation (Mar, Mar., Sept). */
function monthNumber(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (key.length < 3) return null;
  const index = MONTHS.findIndex((month) => month.startsWith(key));
  return index < 0 ? null : index + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoDay(year: number, month: number, day: number): string | null {
  if (year < 100) year += year < 70 ? 2000 : 1900;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** Excel's serial day numbers (1900 system, with its phantom 29 February 1900): 45352 → 2024-03-01. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const days = Math.floor(serial);
  const ms = Math.round((serial - days) * 86_400_000);
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000 + ms);
  return date.toISOString();
}

function withTime(day: string, hours: number, minutes: number, keepTime: boolean): string | null {
  if (hours > 23 || minutes > 59) return null;
  return keepTime && (hours || minutes) ? `${day}T${pad(hours)}:${pad(minutes)}` : day;
}

function parseTime(rest: string): { hours: number; minutes: number } | null | undefined {
  const text = rest.trim();
  if (text === '') return undefined;
  const match = /^(?:T|\s)?\s*(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap]\.?m\.?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const meridiem = match[3]?.toLowerCase().replace(/\./g, '');
  if (meridiem === 'pm' && hours < 12) hours += 12;
  if (meridiem === 'am' && hours === 12) hours = 0;
  return { hours, minutes: Number(match[2]) };
}

/**
 * A date (YYYY-MM-DD), or with `keepTime` a date and time (YYYY-MM-DDTHH:MM) when the cell has one.
 * Reads ISO, day/month/year or month/day/year (by `order`), month names (3 March 2024, Mar 3 2024, 03-Mar-24),
 * Excel serial numbers, and date-times.
 */
export function parseDate(cell: Cell, order: DateOrder, keepTime = false): Parsed<string | null> {
  if (cell === null || cell === '') return { value: null };
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return { error: 'is not a date' };
    const iso = cell.toISOString();
    return { value: keepTime && iso.slice(11, 16) !== '00:00' ? iso.slice(0, 16) : iso.slice(0, 10) };
  }
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    if (!iso) return { error: `${cell} is not a date` };
    return { value: keepTime && iso.slice(11, 16) !== '00:00' ? iso.slice(0, 16) : iso.slice(0, 10), warning: `read the number ${cell} as an Excel date (${iso.slice(0, 10)})` };
  }
  if (typeof cell === 'boolean') return { error: 'is not a date' };
  const text = cell.trim().replace(/\s+/g, ' ').replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  if (text === '') return { value: null };
  if (/^\d{4,6}(\.\d+)?$/.test(text) && Number(text) > 10_000) return parseDate(Number(text), order, keepTime);
  const bad = { error: `“${cell}” is not a date we can read; use YYYY-MM-DD` };

  const finish = (day: string | null, rest: string): Parsed<string | null> => {
    if (!day) return { error: `“${cell}” is not a real date` };
    const time = parseTime(rest);
    if (time === null) return bad;
    return { value: time ? withTime(day, time.hours, time.minutes, keepTime) : day };
  };

  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(.*)$/.exec(text);
  if (m) return finish(isoDay(Number(m[1]), Number(m[2]), Number(m[3])), m[4]!);

  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(.*)$/.exec(text);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [day, month] = order === 'dmy' ? [a, b] : [b, a];
    return finish(isoDay(Number(m[3]), month, day), m[4]!);
  }

  // 3 March 2024 · 03-Mar-24 · 3 Mar. 2024
  m = /^(\d{1,2})[ -]([A-Za-z]+\.?)[ ,-]+(\d{4}|\d{2})(?!\d)(.*)$/.exec(text);
  if (m) {
    const month = monthNumber(m[2]!);
    return month ? finish(isoDay(Number(m[3]), month, Number(m[1])), m[4]!) : bad;
  }
  // Sept 2022 · March 2024: a month without a day reads as its first day, said in a warning.
  m = /^([A-Za-z]+\.?)[ -](\d{4})$/.exec(text);
  if (m) {
    const month = monthNumber(m[1]!);
    const day = month ? isoDay(Number(m[2]), month, 1) : null;
    return day ? { value: day, warning: `“${text}” gives a month only: read as its first day (${day})` } : bad;
  }
  // March 3, 2024 · Mar 3 2024
  m = /^([A-Za-z]+\.?) (\d{1,2}),? (\d{4})(.*)$/.exec(text);
  if (m) {
    const month = monthNumber(m[1]!);
    return month ? finish(isoDay(Number(m[3]), month, Number(m[2])), m[4]!) : bad;
  }
  return bad;
}

/** Which order slashed dates in these cells must be in: a first part above 12 proves day/month, a second proves month/day. */
export function detectDateOrder(cells: Iterable<Cell>): { order: DateOrder | null; evidence: string | null; conflict: boolean } {
  let dmy: string | null = null;
  let mdy: string | null = null;
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})\b/.exec(cell);
    if (!m) continue;
    if (Number(m[1]) > 12 && Number(m[2]) <= 12) dmy ??= cell.trim();
    if (Number(m[2]) > 12 && Number(m[1]) <= 12) mdy ??= cell.trim();
    if (dmy && mdy) break;
  }
  if (dmy && mdy) return { order: null, evidence: `${dmy} and ${mdy}`, conflict: true };
  return { order: dmy ? 'dmy' : mdy ? 'mdy' : null, evidence: dmy ?? mdy, conflict: false };
}
