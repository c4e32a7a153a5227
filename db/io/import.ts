// Importing a sheet of vendors, data holdings, services or incidents. Every row is read and checked first (the same
// code serves the preview and the commit); the commit then writes in one transaction, in slices so progress and
// cancel are answered, and rolls everything back on cancel or failure. Only with "skip rows with errors" does a
// file with errors write anything, and then only its good rows.
import type { z } from 'zod';
import {
  IMPORT_ENTITIES,
  contractFields,
  holdingFields,
  incidentFields,
  serviceFields,
  vendorFields,
  type ImportCheck,
  type ImportFile,
  type ImportIssue,
  type ImportOptions,
  type ImportReport,
  type ImportRowPreview,
  type VendorFields,
} from '../contract';
import type Database from 'better-sqlite3';
import type { RegisterDb } from '../connection';
import { recordAudit, type WriteContext } from '../audit';
import type { JobControl } from '../jobs';
import { timeSlices } from '../time-slices';
import { beginBulkLoad, clearBulkVendors, endBulkLoadInSlices } from '../kept-totals';
import { IMPORT_FIELDS, editDistance, guessEntity, headerKey, matchColumns, meansNothing, vendorKey, type ImportField } from '../shared/import-fields';
import { getIncident } from '../incidents';
import { vendorFieldsFromRow, vendorWriter } from '../vendors';
import { controlCharacters, type CellMark, type SheetRow, type SheetRows, type SheetTable } from './read';
import { quickHoldingFields, quickVendorFields } from './quick-fields';
import { cellText, detectDateOrder, detectDecimal, parseAmount, parseBoolean, parseCoded, parseCountry, parseDate, parseList, restoreNeutralised, type Cell, type Parsed } from './values';

/** Rows made at once where the rows are read a slice at a time by count (detecting formats, the first records). */
const SLICE = 2_000;
/** Rows made from the kept file at once (see eachRowInSlices). */
const ROWS_AT_ONCE = 50;

/** What the import screen shows of a file just read: its shape, first rows, and the columns matched for each kind of record. */
/**
 * Columns named after data categories ("Email", "Date of birth (people)", "phone"): a holdings sheet kept one row per
 * vendor and one column per category. Two or more make a wide sheet.
 */
export function wideColumns(headers: readonly string[], hidden: readonly number[], categories: readonly { code: string; label: string }[], rows: readonly SheetRow[] = []): { column: number; category: string }[] {
  const found: { column: number; category: string }[] = [];
  // A column of counts holds numbers: "Email" in a list of contacts holds addresses, and is no category column.
  const holdsCounts = (column: number) => {
    const cells = rows.slice(0, 50).map((r) => r.cells[column] ?? null).filter((cell) => !meansNothing(cellText(cell)));
    return cells.filter((cell) => { const parsed = parseAmount(cell); return !('error' in parsed); }).length >= 0.8 * cells.length;
  };
  headers.forEach((header, column) => {
    if (hidden.includes(column) || !holdsCounts(column)) return;
    const key = headerKey(header.replace(/\(.*?\)|\[.*?\]/g, ''));
    if (key.length < 3) return;
    const category = categories.find((c) => headerKey(c.code) === key || headerKey(c.label) === key) ?? categories.find((c) => key.length >= 4 && headerKey(c.label).startsWith(key));
    if (category && !found.some((f) => f.category === category.code)) found.push({ column, category: category.code });
  });
  return found.length >= 2 ? found : [];
}

/**
 * Every row of a table, made a few at a time from what was kept of the file (ROWS_AT_ONCE: a slice of thousands of
 * rows made at once would outlive the young generation), yielding once a slice has run its time (`progress` is told
 * where the loop stands before each yield).
 */
async function eachRowInSlices(rows: SheetRows, job: JobControl, visit: (row: SheetRow) => void, progress: (done: number) => void = () => undefined): Promise<void> {
  const slices = timeSlices(job.checkpoint);
  progress(0);
  await slices.pause();
  for (let at = 0; at < rows.count; at += ROWS_AT_ONCE) {
    if (slices.due()) {
      progress(at);
      await slices.pause();
    }
    for (const row of rows.slice(at, Math.min(at + ROWS_AT_ONCE, rows.count))) visit(row);
  }
}

/** Every row of a table, a slice at a time (each slice made again from what was kept of the file). */
function* allRows(rows: SheetRows): Generator<SheetRow> {
  for (let start = 0; start < rows.count; start += SLICE) yield* rows.slice(start, start + SLICE);
}

/** The first `n` rows that are records (not totals, notes or group headers). */
function firstRecords(rows: SheetRows, n: number): SheetRow[] {
  const found: SheetRow[] = [];
  for (const row of allRows(rows)) {
    if (found.length >= n) break;
    if (!row.odd) found.push(row);
  }
  return found;
}

export async function describeFile(fileId: string, fileName: string, table: SheetTable, categories: readonly { code: string; label: string }[], job: JobControl): Promise<ImportFile> {
  const suggestedMappings = Object.fromEntries(IMPORT_ENTITIES.map((e) => [e, matchColumns(e, table.headers, table.hiddenColumns)])) as ImportFile['suggestedMappings'];
  const records = firstRecords(table.rows, 50);
  const wideHoldings = wideColumns(table.headers, table.hiddenColumns, categories, records);
  if (wideHoldings.length) {
    // The category columns hold counts, not a vendor's fields: none of them is matched to a field.
    const wideSet = new Set(wideHoldings.map((w) => w.column));
    for (const entity of IMPORT_ENTITIES) for (const [key, index] of Object.entries(suggestedMappings[entity])) if (index != null && wideSet.has(index)) suggestedMappings[entity][key] = null;
    Object.assign(suggestedMappings.holdings, matchColumns('holdings', table.headers, [...table.hiddenColumns, ...wideSet]), { category: null, records: null });
  }
  const dateColumns = new Set<number>();
  const numberColumns = new Set<number>();
  for (const entity of IMPORT_ENTITIES) {
    for (const field of IMPORT_FIELDS[entity]) {
      const index = suggestedMappings[entity][field.key];
      if ((field.kind === 'date' || field.kind === 'datetime') && index != null) dateColumns.add(index);
      if ((field.kind === 'number' || field.kind === 'integer') && index != null) numberColumns.add(index);
    }
  }
  const shown = (cell: Cell) => (cell instanceof Date ? cell.toISOString().slice(0, 10) : cell == null ? '' : String(cell));
  const { rows, ...shape } = table;
  const visibleHeaders = shape.headers.filter((_, i) => !shape.hiddenColumns.includes(i));
  return {
    ...shape,
    fileId,
    fileName,
    rowCount: rows.count,
    samples: records.slice(0, 5).map((r) => shape.headers.map((_, i) => shown(r.cells[i] ?? null))),
    suggestedEntity: wideHoldings.length && suggestedMappings.holdings.vendor != null ? 'holdings' : guessEntity(visibleHeaders),
    suggestedMappings,
    ...(await detectFormats(rows, dateColumns, numberColumns, job)),
    wideHoldings,
  };
}

/**
 * The date order and the decimal mark of the date and number columns. Each detector looks for the first value of each
 * of two kinds (a day-first and a month-first date; a decimal comma and a decimal point) over the rows a slice at a
 * time, yielding between slices, in one pass over the rows for both (each slice is made again from the file). The
 * value found so far goes first into the next slice's cells, so each answer is the one its detector gives over every
 * cell at once; a detector that found a conflict is asked nothing more.
 */
async function detectFormats(rows: SheetRows, dateColumns: Set<number>, numberColumns: Set<number>, job: JobControl): Promise<{ dateOrder: ReturnType<typeof detectDateOrder>; decimal: ReturnType<typeof detectDecimal> }> {
  let dateOrder = detectDateOrder([]);
  let decimal = detectDecimal([]);
  const wanted = (columns: Set<number>, found: { conflict: boolean }) => columns.size > 0 && !found.conflict;
  for (let start = 0; start < rows.count && (wanted(dateColumns, dateOrder) || wanted(numberColumns, decimal)); start += SLICE) {
    const dates: Cell[] = dateOrder.evidence === null ? [] : [dateOrder.evidence];
    const numbers: Cell[] = decimal.evidence === null ? [] : [decimal.evidence];
    const [readDates, readNumbers] = [wanted(dateColumns, dateOrder), wanted(numberColumns, decimal)];
    for (const row of rows.slice(start, start + SLICE)) {
      if (readDates) for (const index of dateColumns) dates.push(row.cells[index] ?? null);
      if (readNumbers) for (const index of numberColumns) numbers.push(row.cells[index] ?? null);
    }
    if (readDates) dateOrder = detectDateOrder(dates);
    if (readNumbers) decimal = detectDecimal(numbers);
    await job.checkpoint();
  }
  return { dateOrder, decimal };
}

const MAX_ISSUES = 2_000;
const MAX_PREVIEW = 500;
const MAX_CAUSES = 200;
/** "Did you mean" looks up this many distinct names per import, comparing each with at most this many vendors. */
const MAX_SUGGESTED_NAMES = 500;
const MAX_COMPARED = 5_000;
/** Distinct unmatched values listed per coded field (the screen offers a picker for each). */
const MAX_UNMATCHED = 200;

type Values = Record<string, unknown>;

/**
 * Objects merged, later ones winning: what an object literal of spreads (`{ ...a, ...b, key: value }`) makes, built by
 * Object.assign. V8 builds such a literal of a dozen fields on a slow path whose every object outlives the young
 * generation: a vendors file of 100,000 rows left 25 MB more for full collections only, and was an eighth slower.
 */
const merged = (...parts: Values[]): Values => Object.assign({}, ...parts);

/** One checked row and what writing it will do. */
interface PlannedRow {
  line: number;
  label: string;
  action: 'create' | 'update';
  issues: ImportIssue[];
  /** The row's values as read, for the preview (made only for the rows previewed). */
  values(): Record<string, string>;
  write(w: Writer): void;
  /** It names other vendors (a parent, suppliers), so the checks of the whole file may yet give it an error. */
  chained?: boolean;
}

interface Writer {
  db: RegisterDb;
  vendors: ReturnType<typeof vendorWriter>;
  ctx: WriteContext;
  now: string;
  /** The id of a vendor by its key (Register.keyOf); a missing vendor the check agreed to create is created now; null if neither. */
  vendorId(key: string): number | null;
  /** Records the id of a vendor this import created from its own row. */
  created(key: string, id: number): void;
  counts: { created: number; updated: number; unchanged: number };
}

const lower = (name: string) => name.trim().toLowerCase();

/** A name as typed into a cell, without its stray, repeated or non-breaking spaces. */
const tidyName = (name: string) => name.replace(/[\u00a0\u202f\s]+/g, ' ').trim();

/** Kinds whose cells repeat (countries, codes, flags, dates, names, data categories): each text is read once per import and field. */
const REPEATING = new Set<ImportField['kind']>(['coded', 'country', 'boolean', 'date', 'datetime', 'vendor', 'category']);
/**
 * Texts remembered per field: enough for the repeating values of a file, bounded for one whose values never repeat
 * (forgotten all at once when full, so that a value repeated on neighbouring rows, a vendor's name in a holdings
 * file, is still read once).
 */
const MAX_REMEMBERED = 2_000;

/** A field as every row of an import reads it, worked out once: its column or its default, and the texts read so far. */
interface FieldReading {
  field: ImportField;
  index: number | null;
  /** The mapping's default, for a field without a column (null: none, the field is not read). */
  fallback: string | null;
  /** For kinds whose cells repeat: what each text read as (the answers are never changed by the callers). */
  texts: Map<string, ReturnType<typeof readCell>> | null;
}

function fieldReadings(fields: readonly ImportField[], options: ImportOptions): FieldReading[] {
  return fields.map((field) => {
    const index = options.mapping[field.key] ?? null;
    const fallback = index === null ? options.defaults[field.key] : undefined;
    return { field, index, fallback: fallback === undefined || fallback.trim() === '' ? null : fallback, texts: REPEATING.has(field.kind) ? new Map() : null };
  });
}

/** readCell, remembering what repeating texts read as. */
function readCellOnce(reading: FieldReading, raw: Cell, options: ImportOptions): ReturnType<typeof readCell> {
  const { texts } = reading;
  if (typeof raw !== 'string' || texts === null) return readCell(reading.field, raw, options);
  let parsed = texts.get(raw);
  if (parsed === undefined) {
    parsed = readCell(reading.field, raw, options);
    if (texts.size >= MAX_REMEMBERED) texts.clear();
    texts.set(raw, parsed);
  }
  return parsed;
}

/** Reads one mapped cell by its field's kind; a number may come with the currency its cell names. */
function readCell(field: ImportField, raw: Cell, options: ImportOptions): Parsed<unknown> & { currency?: string } {
  const cell = typeof raw === 'string' ? restoreNeutralised(raw.trim()) : raw;
  switch (field.kind) {
    case 'number':
    case 'integer': {
      const parsed = parseAmount(cell, options.decimal);
      if ('error' in parsed || parsed.value === null) return parsed;
      if (parsed.value < 0) return { error: `${field.label} cannot be negative` };
      if (field.kind === 'integer' && !Number.isInteger(parsed.value)) return { error: `${field.label} must be a whole number (${parsed.value})` };
      return parsed;
    }
    case 'date':
    case 'datetime':
      return parseDate(cell, options.dateOrder, field.kind === 'datetime');
    case 'boolean':
      return parseBoolean(cell);
    case 'country':
      return parseCountry(cell);
    case 'coded':
      return parseCoded(cell, field.choices ?? [], field.label.toLowerCase());
    case 'list': {
      const items = parseList(cell, meansNothing);
      return { value: items.length ? items : null };
    }
    case 'vendor': {
      const text = cellText(cell);
      return { value: meansNothing(text) ? null : text.replace(/[\u00a0\u202f\s]+/g, ' ') };
    }
    default: {
      const text = cellText(cell).replace(/\r\n?/g, '\n');
      const controls = controlCharacters(text);
      if (controls.length) return { value: text, warning: `holds invisible control characters (${controls.join(', ')}): the file's encoding may be wrong` };
      return { value: text === '' ? null : text };
    }
  }
}

/** A coded cell after the mapping's value translation (matched as written, or ignoring case and punctuation). */
function translated(field: ImportField, raw: Cell, options: ImportOptions): Cell {
  const table = options.translate[field.key];
  if (!table || raw === null) return raw;
  const text = cellText(raw);
  if (table[text] !== undefined) return table[text];
  const key = headerKey(text);
  for (const [from, to] of Object.entries(table)) if (headerKey(from) === key) return to;
  return raw;
}

type RegisterVendor = { id: number; name: string; parentId: number | null };

/** The state of the register an import is checked against. */
interface Register {
  /** Vendors by the key their names are matched on (see keyOf). */
  vendors: Map<string, RegisterVendor>;
  /** The key a name is matched on: its vendorKey, unless the name is an alias chosen for another, or a register vendor's exact name whose vendorKey another vendor has. */
  keyOf(name: string): string;
  /** Register vendors whose names look like this one ("did you mean"), at most three. */
  suggest(name: string): string[];
  categories: Map<string, { id: number; label: string }>;
  categoryList: string;
}

/** Register vendors read per step when an import loads the register (yielding between: 20,000 held it 60-70 ms). */
const VENDORS_PER_STEP = 5_000;

async function loadRegister(db: RegisterDb, options: ImportOptions, job: JobControl): Promise<Register> {
  const vendors = new Map<string, RegisterVendor>();
  // Names whose key is not their vendorKey (see below), by their lower case: any other name's key is its vendorKey,
  // which depends on its lower case only, so a map of every register name would answer the same.
  const exact = new Map<string, string>();
  const page = db.prepare('SELECT id, name, ultimate_parent_id FROM vendors WHERE id > ? ORDER BY id LIMIT ?').raw();
  for (let after = 0; ; ) {
    const rows = page.all(after, VENDORS_PER_STEP) as [number, string, number | null][];
    for (const [id, name, parentId] of rows) {
      let key = vendorKey(name);
      // Two register vendors whose names differ only in case, punctuation or suffix: the later one is matched exactly.
      if (vendors.has(key)) {
        key = `=${lower(name)}`;
        exact.set(lower(name), key);
      }
      vendors.set(key, { id, name, parentId });
    }
    if (rows.length < VENDORS_PER_STEP) break;
    after = rows[rows.length - 1]![0];
    await job.checkpoint();
  }
  const aliases = new Map(Object.entries(options.vendorAliases).map(([from, to]) => [lower(from), to]));
  // Rows name the same vendors again and again (a holdings file, five rows each): keys are remembered, boundedly.
  const keys = new Map<string, string>();
  const keyOf = (name: string): string => {
    let key = keys.get(name);
    if (key === undefined) {
      const target = aliases.get(lower(name)) ?? name;
      key = exact.get(lower(target)) ?? vendorKey(target);
      if (keys.size >= 1_000) keys.clear();
      keys.set(name, key);
    }
    return key;
  };
  // "Did you mean": register vendors by the first two letters of their keys, compared by edit distance or prefix. The
  // work is bounded (names looked up, vendors compared per name), so a file of 100,000 new names stays fast.
  let buckets: Map<string, { key: string; name: string }[]> | null = null;
  const suggestions = new Map<string, string[]>();
  const suggest = (name: string): string[] => {
    // An empty register (a first import) has nothing to suggest.
    if (vendors.size === 0) return [];
    const key = vendorKey(name);
    const known = suggestions.get(key);
    if (known) return known;
    if (suggestions.size >= MAX_SUGGESTED_NAMES || key.length < 4) return [];
    if (!buckets) {
      buckets = new Map();
      for (const [other, v] of vendors) if (!other.startsWith('=')) (buckets.get(other.slice(0, 2)) ?? buckets.set(other.slice(0, 2), []).get(other.slice(0, 2))!).push({ key: other, name: v.name });
    }
    const ceiling = key.length >= 8 ? 2 : 1;
    const found: string[] = [];
    const bucket = buckets.get(key.slice(0, 2)) ?? [];
    for (let i = 0; i < bucket.length && i < MAX_COMPARED && found.length < 3; i++) {
      const other = bucket[i]!;
      const prefix = Math.min(key.length, other.key.length) >= 4 && (other.key.startsWith(key) || key.startsWith(other.key));
      if (prefix || editDistance(key, other.key, ceiling) <= ceiling) found.push(other.name);
    }
    suggestions.set(key, found);
    return found;
  };
  const categories = new Map<string, { id: number; label: string }>();
  const rows = db.prepare('SELECT id, code, label FROM data_categories ORDER BY sort_order, id').all() as { id: number; code: string; label: string }[];
  for (const c of rows) {
    categories.set(headerKey(c.code), { id: c.id, label: c.label });
    categories.set(headerKey(c.label), { id: c.id, label: c.label });
  }
  return { vendors, keyOf, suggest, categories, categoryList: rows.map((c) => c.label).join('; ') };
}

/** A row's currencies until a cell names one (most rows of a file never do). */
const NO_CURRENCIES: Readonly<Record<string, string>> = Object.freeze({});

/** Everything a row checker needs: its cells by field, and a way to report. */
class RowReader {
  readonly issues: ImportIssue[] = [];
  readonly values: Values = {};
  /** Currencies that number cells named ("USD 250,000"), by field. */
  currencies: Readonly<Record<string, string>> = NO_CURRENCIES;
  /** Fields filled from the mapping's default, not from a column (made only when a default is used). */
  private defaulted: Set<string> | null = null;
  constructor(
    readonly line: number,
    private readonly fields: readonly ImportField[],
    private readonly cells: Cell[],
    private readonly options: ImportOptions,
    private readonly headers: string[],
    marks: Map<number, CellMark> | undefined,
    readings: readonly FieldReading[],
  ) {
    for (const reading of readings) {
      const { field, index } = reading;
      let raw: Cell;
      if (index === null) {
        if (reading.fallback === null) continue;
        raw = reading.fallback;
        (this.defaulted ??= new Set()).add(field.key);
      } else {
        const mark = marks?.get(index);
        if (mark?.level === 'error') {
          this.error(field.key, mark.message);
          continue;
        }
        if (mark) this.warn(field.key, mark.message);
        raw = cells[index] ?? null;
      }
      if (field.kind === 'coded') raw = translated(field, raw, options);
      const parsed = readCellOnce(reading, raw, options);
      if ('error' in parsed) this.error(field.key, parsed.error);
      else {
        if (parsed.warning) this.warn(field.key, parsed.warning);
        if (parsed.value !== null) this.values[field.key] = parsed.value;
        if (parsed.currency) this.currencies = { ...this.currencies, [field.key]: parsed.currency };
      }
    }
    for (const field of fields) {
      if (field.required && this.values[field.key] === undefined && !this.issues.some((i) => i.column === this.column(field.key))) {
        this.error(field.key, `${field.label} is empty`);
      }
    }
  }
  /** The mapped cell's text as written. */
  text(fieldKey: string): string {
    const index = this.options.mapping[fieldKey];
    return index == null ? '' : cellText(this.cells[index] ?? null);
  }
  column(fieldKey: string): string | null {
    const index = this.options.mapping[fieldKey];
    if (index == null) {
      const field = this.fields.find((f) => f.key === fieldKey);
      return this.defaulted?.has(fieldKey) && field ? `${field.label} (default)` : null;
    }
    return this.headers[index] ?? null;
  }
  /** Whether a field's cell already has an issue (so a second message about it would contradict or repeat). */
  hasIssue(fieldKey: string): boolean {
    const column = this.column(fieldKey);
    return column !== null && this.issues.some((i) => i.column === column);
  }
  error(fieldKey: string | null, message: string): void {
    this.issues.push({ line: this.line, column: fieldKey ? this.column(fieldKey) : null, level: 'error', message });
  }
  warn(fieldKey: string | null, message: string): void {
    this.issues.push({ line: this.line, column: fieldKey ? this.column(fieldKey) : null, level: 'warning', message });
  }
  get ok(): boolean {
    return !this.issues.some((i) => i.level === 'error');
  }
  /**
   * Runs a zod schema; its messages are reported at the columns of the fields they concern. `quick`, where given,
   * answers for the rows it is sure of without the schema (see quick-fields.ts).
   */
  validate<S extends z.ZodType>(schema: S, input: Values, fieldFor: (path: string) => string | null = (p) => p, quick?: (input: Values) => z.output<S> | undefined): z.output<S> | null {
    const sure = quick?.(input);
    if (sure !== undefined) return sure;
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const key = fieldFor(String(issue.path[0] ?? ''));
      const field = this.fields.find((f) => f.key === key);
      let message = issue.message.replace(/\.$/, '');
      // A schema's own message ("Enter a title") would contradict a cell that has a value, only too long a one.
      if (issue.code === 'too_big' && issue.origin === 'string' && field) {
        const given = (input as Values)[field.key];
        message = `${field.label} is at most ${Number(issue.maximum).toLocaleString('en')} characters; this one has ${typeof given === 'string' ? given.trim().length.toLocaleString('en') : 'more'}`;
      }
      this.error(field ? key : null, message);
    }
    return null;
  }
  display(): Record<string, string> {
    return Object.fromEntries(
      this.fields
        .filter((f) => this.options.mapping[f.key] != null || this.defaulted?.has(f.key))
        .map((f) => {
          const value = this.values[f.key];
          const index = this.options.mapping[f.key];
          return [f.key, value === undefined ? (index == null ? '' : cellText(this.cells[index] ?? null)) : Array.isArray(value) ? value.join('; ') : String(value)];
        }),
    );
  }
}

/** Vendors that rows name: known, in the file, or (when the import was asked to) to be created. Names are compared by their keys. */
class VendorNames {
  /** Key → the spelling first seen, and whether it is a fourth party. */
  readonly toCreate = new Map<string, { name: string; fourthParty: boolean }>();
  /** Names not in the register that look like vendors that are. */
  readonly didYouMean = new Map<string, string[]>();
  constructor(
    private readonly register: Register,
    private readonly options: ImportOptions,
    /** Keys of the vendors this file adds (a vendors import). */
    private readonly inFile: { has(key: string): boolean; readonly size: number } = new Set(),
  ) {}
  /** Looks like a register vendor: remembered for the screen's "did you mean", and said in the row's message. */
  hint(name: string): string {
    const candidates = this.register.suggest(name);
    if (candidates.length === 0) return '';
    this.didYouMean.set(name.trim(), candidates);
    return ` Did you mean ${candidates.map((c) => `“${c}”`).join(' or ')}? Choose it under “Did you mean”.`;
  }
  /** False (with an error on the row) when `name` is unknown and may not be created. */
  check(row: RowReader, fieldKey: string, name: string, role: string, fourthParty = false): boolean {
    const key = this.register.keyOf(name);
    if (this.register.vendors.has(key) || this.inFile.has(key)) return true;
    const hint = this.hint(name);
    if (this.options.unknownVendors === 'create') {
      if (!this.toCreate.has(key)) this.toCreate.set(key, { name: name.trim(), fourthParty });
      row.warn(fieldKey, `“${name.trim()}” is not in the register: it will be added as ${fourthParty ? 'a fourth party' : 'a vendor'} with default details.${hint}`);
      return true;
    }
    row.error(fieldKey, `The ${role} “${name.trim()}” is not in the register${this.inFile.size ? ' or this file' : ''}: add it first, or choose to create missing vendors.${hint}`);
    return false;
  }
}

interface Planner {
  /** Checks one row, in file order. */
  row(r: RowReader): PlannedRow;
  /** Checks that need every row (groups, supply-chain loops); they add errors to the rows concerned. */
  finish?(): void;
  /** Writes that need every row written first (parents, dependencies), for the rows that were written. */
  afterRows?(w: Writer, written: Set<PlannedRow>): void;
}

interface PlannerParts {
  planner: Planner;
  names: VendorNames;
}

/** The supply-chain loops in a graph: its strongly connected components of more than one vendor (Tarjan, iterative). */
export function loops(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[][] = [];
  let counter = 0;
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
  };
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    visit(start);
    const work: { node: string; next: number }[] = [{ node: start, next: 0 }];
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          visit(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const caller = work[work.length - 1];
      if (caller) low.set(caller.node, Math.min(low.get(caller.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let node: string;
        do {
          node = stack.pop()!;
          onStack.delete(node);
          component.push(node);
        } while (node !== frame.node);
        if (component.length > 1) found.push(component);
      }
    }
  }
  return found;
}

const changed = (before: unknown, after: unknown) => JSON.stringify(before) !== JSON.stringify(after);

// ---------------------------------------------------------------------------------------------------------------
// Vendors: matched on name. Parents and suppliers may be other rows of the same file.

/** The preview of a row past the preview's rows (never asked for: see the vendor planner). */
const NOT_PREVIEWED = (): Record<string, string> => ({});

/** A planned vendor row; made outside the planner's closure so that it holds only what writing needs (and the reader, for the preview, until let go). */
function plannedVendor(r: RowReader, label: string, fields: VendorFields | null, existing: { id: number; fields: VendorFields } | undefined, key: string): PlannedRow {
  return {
    line: r.line,
    label,
    action: existing ? 'update' : 'create',
    issues: r.issues,
    values: r.display.bind(r),
    write(w) {
      if (!fields) return;
      if (!existing) {
        w.created(key, w.vendors.insert(fields, w.now));
        w.counts.created++;
      } else if (changed(existing.fields, fields)) {
        w.vendors.update(existing.id, fields, w.now);
        recordAudit(w.db, w.ctx, { entity: 'vendor', entityId: existing.id, action: 'update', before: existing.fields, after: fields });
        w.counts.updated++;
      } else w.counts.unchanged++;
    },
  };
}

/** The vendors a vendors file names (key → the spelling first seen), read in slices between which the job yields. */
interface FileVendors {
  /** Key → the spelling first seen. */
  names: Map<string, string>;
  /** The key of the name read at this line, if it is this name (so that the check of the row need not work it out again). */
  keyAt(line: number, name: string): string | undefined;
}

async function vendorsInFile(table: SheetTable, source: RowSource, register: Register, job: JobControl): Promise<FileVendors> {
  const nameColumn = source.options.mapping.name;
  const names = new Map<string, string>();
  // By line: the name read there and its key (strings the names map mostly holds already).
  const namesAt: (string | undefined)[] = [];
  const keysAt: (string | undefined)[] = [];
  const keyAt = (line: number, name: string) => (namesAt[line] === name ? keysAt[line] : undefined);
  if (nameColumn == null) return { names, keyAt };
  await eachRowInSlices(table.rows, job, (row) => {
    if (source.leftOutLines.has(row.line) || !source.passes(row)) return;
    const name = tidyName(restoreNeutralised(cellText(source.cells(row)[nameColumn] ?? null)));
    if (!name) return;
    const key = register.keyOf(name);
    if (!names.has(key)) names.set(key, name);
    namesAt[row.line] = name;
    keysAt[row.line] = key;
  });
  return { names, keyAt };
}

function vendorPlanner(db: RegisterDb, source: RowSource, register: Register, fileVendors: FileVendors): PlannerParts {
  const { options } = source;
  const fileNames = fileVendors.names;
  // The file's vendors by key (with the spelling first seen there); a name is shown as the register spells it, if it can.
  const inFile = fileNames;
  const show = (key: string) => register.vendors.get(key)?.name ?? fileNames.get(key) ?? key;
  const names = new VendorNames(register, options, inFile);
  const keyById = new Map([...register.vendors].map(([key, v]) => [v.id, key]));
  const readVendor = db.prepare('SELECT * FROM vendors WHERE id = ?');
  const firstLine = new Map<string, number>();
  let previewable = 0;
  const parents: { key: string; parent: string; planned: PlannedRow; r: RowReader }[] = [];
  const links: { from: string; to: string; planned: PlannedRow; r: RowReader }[] = [];

  const planner: Planner = {
    row(r) {
      const name = tidyName((r.values.name as string | undefined) ?? '');
      if (name) r.values.name = name;
      const key = fileVendors.keyAt(r.line, name) ?? register.keyOf(name);
      const known = register.vendors.get(key);
      const existing = known && { ...known, fields: vendorFieldsFromRow(readVendor.get(known.id) as Record<string, unknown>) };
      if (name && firstLine.has(key)) r.error('name', `The same vendor as row ${firstLine.get(key)} (names ignore case, spaces, punctuation and legal suffixes such as Pty Ltd): keep one row per vendor`);
      else if (name) firstLine.set(key, r.line);
      if (existing && options.mode === 'create') r.error('name', `“${existing.name}” is already in the register: choose “add new and update existing” to update it`);
      if (!existing && name && options.mode === 'update') r.error('name', `“${name}” is not in the register, and this import only updates vendors.${names.hint(name)}`);
      else if (!existing && name) {
        const hint = names.hint(name);
        if (hint) r.warn('name', `“${name}” will be added as a new vendor.${hint}`);
      }
      if (existing && existing.name !== name && name) r.warn('name', `Matched to “${existing.name}” in the register (the register's spelling is kept)`);

      const { parent, dependsOn, ...given } = r.values;
      // A currency the spend cell names wins over the currency column, said when they differ.
      const spendCurrency = r.currencies.annualSpend;
      if (spendCurrency) {
        if (given.spendCurrency !== undefined && String(given.spendCurrency).toUpperCase() !== spendCurrency) {
          r.warn('annualSpend', `The spend cell says ${spendCurrency} but the currency column says ${String(given.spendCurrency)}: ${spendCurrency} is kept`);
        }
        given.spendCurrency = spendCurrency;
      }
      // A match keeps the register's spelling of the name; the file's fills in or changes everything else.
      const input = existing ? merged(existing.fields, given, { name: existing.name }) : merged(given, { ultimateParentId: null });
      const fields = r.validate(vendorFields, input, (p) => (p === 'ultimateParentId' ? 'parent' : p), quickVendorFields);
      const planned = plannedVendor(r, existing?.name ?? (name || `(row ${r.line})`), fields, existing, key);
      const chained = parents.length + links.length;
      if (typeof parent === 'string') {
        const parentKey = register.keyOf(parent);
        if (parentKey === key) r.error('parent', 'A vendor cannot be its own ultimate parent');
        else if (!register.vendors.has(parentKey) && !inFile.has(parentKey)) r.error('parent', `The parent “${parent}” is not in the register or this file.${names.hint(parent)}`);
        else parents.push({ key, parent: parentKey, planned, r });
      }
      // A cell naming one known vendor whose name has a comma is that vendor, not a list.
      const whole = tidyName(r.text('dependsOn'));
      const suppliers = whole && (register.vendors.has(register.keyOf(whole)) || inFile.has(register.keyOf(whole))) ? [whole] : ((dependsOn as string[] | undefined) ?? []);
      for (const supplier of suppliers) {
        const supplierKey = register.keyOf(supplier);
        if (supplierKey === key) r.error('dependsOn', 'A vendor cannot depend on itself');
        else if (names.check(r, 'dependsOn', supplier, 'supplier', true)) links.push({ from: key, to: supplierKey, planned, r });
      }
      // Every row is held until the file is written, so a row keeps its cells only while the preview may show them:
      // rows with errors, rows whose parent or suppliers may still give them one, and the first good rows (a good row
      // with that many good rows before it can never be among the first ones the preview shows).
      if (parents.length + links.length !== chained) planned.chained = true;
      else if (r.ok && previewable++ >= MAX_PREVIEW) planned.values = NOT_PREVIEWED;
      return planned;
    },

    finish() {
      // Groups are one level deep: an ultimate parent has no parent, and a vendor heading a group gets none.
      const parentOf = new Map<string, string>();
      for (const [key, v] of register.vendors) if (v.parentId != null) parentOf.set(key, keyById.get(v.parentId)!);
      for (const p of parents) parentOf.set(p.key, p.parent);
      const heads = new Set(parentOf.values());
      for (const p of parents) {
        const grand = parentOf.get(p.parent);
        if (grand) p.r.error('parent', `“${show(p.parent)}” belongs to the group of “${show(grand)}”: name “${show(grand)}” as the ultimate parent`);
        else if (heads.has(p.key)) p.r.error('parent', 'This vendor heads a group, so it cannot have a parent of its own');
      }
      // Supply-chain loops that the new links would close.
      const edges = new Map<string, string[]>();
      const add = (from: string, to: string) => (edges.get(from) ?? edges.set(from, []).get(from)!).push(to);
      for (const d of db.prepare('SELECT vendor_id, supplier_id FROM dependencies').iterate() as Iterable<{ vendor_id: number; supplier_id: number }>) {
        add(keyById.get(d.vendor_id)!, keyById.get(d.supplier_id)!);
      }
      for (const link of links) add(link.from, link.to);
      for (const component of loops(edges)) {
        const members = new Set(component);
        for (const link of links) {
          if (members.has(link.from) && members.has(link.to)) link.r.error('dependsOn', `This would make a loop in the supply chain among ${component.map(show).join(', ')}`);
        }
      }
    },

    afterRows(w, written) {
      const setParent = w.db.prepare('UPDATE vendors SET ultimate_parent_id = ? WHERE id = ? AND ultimate_parent_id IS NOT ?');
      for (const p of parents) {
        if (!written.has(p.planned)) continue;
        const id = w.vendorId(p.key);
        const parentId = w.vendorId(p.parent);
        if (id === null || parentId === null) p.r.warn('parent', 'The parent was not imported (its row had errors), so the group was not set');
        else setParent.run(parentId, id, parentId);
      }
      const link = w.db.prepare('INSERT OR IGNORE INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)');
      for (const l of links) {
        if (!written.has(l.planned)) continue;
        const from = w.vendorId(l.from);
        const to = w.vendorId(l.to);
        if (from === null || to === null) l.r.warn('dependsOn', `“${show(l.to)}” was not imported (its row had errors), so this link was not added`);
        else link.run(from, to);
      }
    },
  };
  return { planner, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Data holdings: matched on vendor, category and storage country.

/**
 * The first line of each holding (vendor, category, storage country) in a file: a call answers the line of an
 * earlier row with the same holding, or records this one and answers null. Kept in one open-addressing table of
 * typed arrays (vendor, category and country, line: 12 bytes a holding, a quarter of the table left free), since a
 * file of 1.5 million holdings would otherwise keep as many strings, or a list per vendor (100 MB at 300,000 vendors).
 */
export function holdingLines(expected = 0): (vendorKey: string, vendorId: number | undefined, categoryId: number, country: string, line: number) => number | null {
  const countries = new Map<string, number>();
  // A register vendor is numbered by its id; a vendor the register does not have (or one whose id does not fit in
  // 32 bits, which two vendors could then share), below zero by its key.
  const others = new Map<string, number>();
  // Made for the rows expected at once (a table grown by doubling leaves each smaller one to the garbage collector).
  let capacity = 1 << 12;
  while (expected * 4 > capacity * 3) capacity *= 2;
  let vendors = new Int32Array(capacity);
  let codes = new Int32Array(capacity);
  // Lines start at 2 (row 1 at least is the header): 0 marks a free slot.
  let lines = new Int32Array(capacity);
  let count = 0;
  const slotOf = (vendor: number, code: number): number => {
    const mask = capacity - 1;
    let slot = ((Math.imul(vendor, 0x9e3779b1) ^ Math.imul(code + 1, 0x85ebca6b)) >>> 7) & mask;
    while (lines[slot] !== 0 && (vendors[slot] !== vendor || codes[slot] !== code)) slot = (slot + 1) & mask;
    return slot;
  };
  const grow = () => {
    const [oldVendors, oldCodes, oldLines] = [vendors, codes, lines];
    capacity *= 2;
    vendors = new Int32Array(capacity);
    codes = new Int32Array(capacity);
    lines = new Int32Array(capacity);
    for (let i = 0; i < oldLines.length; i++) {
      if (oldLines[i] === 0) continue;
      const slot = slotOf(oldVendors[i]!, oldCodes[i]!);
      vendors[slot] = oldVendors[i]!;
      codes[slot] = oldCodes[i]!;
      lines[slot] = oldLines[i]!;
    }
  };
  return (vendorKey, vendorId, categoryId, country, line) => {
    let countryIndex = countries.get(country);
    if (countryIndex === undefined) countries.set(country, (countryIndex = countries.size));
    let vendor = vendorId !== undefined && vendorId <= 0x7fff_ffff ? vendorId : undefined;
    if (vendor === undefined) {
      vendor = others.get(vendorKey);
      if (vendor === undefined) others.set(vendorKey, (vendor = -(others.size + 1)));
    }
    const code = categoryId * 4_096 + countryIndex;
    const slot = slotOf(vendor, code);
    if (lines[slot] !== 0) return lines[slot]!;
    vendors[slot] = vendor;
    codes[slot] = code;
    lines[slot] = line;
    if (++count * 4 > capacity * 3) grow();
    return null;
  };
}

function holdingPlanner(db: RegisterDb, options: ImportOptions, register: Register, rows: number): PlannerParts {
  const names = new VendorNames(register, options);
  const existing = new Map<string, { id: number; fields: Values }>();
  for (const h of db.prepare('SELECT * FROM holdings').iterate() as Iterable<Record<string, unknown>>) {
    existing.set(`${h.vendor_id}|${h.category_id}|${h.storage_country ?? ''}`, {
      id: h.id as number,
      fields: { vendorId: h.vendor_id, categoryId: h.category_id, records: h.records, storageCountry: h.storage_country, encrypted: h.encrypted === 1, tokenised: h.tokenised === 1, notes: h.notes },
    });
  }
  const categoryKeys = new Map<string, string>();
  const categoryNamed = (name: string) => {
    let key = categoryKeys.get(name);
    if (key === undefined) {
      key = headerKey(name);
      if (categoryKeys.size < MAX_REMEMBERED) categoryKeys.set(name, key);
    }
    return register.categories.get(key);
  };
  const firstLine = holdingLines(rows);
  const statements = {
    insert: db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country, encrypted, tokenised, notes) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    update: db.prepare('UPDATE holdings SET records = ?, storage_country = ?, encrypted = ?, tokenised = ?, notes = ? WHERE id = ?'),
  };

  const planner: Planner = {
    row(r) {
      const vendorName = (r.values.vendor as string | undefined) ?? '';
      const vendor = register.vendors.get(register.keyOf(vendorName));
      if (vendorName) names.check(r, 'vendor', vendorName, 'vendor');
      const categoryName = r.values.category as string | undefined;
      const category = categoryName === undefined ? undefined : categoryNamed(categoryName);
      if (categoryName !== undefined && !category) r.error('category', `“${categoryName}” is not a data category of this register; use one of: ${register.categoryList}`);
      const country = (r.values.storageCountry as string | undefined) ?? '';
      const vendorKeyOf = register.keyOf(vendorName);
      const earlier = firstLine(vendorKeyOf, vendor?.id, category?.id ?? 0, country, r.line);
      if (earlier !== null) r.error('category', `The same vendor, category and storage country as row ${earlier}: keep one row per holding`);
      const match = vendor && category && existing.size ? existing.get(`${vendor.id}|${category.id}|${country}`) : undefined;
      if (match && options.mode === 'create') r.error('category', 'This vendor already holds this category (stored in the same country): choose “add new and update existing” to update it');
      if (!match && options.mode === 'update' && r.ok) r.error('category', 'There is no such holding to update, and this import only updates');
      const { vendor: _vendor, category: _category, ...given } = r.values;
      const fields = r.validate(holdingFields, merged(match?.fields ?? {}, given, { vendorId: vendor?.id ?? 1, categoryId: category?.id ?? 1 }), undefined, quickHoldingFields);
      return new PlannedHolding(r, statements, vendorName, vendorKeyOf, category, categoryName, fields, match);
    },
  };
  return { planner, names };
}

type Statement = Database.Statement;

/** A planned holding row: an object of a class, not of closures made for each of half a million rows. */
class PlannedHolding implements PlannedRow {
  readonly line: number;
  readonly issues: ImportIssue[];
  readonly action: PlannedRow['action'];
  constructor(
    private readonly r: RowReader,
    private readonly statements: { insert: Statement; update: Statement },
    private readonly vendorName: string,
    private readonly vendorKey: string,
    private readonly category: { id: number; label: string } | undefined,
    private readonly categoryName: string | undefined,
    private readonly fields: z.output<typeof holdingFields> | null,
    private readonly match: { id: number; fields: Values } | undefined,
  ) {
    this.line = r.line;
    this.issues = r.issues;
    this.action = match ? 'update' : 'create';
  }

  get label(): string {
    return `${this.vendorName} · ${this.category?.label ?? this.categoryName ?? ''}`;
  }

  values(): Record<string, string> {
    return this.r.display();
  }

  write(w: Writer): void {
    const { fields, match } = this;
    if (!fields) return;
    const values = [fields.records, fields.storageCountry, fields.encrypted ? 1 : 0, fields.tokenised ? 1 : 0, fields.notes] as const;
    if (!match) {
      this.statements.insert.run(w.vendorId(this.vendorKey), this.category!.id, ...values);
      w.counts.created++;
    } else if (changed(match.fields, fields)) {
      this.statements.update.run(...values, match.id);
      recordAudit(w.db, w.ctx, { entity: 'holding', entityId: match.id, action: 'update', before: match.fields, after: fields });
      w.counts.updated++;
    } else w.counts.unchanged++;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Services: one row per service and vendor it relies on (a service without vendors has one row without a vendor).

function servicePlanner(db: RegisterDb, options: ImportOptions, register: Register): PlannerParts {
  const names = new VendorNames(register, options);
  const services = new Map<string, { id: number; fields: Values }>();
  for (const s of db.prepare('SELECT * FROM services').iterate() as Iterable<Record<string, unknown>>) {
    services.set(lower(s.name as string), { id: s.id as number, fields: { name: s.name, criticality: s.criticality, description: s.description, maxOutageHours: s.max_outage_hours } });
  }
  const links = new Set(db.prepare("SELECT service_id || '|' || vendor_id FROM service_vendors").pluck().all() as string[]);
  const insertService = db.prepare('INSERT INTO services (name, criticality, description, max_outage_hours) VALUES (?, ?, ?, ?)');
  const readService = db.prepare('SELECT name, criticality, description, max_outage_hours AS maxOutageHours FROM services WHERE id = ?');
  const updateService = db.prepare('UPDATE services SET name = ?, criticality = ?, description = ?, max_outage_hours = ? WHERE id = ?');
  const upsertLink = db.prepare(
    `INSERT INTO service_vendors (service_id, vendor_id, reliance) VALUES (?, ?, ?)
     ON CONFLICT (service_id, vendor_id) DO UPDATE SET reliance = excluded.reliance WHERE reliance <> excluded.reliance`,
  );
  const inFile = new Map<string, { fields: Values; line: number }>();
  const pairs = new Map<string, number>();
  const createdIds = new Map<string, number>();

  const planner: Planner = {
    row(r) {
      const name = (r.values.name as string | undefined) ?? '';
      const key = lower(name);
      const existing = services.get(key);
      const earlier = inFile.get(key);
      const { vendor: vendorName, reliance, ...given } = r.values as Values & { vendor?: string; reliance?: string };
      // Rows of the same service share its fields; a later row that gives one overrides.
      if (earlier?.fields.criticality !== undefined && given.criticality !== undefined && earlier.fields.criticality !== given.criticality) {
        r.warn('criticality', `Row ${earlier.line} gives this service another criticality (${String(earlier.fields.criticality)}); this row's is kept`);
      }
      const combined = merged(existing?.fields ?? {}, earlier?.fields ?? {}, given);
      if (existing && !earlier && options.mode === 'create') r.error('name', `The service “${String(existing.fields.name)}” is already in the register: choose “add new and update existing” to update it`);
      if (!existing && name && options.mode === 'update') r.error('name', `The service “${name}” is not in the register, and this import only updates`);
      if (name && combined.criticality === undefined) r.error('criticality', 'A new service needs its criticality (critical, important or other)');
      const fields = r.validate(serviceFields, combined);
      if (name) inFile.set(key, { fields: combined, line: earlier?.line ?? r.line });
      const vendor = vendorName ? register.vendors.get(register.keyOf(vendorName)) : undefined;
      if (vendorName) {
        names.check(r, 'vendor', vendorName, 'vendor');
        if (!reliance) r.error('reliance', 'Say how much the service relies on this vendor: full, material or low');
        const pair = `${key}|${register.keyOf(vendorName)}`;
        if (pairs.has(pair)) r.error('vendor', `The same service and vendor as row ${pairs.get(pair)}`);
        else pairs.set(pair, r.line);
      } else if (reliance) r.warn('reliance', 'A reliance without a vendor is ignored');
      const linkExists = existing && vendor ? links.has(`${existing.id}|${vendor.id}`) : false;
      return {
        line: r.line,
        label: vendorName ? `${name} · ${vendorName}` : name,
        action: existing && (!vendorName || linkExists) ? 'update' : 'create',
        issues: r.issues,
        values: () => r.display(),
        write(w) {
          if (!fields) return;
          const after = { name: fields.name, criticality: fields.criticality, description: fields.description, maxOutageHours: fields.maxOutageHours };
          let id = existing?.id ?? createdIds.get(key);
          let touched = false;
          if (id === undefined) {
            id = Number(insertService.run(after.name, after.criticality, after.description, after.maxOutageHours).lastInsertRowid);
            createdIds.set(key, id);
            w.counts.created++;
            touched = true;
          } else {
            const before = readService.get(id) as Values;
            if (changed(before, after)) {
              updateService.run(after.name, after.criticality, after.description, after.maxOutageHours, id);
              recordAudit(w.db, w.ctx, { entity: 'service', entityId: id, action: 'update', before, after });
              w.counts.updated++;
              touched = true;
            }
          }
          if (vendorName && reliance) {
            const { changes } = upsertLink.run(id, w.vendorId(register.keyOf(vendorName)), reliance);
            if (changes && !touched) w.counts[linkExists ? 'updated' : 'created']++;
            touched ||= changes > 0;
          }
          if (!touched) w.counts.unchanged++;
        },
      };
    },
  };
  return { planner, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Incidents: matched on vendor, title and start.

const INCIDENT_COLUMNS = ['title', 'kind', 'status', 'occurred_from', 'occurred_to', 'vendor_detected', 'we_were_told', 'contained', 'records_affected', 'regulators_json', 'source_url', 'description'];

function incidentPlanner(db: RegisterDb, options: ImportOptions, register: Register): PlannerParts {
  const names = new VendorNames(register, options);
  const existing = new Map<string, number>();
  for (const i of db.prepare('SELECT id, vendor_id, title, occurred_from FROM incidents').iterate() as Iterable<Record<string, unknown>>) {
    existing.set(`${i.vendor_id}|${lower(i.title as string)}|${i.occurred_from ?? ''}`, i.id as number);
  }
  const firstLine = new Map<string, number>();
  const insert = db.prepare(`INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}, vendor_id) VALUES (${INCIDENT_COLUMNS.map(() => '?').join(', ')}, ?)`);
  const update = db.prepare(`UPDATE incidents SET ${INCIDENT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);
  const read = db.prepare('SELECT * FROM incidents WHERE id = ?');
  const unlinkCategories = db.prepare('DELETE FROM incident_categories WHERE incident_id = ?');
  const linkCategory = db.prepare('INSERT OR IGNORE INTO incident_categories (incident_id, category_id) VALUES (?, ?)');

  const planner: Planner = {
    row(r) {
      const vendorName = (r.values.vendor as string | undefined) ?? '';
      const vendor = register.vendors.get(register.keyOf(vendorName));
      if (vendorName) names.check(r, 'vendor', vendorName, 'vendor');
      const categoryIds: number[] = [];
      for (const name of (r.values.categories as string[] | undefined) ?? []) {
        const category = register.categories.get(headerKey(name));
        if (category) categoryIds.push(category.id);
        else r.error('categories', `“${name}” is not a data category of this register; use: ${register.categoryList}`);
      }
      const title = (r.values.title as string | undefined) ?? '';
      const start = (r.values.occurredFrom as string | undefined) ?? '';
      const key = `${register.keyOf(vendorName)}|${lower(title)}|${start}`;
      if (firstLine.has(key)) r.error('title', `The same vendor, title and date as row ${firstLine.get(key)}`);
      else firstLine.set(key, r.line);
      const matchId = vendor ? existing.get(`${vendor.id}|${lower(title)}|${start}`) : undefined;
      if (matchId && options.mode === 'create') r.error('title', 'This incident is already in the register: choose “add new and update existing” to update it');
      if (!matchId && options.mode === 'update' && r.ok) r.error('title', 'There is no such incident to update, and this import only updates');
      const { vendor: _vendor, categories: givenCategories, ...given } = r.values;
      // An update keeps every field the file leaves empty (or has no column for), categories and regulators too.
      let before: Values | undefined;
      if (matchId !== undefined) {
        const { id: _id, vendorName: _name, categoryLabels: _labels, clocks: _clocks, ...current } = getIncident(db, matchId);
        before = current;
      } else if (r.values.kind === undefined && !r.hasIssue('kind')) r.warn(options.mapping.kind != null ? 'kind' : null, 'No kind given: recorded as Other');
      const fields = r.validate(incidentFields, {
        ...(before ?? { kind: 'other' }),
        ...given,
        vendorId: vendor?.id ?? 1,
        categoryIds: givenCategories === undefined && before ? before.categoryIds : categoryIds,
      });
      return {
        line: r.line,
        label: `${vendorName} · ${title}`,
        action: matchId ? 'update' : 'create',
        issues: r.issues,
        values: () => r.display(),
        write(w) {
          if (!fields) return;
          const regulators = JSON.stringify([...new Set(fields.regulators.map((x) => x.toUpperCase()))]);
          const row = [fields.title, fields.kind, fields.status, fields.occurredFrom, fields.occurredTo, fields.vendorDetected, fields.weWereTold, fields.contained, fields.recordsAffected, regulators, fields.sourceUrl, fields.description];
          let id = matchId;
          if (id === undefined) {
            id = Number(insert.run(...row, w.vendorId(register.keyOf(vendorName))).lastInsertRowid);
            w.counts.created++;
          } else if (!changed(before, { ...fields, regulators: JSON.parse(regulators) as string[] })) {
            w.counts.unchanged++;
            return;
          } else {
            update.run(...row, id);
            unlinkCategories.run(id);
            recordAudit(w.db, w.ctx, { entity: 'incident', entityId: id, action: 'update', before: read.get(id) as object, after: fields });
            w.counts.updated++;
          }
          for (const categoryId of fields.categoryIds) linkCategory.run(id, categoryId);
        },
      };
    },
  };
  return { planner, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Contracts: matched on vendor and reference.

const CONTRACT_COLUMNS = ['reference', 'start_date', 'end_date', 'notice_days', 'annual_value', 'currency'];

function contractPlanner(db: RegisterDb, options: ImportOptions, register: Register): PlannerParts {
  const names = new VendorNames(register, options);
  const existing = new Map<string, { id: number; fields: Values }>();
  for (const c of db.prepare('SELECT * FROM contracts').iterate() as Iterable<Record<string, unknown>>) {
    existing.set(`${c.vendor_id}|${lower(c.reference as string)}`, {
      id: c.id as number,
      fields: { vendorId: c.vendor_id, reference: c.reference, startDate: c.start_date, endDate: c.end_date, noticeDays: c.notice_days, annualValue: c.annual_value, currency: c.currency },
    });
  }
  const firstLine = new Map<string, number>();
  const insert = db.prepare(`INSERT INTO contracts (${CONTRACT_COLUMNS.join(', ')}, vendor_id) VALUES (${CONTRACT_COLUMNS.map(() => '?').join(', ')}, ?)`);
  const update = db.prepare(`UPDATE contracts SET ${CONTRACT_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`);

  const planner: Planner = {
    row(r) {
      const vendorName = (r.values.vendor as string | undefined) ?? '';
      const vendor = register.vendors.get(register.keyOf(vendorName));
      if (vendorName) names.check(r, 'vendor', vendorName, 'vendor');
      const reference = (r.values.reference as string | undefined) ?? '';
      const key = `${register.keyOf(vendorName)}|${lower(reference)}`;
      if (reference && firstLine.has(key)) r.error('reference', `The same vendor and reference as row ${firstLine.get(key)}: keep one row per contract`);
      else if (reference) firstLine.set(key, r.line);
      const match = vendor ? existing.get(`${vendor.id}|${lower(reference)}`) : undefined;
      if (match && options.mode === 'create') r.error('reference', 'This contract is already in the register: choose “add new and update existing” to update it');
      if (!match && options.mode === 'update' && r.ok) r.error('reference', 'There is no such contract to update, and this import only updates');
      const { vendor: _vendor, ...given } = r.values;
      const valueCurrency = r.currencies.annualValue;
      if (valueCurrency) {
        if (given.currency !== undefined && String(given.currency).toUpperCase() !== valueCurrency) {
          r.warn('annualValue', `The value cell says ${valueCurrency} but the currency column says ${String(given.currency)}: ${valueCurrency} is kept`);
        }
        given.currency = valueCurrency;
      }
      // A match keeps the register's spelling of the reference.
      const fields = r.validate(contractFields, merged(match?.fields ?? {}, given, match ? { reference: match.fields.reference } : {}, { vendorId: vendor?.id ?? 1 }));
      return {
        line: r.line,
        label: `${vendorName} · ${reference}`,
        action: match ? 'update' : 'create',
        issues: r.issues,
        values: () => r.display(),
        write(w) {
          if (!fields) return;
          const values = [fields.reference, fields.startDate, fields.endDate, fields.noticeDays, fields.annualValue, fields.currency] as const;
          if (!match) {
            insert.run(...values, w.vendorId(register.keyOf(vendorName)));
            w.counts.created++;
          } else if (changed(match.fields, fields)) {
            update.run(...values, match.id);
            recordAudit(w.db, w.ctx, { entity: 'contract', entityId: match.id, action: 'update', before: match.fields, after: fields });
            w.counts.updated++;
          } else w.counts.unchanged++;
        },
      };
    },
  };
  return { planner, names };
}

// ---------------------------------------------------------------------------------------------------------------
// Checking and committing. Holdings, services and incidents are checked and written row by row, so a file of half a
// million rows is never held as planned rows; vendors are planned whole first (groups and supply chains need all).

const hasError = (row: PlannedRow) => row.issues.some((i) => i.level === 'error');

/** An issue's cause: its message without the values of its own row (quoted values, numbers). */
const causeOf = (message: string) =>
  message
    .replace(/“[^”]*”/g, '“…”')
    .replace(/\b(rows?|has) \d[\d,]*/g, '$1 …')
    .replace(/\([^)]*\d[^)]*\)/g, '(…)');

/** Counts, issues and preview rows of an import, gathered row by row. */
class Tally {
  rows = 0;
  toCreate = 0;
  toUpdate = 0;
  withErrors = 0;
  withWarnings = 0;
  issueCount = 0;
  warningCount = 0;
  filteredOut = 0;
  /** Coded field → value no choice matched → rows. */
  readonly unmatched = new Map<string, Map<string, number>>();
  private readonly causes = new Map<string, { level: 'error' | 'warning'; cause: string; count: number; column: string | null }>();
  private readonly errors: ImportIssue[] = [];
  private readonly warnings: ImportIssue[] = [];
  private readonly errorRows: ImportRowPreview[] = [];
  private readonly goodRows: ImportRowPreview[] = [];
  constructor(private readonly leftOut: ImportCheck['leftOut']) {}

  add(row: PlannedRow): void {
    const bad = hasError(row);
    this.rows++;
    this.issueCount += row.issues.length;
    for (const issue of row.issues) {
      if (issue.level === 'warning') this.warningCount++;
      const list = issue.level === 'error' ? this.errors : this.warnings;
      if (list.length < MAX_ISSUES) list.push(issue);
      const cause = causeOf(issue.message);
      const key = `${issue.level}|${issue.column ?? ''}|${cause}`;
      const known = this.causes.get(key);
      if (known) known.count++;
      else if (this.causes.size < MAX_CAUSES) this.causes.set(key, { level: issue.level, cause: issue.message, count: 1, column: issue.column });
    }
    if (bad) this.withErrors++;
    else {
      if (row.issues.length) this.withWarnings++;
      if (row.action === 'create') this.toCreate++;
      else this.toUpdate++;
    }
    // The preview keeps rows with errors (so none hides past the cap), then the first good rows.
    const preview = bad ? this.errorRows : this.goodRows;
    if (preview.length < MAX_PREVIEW) preview.push({ line: row.line, action: bad ? 'error' : row.action, label: row.label, values: row.values() });
  }

  result(entity: ImportOptions['entity'], names: VendorNames): ImportCheck {
    const causes = [...this.causes.values()].map((c) => ({ ...c, cause: c.count > 1 ? causeOf(c.cause) : c.cause }));
    return {
      entity,
      rows: this.rows,
      toCreate: this.toCreate,
      toUpdate: this.toUpdate,
      withErrors: this.withErrors,
      withWarnings: this.withWarnings,
      newVendors: [...names.toCreate.values()].map((v) => v.name),
      issues: [...this.errors, ...this.warnings].slice(0, MAX_ISSUES),
      issueCount: this.issueCount,
      warningCount: this.warningCount,
      causes: causes.sort((a, b) => (a.level === b.level ? b.count - a.count : a.level === 'error' ? -1 : 1)),
      preview: [...this.errorRows, ...this.goodRows].slice(0, MAX_PREVIEW).sort((a, b) => a.line - b.line),
      leftOut: this.leftOut,
      filteredOut: this.filteredOut,
      didYouMean: [...names.didYouMean].map(([name, candidates]) => ({ name, candidates })),
      unmatchedValues: [...this.unmatched].map(([field, values]) => ({
        field,
        values: [...values].map(([value, rows]) => ({ value, rows })).sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value)),
      })),
    };
  }
}

/**
 * How the rows of the file are read: which are left out (the totals, notes and group headers found, unless the user
 * chose otherwise) or filtered out, and the cells of fields filled by combining columns or splitting one, appended
 * to each row as columns of their own (the mapping points the fields at them).
 */
interface RowSource {
  leftOutLines: Set<number>;
  leftOut: ImportCheck['leftOut'];
  passes(row: SheetRow): boolean;
  headers: string[];
  options: ImportOptions;
  cells(row: SheetRow): Cell[];
}

function rowSource(table: SheetTable, options: ImportOptions): RowSource {
  const leftOutLines = new Set(options.leaveOut ?? table.oddRows.filter((r) => r.kind !== 'title').map((r) => r.line));
  const odd = new Map(table.oddRows.map((r) => [r.line, r]));
  const leftOut = table.rows
    .atLines(leftOutLines)
    .map((r) => ({ line: r.line, kind: odd.get(r.line)?.kind ?? 'chosen', text: r.cells.map(cellText).filter(Boolean).join(' · ').slice(0, 200) }));
  const filters = options.filters.map((f) => ({ ...f, value: f.value.trim().toLowerCase() }));
  const passes = (row: SheetRow) =>
    filters.every((f) => {
      const text = cellText(row.cells[f.column] ?? null).toLowerCase();
      return f.op === 'notEmpty' ? text !== '' : f.op === 'equals' ? text === f.value : f.op === 'notEquals' ? text !== f.value : text.includes(f.value);
    });
  if (options.combine.length === 0 && options.split.length === 0) return { leftOutLines, leftOut, passes, headers: table.headers, options, cells: (row) => row.cells };
  const headers = [...table.headers];
  const mapping = { ...options.mapping };
  const makers: ((cells: Cell[]) => Cell)[] = [];
  for (const c of options.combine) {
    mapping[c.field] = headers.length;
    headers.push(c.columns.map((i) => table.headers[i] ?? `Column ${i + 1}`).join(' + '));
    makers.push((cells) => c.columns.map((i) => cellText(cells[i] ?? null)).filter(Boolean).join(c.separator) || null);
  }
  for (const sp of options.split) {
    sp.fields.forEach((field, part) => {
      if (!field) return;
      mapping[field] = headers.length;
      headers.push(`${table.headers[sp.column] ?? `Column ${sp.column + 1}`} (part ${part + 1})`);
      makers.push((cells) => cellText(cells[sp.column] ?? null).split(sp.separator)[part]?.trim() || null);
    });
  }
  return { leftOutLines, leftOut, passes, headers, options: { ...options, mapping }, cells: (row) => [...row.cells, ...makers.map((make) => make(row.cells))] };
}

async function plannerFor(db: RegisterDb, table: SheetTable, source: RowSource, job: JobControl): Promise<PlannerParts & { register: Register }> {
  const { options } = source;
  job.progress('Reading the register', 0, table.rows.count);
  await job.checkpoint();
  const register = await loadRegister(db, options, job);
  const parts =
    options.entity === 'vendors'
      ? vendorPlanner(db, source, register, await vendorsInFile(table, source, register, job))
      : options.entity === 'holdings'
        ? holdingPlanner(db, options, register, options.wide?.length ? table.rows.count * options.wide.length : table.rows.count)
        : options.entity === 'services'
          ? servicePlanner(db, options, register)
          : options.entity === 'contracts'
            ? contractPlanner(db, options, register)
            : incidentPlanner(db, options, register);
  return { ...parts, register };
}

/** Checks every row in file order (but those left out or filtered out), in slices between which progress and cancel are answered. */
async function eachRow(table: SheetTable, source: RowSource, planner: Planner, job: JobControl, phase: string, tally: Tally, visit: (row: PlannedRow) => void): Promise<void> {
  const { options, headers } = source;
  const fields = IMPORT_FIELDS[options.entity];
  const coded = fields.filter((f) => f.kind === 'coded' && options.mapping[f.key] != null);
  // A wide holdings sheet: each category column of a row is read as a row of its own (category, people).
  const n = headers.length;
  const wide =
    options.entity === 'holdings' && options.wide?.length
      ? options.wide.map((w) => ({
          column: w.column,
          category: w.category,
          records: n + 1,
          options: { ...options, mapping: { ...options.mapping, category: n, records: n + 1 } },
          headers: [...headers, `${headers[w.column] ?? ''} (category)`, headers[w.column] ?? ''],
        }))
      : null;
  const readings = fieldReadings(fields, options);
  const wideReadings = wide?.map((w) => fieldReadings(fields, w.options));
  const check = (row: SheetRow) => {
    if (source.leftOutLines.has(row.line)) return;
    if (!source.passes(row)) {
      tally.filteredOut++;
      return;
    }
    const cells = source.cells(row);
    if (wide) {
      wide.forEach((w, k) => {
        const cell = cells[w.column] ?? null;
        const mark = row.marks?.get(w.column);
        // An empty category cell is no holding; "N/A" and "-" are none either.
        if (!mark && meansNothing(cellText(cell))) return;
        const marks = new Map(row.marks);
        if (mark) marks.set(w.records, mark);
        visit(planner.row(new RowReader(row.line, fields, [...cells, w.category, cell], w.options, w.headers, marks, wideReadings![k]!)));
      });
      return;
    }
    const reader = new RowReader(row.line, fields, cells, options, headers, row.marks, readings);
    for (const field of coded) {
      if (!reader.hasIssue(field.key) || reader.values[field.key] !== undefined) continue;
      const text = reader.text(field.key);
      if (text === '' || row.marks?.has(options.mapping[field.key]!)) continue;
      const values = tally.unmatched.get(field.key) ?? tally.unmatched.set(field.key, new Map()).get(field.key)!;
      if (values.has(text) || values.size < MAX_UNMATCHED) values.set(text, (values.get(text) ?? 0) + 1);
    }
    visit(planner.row(reader));
  };
  await eachRowInSlices(table.rows, job, check, (done) => job.progress(phase, done, table.rows.count));
}

/** What a planned row's write becomes once it is written, or when it never will be: its fields are let go. */
const NOTHING_TO_WRITE = (): void => undefined;

/**
 * Plans every row (each passed to `planned` as it is), then runs the whole-file checks; for vendors. Rows are counted
 * in file order: those the whole-file checks cannot change at once, unless a row before them waits for the checks
 * (a chained row). Every row is returned only when `keep` asks for them.
 */
async function planAll(table: SheetTable, source: RowSource, planner: Planner, job: JobControl, tally: Tally, phase: string, keep: boolean, planned: (row: PlannedRow) => void): Promise<PlannedRow[]> {
  const rows: PlannedRow[] = [];
  const waiting: PlannedRow[] = [];
  await eachRow(table, source, planner, job, phase, tally, (row) => {
    planned(row);
    if (keep) rows.push(row);
    if (waiting.length > 0 || row.chained) waiting.push(row);
    else tally.add(row);
  });
  job.progress('Checking groups and supply chains', table.rows.count, table.rows.count);
  await job.checkpoint();
  planner.finish?.();
  for (const row of waiting) tally.add(row);
  return rows;
}

export async function checkImport(db: RegisterDb, table: SheetTable, options: ImportOptions, job: JobControl): Promise<ImportCheck> {
  const source = rowSource(table, options);
  const { planner, names } = await plannerFor(db, table, source, job);
  const tally = new Tally(source.leftOut);
  if (planner.finish) {
    await planAll(table, source, planner, job, tally, 'Checking rows', false, (row) => {
      row.write = NOTHING_TO_WRITE;
    });
  }
  else await eachRow(table, source, planner, job, 'Checking rows', tally, (row) => tally.add(row));
  return tally.result(options.entity, names);
}

export async function commitImport(db: RegisterDb, ctx: WriteContext, table: SheetTable, fileName: string, options: ImportOptions, job: JobControl): Promise<ImportReport> {
  const source = rowSource(table, options);
  const { planner, names, register } = await plannerFor(db, table, source, job);
  const at = ctx.now();
  const tally = new Tally(source.leftOut);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const vendorsAdded: string[] = [];
  const report = (committed: boolean): ImportReport => ({
    ...tally.result(options.entity, names),
    // Once written, the vendors actually added (rows skipped for errors may have named others).
    ...(committed ? { newVendors: vendorsAdded } : {}),
    committed,
    ...(committed ? counts : { created: 0, updated: 0, unchanged: 0 }),
    skipped: committed ? tally.withErrors : tally.rows,
    fileName,
    at,
    undo: null,
  });
  const blocked = () => tally.withErrors > 0 && !options.skipErrors;

  const vendorIds = new Map<string, number>();
  const writer: Writer = {
    db,
    vendors: vendorWriter(db),
    ctx,
    now: at,
    counts,
    vendorId(key) {
      let id = vendorIds.get(key) ?? register.vendors.get(key)?.id;
      const missing = names.toCreate.get(key);
      // Only the vendors this import creates are remembered: the register's are in the register's map already.
      if (id === undefined && missing) {
        id = writer.vendors.insert(vendorFields.parse({ name: missing.name, direct: !missing.fourthParty }), at);
        vendorsAdded.push(missing.name);
        vendorIds.set(key, id);
      }
      return id ?? null;
    },
    created(key, id) {
      vendorIds.set(key, id);
    },
  };

  await job.afterBackups();
  // A smaller page cache while the import writes: its pages spill into the log between slices rather than all at the
  // commit, one call that held the process 60-70 ms with the usual 64 MB (at 100,000 vendors; 16 MB: 40-50 ms).
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma('cache_size = -16384');
  db.exec('BEGIN IMMEDIATE');
  try {
    // The kept totals are recomputed once, before the commit, instead of by triggers once per row.
    beginBulkLoad(db);
    // The rows written that the planner's afterRows asks about: those naming other vendors.
    const written = new Set<PlannedRow>();
    if (planner.finish) {
      // Unless rows with errors are skipped, an error (found as the rows are read, or once every row is read: a
      // parent, a supply-chain loop) rolls everything back, so rows are written as they are checked and let go of
      // their fields; when errors are skipped, a row may yet get one once every row is read, so rows wait until then.
      const writeAsChecked = !options.skipErrors;
      let errorSeen = false;
      const rows = await planAll(table, source, planner, job, tally, writeAsChecked ? 'Writing' : 'Checking rows', !writeAsChecked, (row) => {
        if (!writeAsChecked || (errorSeen ||= hasError(row))) return;
        row.write(writer);
        if (row.chained) written.add(row);
        row.write = NOTHING_TO_WRITE;
      });
      if (!blocked() && !writeAsChecked) {
        const good = rows.filter((r) => !hasError(r));
        const slices = timeSlices(job.checkpoint);
        for (const [at, row] of good.entries()) {
          if (slices.due()) {
            job.progress('Writing', at, good.length);
            await slices.pause();
          }
          row.write(writer);
          if (row.chained) written.add(row);
        }
      }
    } else {
      // Written as checked; once a row has an error (and errors are not skipped) only checking goes on, for the report.
      await eachRow(table, source, planner, job, 'Checking and writing', tally, (row) => {
        tally.add(row);
        if (!hasError(row) && !blocked()) row.write(writer);
      });
    }
    if (blocked()) {
      db.exec('ROLLBACK');
      return report(false);
    }
    job.progress('Linking', tally.rows, tally.rows);
    await job.checkpoint();
    planner.afterRows?.(writer, written);
    // Smaller still while the totals are recomputed: what is left in the cache is written at the commit, and the
    // commit re-reads the log written since the recompute began (1.5 million holdings: the commit held the process
    // 108 ms, now 88).
    db.pragma('cache_size = -4096');
    await endBulkLoadInSlices(db, job.checkpoint);
    recordAudit(db, ctx, {
      entity: 'import',
      entityId: null,
      action: 'create',
      before: null,
      after: { fileName, entity: options.entity, mode: options.mode, rows: tally.rows, ...counts, skipped: tally.withErrors, leftOut: source.leftOut.map((r) => r.line), filteredOut: tally.filteredOut, vendorsAdded },
    });
    job.progress('Saving', tally.rows, tally.rows);
    await job.checkpoint();
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    db.pragma(`cache_size = ${cacheSize}`);
  }
  // Committed. The vendors the bulk write noted are let go in a write of their own; should that fail, the import
  // stands as reported, and the next bulk write empties them first.
  try {
    clearBulkVendors(db);
  } catch {
    // Nothing of the register is lost: see clearBulkVendors.
  }
  // The daily snapshot scores the whole portfolio: not here, where it would hold the register's process for seconds
  // (and as much memory as the import) right after it, but after the import, as after any change (db/service.ts).
  return report(true);
}
