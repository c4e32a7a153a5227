// Turning an uploaded file into a header and rows: CSV (any common delimiter and encoding) or XLSX.
import Papa from 'papaparse';
import { inflateRawSync } from 'node:zlib';
import readExcelFile from 'read-excel-file/node';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { ApiError, type ImportEncoding, type SheetShape } from '../contract';
import { cellText, type Cell } from './values';

/** Something the read found in one cell: an Excel error, a formula without a result, a value filled down. */
export interface CellMark {
  level: 'error' | 'warning';
  message: string;
}

export interface SheetRow {
  /** The row number a spreadsheet would show (the header is row 1 of the table). */
  line: number;
  cells: Cell[];
  /** Column index → what the read found there. */
  marks?: Map<number, CellMark>;
  /** A row that looks like a total, a note or a group header (left out unless the user keeps it). */
  odd?: 'total' | 'note' | 'group';
}

/** The rows below the header (blank rows left out), made again from what was kept of the file when asked for. */
export interface SheetRows {
  count: number;
  /** Rows `start` to `end` (positions among these rows). */
  slice(start: number, end: number): SheetRow[];
  /** The rows at these lines (spreadsheet row numbers), in order; lines of no row are passed over. */
  atLines(lines: Iterable<number>): SheetRow[];
}

export interface SheetTable extends SheetShape {
  rows: SheetRows;
}

/** What to read: the header row, and for CSV the encoding and delimiter, when the detected ones are wrong. */
export interface ReadChoices {
  sheet?: string | null;
  headerLine?: number | null;
  encoding?: ImportEncoding | null;
  delimiter?: string | null;
}

/** A file that cannot be read as a table: said to the user as a validation error. */
const unreadable = (message: string) => new ApiError('VALIDATION', message);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const ENCODING_NAMES: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252',
  'windows-1250': 'Windows-1250',
  'windows-1251': 'Windows-1251',
  'iso-8859-15': 'ISO-8859-15',
  macintosh: 'Mac Roman',
  'utf-16le': 'UTF-16',
  cp850: 'DOS (code page 850)',
};

/** Decodes a file's bytes a window at a time (a character cut in two at a window's end is completed by the next). */
interface TextDecoding {
  encoding: string;
  decode(bytes: Uint8Array, last: boolean): string;
}

const streaming = (decoder: TextDecoder): TextDecoding['decode'] => (bytes, last) => decoder.decode(bytes, { stream: !last });

/**
 * UTF-8 through Node's own decoder: its text of Latin-1 characters takes a byte per character, where TextDecoder's
 * streamed text takes two (and so would every row packed from it).
 */
function utf8Streaming(): TextDecoding['decode'] {
  const decoder = new StringDecoder('utf8');
  return (bytes, last) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) + (last ? decoder.end() : '');
}

function iconvStreaming(encoding: string): TextDecoding['decode'] {
  const decoder = iconv.getDecoder(encoding);
  return (bytes, last) => decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) + (last ? (decoder.end() ?? '') : '');
}

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), otherwise Windows-1252 — decoded by
 * iconv-lite, since Node's TextDecoder without full ICU reads "windows-1252" as Latin-1 (’ € ™ become C1 controls).
 * Returns where the text begins (after its byte order mark) and how to decode it.
 */
function textDecoding(source: ByteSource, chosen?: ImportEncoding | null): { start: number } & TextDecoding {
  const bytes = source.read(0, Math.min(3, source.length));
  if (chosen) {
    const start = chosen === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : chosen === 'utf-16le' && bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0;
    return { start, encoding: `${ENCODING_NAMES[chosen]} (chosen)`, decode: iconvStreaming(chosen) };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { start: 3, encoding: 'UTF-8 (with BOM)', decode: utf8Streaming() };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { start: 2, encoding: 'UTF-16', decode: streaming(new TextDecoder('utf-16le')) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { start: 2, encoding: 'UTF-16', decode: streaming(new TextDecoder('utf-16be')) };
  if (source.utf8()) return { start: 0, encoding: 'UTF-8', decode: utf8Streaming() };
  return { start: 0, encoding: 'Windows-1252', decode: iconvStreaming('windows-1252') };
}

const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;
const NONE: readonly string[] = [];

/** C1 control characters are invisible and never typed: text holding them was decoded with the wrong encoding. */
export function controlCharacters(text: string): readonly string[] {
  if (!HAS_C1.test(text)) return NONE;
  return [...new Set(text.match(C1) ?? [])].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Non-empty cells, counted up to three (the most any check here needs to know). */
function filledUpTo3(cells: Cell[]): number {
  let n = 0;
  for (let i = 0; i < cells.length && n < 3; i++) if (cellText(cells[i] ?? null) !== '') n++;
  return n;
}

const filled = (cells: Cell[]) => cells.filter((cell) => cellText(cell) !== '').length;

/** Headers trimmed, inner spaces collapsed; blank or repeated headers get a name that says where they are. */
function tidyHeaders(cells: Cell[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    let header = cellText(cell).replace(/\s+/g, ' ');
    if (header === '') header = `Column ${index + 1}`;
    const count = (seen.get(header.toLowerCase()) ?? 0) + 1;
    seen.set(header.toLowerCase(), count);
    return count > 1 ? `${header} (${count})` : header;
  });
}

/**
 * The first row that looks like headers: text only (no numbers or dates), and at least half as many cells as the
 * widest of the rows near the top — a title ("Supplier register, March 2026") or a blank row above it is passed over.
 * `null` when none of the rows near the top does (the first row with anything in it is then taken).
 */
function guessHeaderIndex(rows: Cell[][]): number | null {
  const top = rows.slice(0, 60);
  const widest = Math.max(0, ...top.map(filled));
  const index = top.findIndex((cells) => {
    const n = filled(cells);
    return n >= Math.max(2, Math.ceil(widest / 2)) && cells.every((cell) => cell === null || (typeof cell === 'string' && !/^[\d\s.,$€£%()-]+$/.test(cell.trim())));
  });
  return index >= 0 ? index : null;
}

const TOTAL = /^(grand\s+|sub-?\s*)?totals?\b|^sum\b|^gesamt|^summe\b|^totaal\b/i;
const NOTE = /^(\*|†|note\b|notes\b|source\b|sources\b|footnote|disclaimer|prepared by|exported\b|generated\b|confidential)/i;

const firstText = (cells: Cell[]) => {
  for (const cell of cells) {
    const text = cellText(cell);
    if (text) return text;
  }
  return '';
};

/**
 * Whether a row reads as a total, a note or a group header; `trailing`: no record follows it; `dense`: the records
 * fill three cells or more (so a row of one cell stands out; in a sparse sheet it may be a record with one value).
 */
function oddKind(cells: Cell[], columns: number, trailing: boolean, dense: boolean): SheetRow['odd'] {
  const texts = cells.map(cellText).filter(Boolean);
  const first = texts[0] ?? '';
  if (TOTAL.test(first)) return 'total';
  if (texts.length === 1 && NOTE.test(first)) return 'note';
  if (texts.length !== 1 || columns < 3 || !dense) return undefined;
  if (cellText(cells[0] ?? null) !== '') return trailing ? 'note' : 'group';
  return trailing ? 'note' : undefined;
}

/**
 * Every row of a sheet (blank ones, and those above the headers, too), by position. Beside each row's cells, what the
 * shaping of the table asks of every row: how many cells it fills (up to three) and whether it starts like a total.
 */
interface Records {
  count: number;
  cells(index: number): Cell[];
  filled(index: number): number;
  total(index: number): boolean;
}

/** The rows of a workbook's sheet, in memory (a workbook is bounded by XLSX_LIMITS). */
function recordsInMemory(rows: Cell[][]): Records {
  return { count: rows.length, cells: (i) => rows[i]!, filled: (i) => filledUpTo3(rows[i]!), total: (i) => TOTAL.test(firstText(rows[i]!)) };
}

/**
 * A CSV file's rows, kept as text: each row's cells joined by NUL (a file holding NUL is refused, so no cell has
 * one), in blocks of about a megabyte with where each row begins. Far smaller than arrays of cells, and a row is
 * made again by one split.
 */
class PackedRecords implements Records {
  count = 0;
  private readonly blocks: { first: number; text: string; starts: Int32Array }[] = [];
  /** Per row: cells filled (0–3) in the low bits, and 4 when it starts like a total. */
  private facts = new Uint8Array(4_096);
  private last: { first: number; text: string; starts: Int32Array } | null = null;

  /** A row as it is packed: its cells joined, and its facts (see add). */
  static joined(cells: string[]): string {
    return cells.join('\0');
  }

  static facts(cells: string[]): number {
    return filledUpTo3(cells) | (TOTAL.test(firstText(cells)) ? 4 : 0);
  }

  /** Rows packed by joined and facts, as one block. */
  add(rows: string[], facts: number[]): void {
    if (rows.length === 0) return;
    const starts = new Int32Array(rows.length + 1);
    if (this.count + rows.length > this.facts.length) {
      const grown = new Uint8Array(Math.max(this.facts.length * 2, this.count + rows.length));
      grown.set(this.facts);
      this.facts = grown;
    }
    let at = 0;
    for (let k = 0; k < rows.length; k++) {
      starts[k] = at;
      at += rows[k]!.length;
      this.facts[this.count + k] = facts[k]!;
    }
    starts[rows.length] = at;
    this.blocks.push({ first: this.count, text: rows.join(''), starts });
    this.count += rows.length;
  }

  cells(index: number): Cell[] {
    let block = this.last;
    if (!block || index < block.first || index >= block.first + block.starts.length - 1) {
      let low = 0;
      let high = this.blocks.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (this.blocks[mid]!.first <= index) low = mid;
        else high = mid - 1;
      }
      block = this.last = this.blocks[low]!;
    }
    const k = index - block.first;
    return block.text.substring(block.starts[k]!, block.starts[k + 1]!).split('\0');
  }

  filled(index: number): number {
    return this.facts[index]! & 3;
  }

  total(index: number): boolean {
    return (this.facts[index]! & 4) !== 0;
  }
}

/** The table's rows: positions among the records, with the odd rows found and the marks of the read. */
function sheetRows(records: Records, recordOf: Int32Array, odd: Map<number, NonNullable<SheetRow['odd']>>, marks?: Map<number, Map<number, CellMark>>): SheetRows {
  const row = (i: number): SheetRow => {
    const made: SheetRow = { line: i + 1, cells: records.cells(i) };
    const rowMarks = marks?.get(i);
    if (rowMarks) made.marks = rowMarks;
    const kind = odd.get(i);
    if (kind) made.odd = kind;
    return made;
  };
  return {
    count: recordOf.length,
    slice(start, end) {
      const out: SheetRow[] = [];
      for (let k = start; k < Math.min(end, recordOf.length); k++) out.push(row(recordOf[k]!));
      return out;
    },
    atLines(lines) {
      const wanted = [...new Set(lines)].sort((a, b) => a - b);
      const out: SheetRow[] = [];
      for (const line of wanted) {
        // recordOf is in file order: a binary search finds whether that line is one of the table's rows.
        let low = 0;
        let high = recordOf.length - 1;
        while (low <= high) {
          const mid = (low + high) >> 1;
          const at = recordOf[mid]!;
          if (at === line - 1) {
            out.push(row(at));
            break;
          }
          if (at < line - 1) low = mid + 1;
          else high = mid - 1;
        }
      }
      return out;
    },
  };
}

function toTable(records: Records, base: Omit<SheetTable, 'headers' | 'rows' | 'blankRows' | 'headerLine' | 'oddRows'>, headerLine?: number | null, marks?: Map<number, Map<number, CellMark>>): SheetTable {
  const blank = (i: number) => records.filled(i) === 0 && !marks?.has(i);
  let firstFilled = -1;
  for (let i = 0; i < records.count && firstFilled < 0; i++) if (records.filled(i) > 0) firstFilled = i;
  if (firstFilled < 0) throw unreadable('The file has no rows: it is empty or holds only blank lines.');
  let headerIndex: number;
  if (headerLine != null) {
    headerIndex = headerLine - 1;
    if (headerIndex >= records.count || records.filled(headerIndex) === 0) throw unreadable(`Row ${headerLine} is ${headerIndex < records.count ? 'blank' : 'past the end of the file'}: choose the row that holds the column headers.`);
  } else {
    const top = Array.from({ length: Math.min(60, records.count) }, (_, i) => records.cells(i));
    headerIndex = guessHeaderIndex(top) ?? firstFilled;
  }
  const headers = tidyHeaders(records.cells(headerIndex));
  const oddRows: SheetTable['oddRows'] = [];
  const joinedText = (i: number) => records.cells(i).map(cellText).filter(Boolean).join(' · ');
  for (let i = 0; i < headerIndex; i++) if (records.filled(i) > 0) oddRows.push({ line: i + 1, kind: 'title', text: joinedText(i) });
  // Dense: of the rows below the headers that fill more than one cell (totals aside), four in five fill three or more.
  let records2 = 0;
  let records3 = 0;
  for (let i = headerIndex + 1; i < records.count; i++) {
    if (records.filled(i) > 1 && !records.total(i)) {
      records2++;
      if (records.filled(i) >= 3) records3++;
    }
  }
  const dense = records3 >= 0.8 * records2;
  // Only a row that starts like a total, or fills one cell, can be odd: the others are not read again for it.
  const oddAt = (i: number, trailing: boolean) => (records.total(i) || records.filled(i) === 1 ? oddKind(records.cells(i), headers.length, trailing, dense) : undefined);
  let lastRecord = records.count - 1;
  while (lastRecord > headerIndex && (records.filled(lastRecord) === 0 || oddAt(lastRecord, true))) lastRecord--;
  const recordOf = new Int32Array(Math.max(0, records.count - headerIndex - 1));
  const odd = new Map<number, NonNullable<SheetRow['odd']>>();
  let rows = 0;
  let blankRows = 0;
  for (let i = headerIndex + 1; i < records.count; i++) {
    if (blank(i)) {
      blankRows++;
      continue;
    }
    recordOf[rows++] = i;
    const kind = oddAt(i, i > lastRecord);
    if (kind) {
      odd.set(i, kind);
      oddRows.push({ line: i + 1, kind, text: joinedText(i) });
    }
  }
  return { ...base, headers, rows: sheetRows(records, recordOf.subarray(0, rows), odd, marks), blankRows, headerLine: headerIndex + 1, oddRows };
}

/**
 * The bytes of a CSV file decoded and parsed this many at a time, yielding between windows: small enough that the
 * window's text and rows are ordinary young objects (text over 128 KB goes to V8's large-object space, where a
 * window's garbage waited for a full collection: 240 MB of it while 1.5 million holdings were read).
 */
const CSV_WINDOW = 64 << 10;
/** What the delimiter and line ending are guessed from (Papa Parse looks at up to 1 MB for the line ending). */
const CSV_GUESSED_FROM = 1 << 20;

/** A read's way to say how far it is and to yield to the event loop (a job's, see db/jobs.ts). */
export interface ReadProgress {
  progress(phase: string, done: number, total: number): void;
  checkpoint(): Promise<void>;
}

const NO_PROGRESS: ReadProgress = { progress: () => undefined, checkpoint: async () => undefined };

/** Base64 characters decoded per step (a multiple of four, so each step ends on whole bytes; 4 MB steps held the
 * process up to 100 ms). */
const BASE64_STEP = 1 << 20;

/** A file's bytes as a CSV read takes them, a window at a time. */
interface ByteSource {
  length: number;
  /** Bytes `start` to `end`. */
  read(start: number, end: number): Uint8Array;
  /** Whether the whole file is UTF-8. */
  utf8(): boolean;
}

const wholeBytes = (bytes: Uint8Array): ByteSource => {
  // Asked twice by a CSV read (for its text, and for the sample its delimiter is guessed from): checked once.
  let utf8: boolean | undefined;
  return { length: bytes.length, read: (start, end) => bytes.subarray(start, end), utf8: () => (utf8 ??= isUtf8(bytes)) };
};

/** How many of these bytes end on a whole UTF-8 character: a character cut at the end is left for the bytes after. */
function wholeCharacters(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? bytes.length - back : bytes.length;
  }
  return bytes.length;
}

/**
 * An upload's bytes read from its base64 as they are asked for, so a large CSV file is never held whole as bytes
 * beside its base64 (68 MB for 1.5 million holdings). The base64 is checked first, a few megabytes at a time (with
 * whether the bytes are UTF-8); null when it is short, or not plain base64 (line breaks, padding before the end).
 */
async function base64Source(base64: string, job: ReadProgress): Promise<ByteSource | null> {
  if (base64.length <= BASE64_STEP || base64.length % 4 !== 0) return null;
  const length = (base64.length / 4) * 3 - (base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0);
  const read = (start: number, end: number): Uint8Array => {
    const from = Math.floor(start / 3) * 4;
    const bytes = Buffer.from(base64.slice(from, Math.ceil(end / 3) * 4), 'base64');
    return bytes.subarray(start - (from / 4) * 3, end - (from / 4) * 3);
  };
  let utf8 = true;
  let cut = Buffer.alloc(0);
  const plain = await eachBase64Step(base64, job, (part, last) => {
    if (!utf8) return;
    const bytes = Buffer.concat([cut, Buffer.from(part, 'base64')]);
    const whole = last ? bytes.length : wholeCharacters(bytes);
    utf8 = isUtf8(bytes.subarray(0, whole));
    cut = Buffer.from(bytes.subarray(whole));
  });
  return plain ? { length, read, utf8: () => utf8 } : null;
}

/** Hands plain base64 to `step` BASE64_STEP characters at a time, yielding between; false (at the first step that
 * shows it) when it is not plain base64: line breaks, or padding before the end, would shift every later step. */
async function eachBase64Step(base64: string, job: ReadProgress, step: (part: string, last: boolean) => void): Promise<boolean> {
  for (let at = 0; at < base64.length; at += BASE64_STEP) {
    const part = base64.slice(at, at + BASE64_STEP);
    const last = at + BASE64_STEP >= base64.length;
    if (/[^A-Za-z0-9+/]/.test(last ? part.replace(/=+$/, '') : part)) return false;
    step(part, last);
    job.progress('Receiving the file', at, base64.length);
    await job.checkpoint();
  }
  return true;
}

/** An upload's bytes from its base64, a few megabytes at a time; anything but plain base64 is decoded whole, as Node does. */
async function bytesFromBase64(base64: string, job: ReadProgress = NO_PROGRESS): Promise<Buffer> {
  if (base64.length <= BASE64_STEP) return Buffer.from(base64, 'base64');
  const bytes = Buffer.allocUnsafe(Math.floor((base64.length * 3) / 4));
  let written = 0;
  const plain = await eachBase64Step(base64, job, (part) => (written += bytes.write(part, written, 'base64')));
  return plain ? bytes.subarray(0, written) : Buffer.from(base64, 'base64');
}

/**
 * Reads a CSV file a window at a time: each window is decoded, parsed, and its complete rows packed; the row it ends
 * in the middle of is parsed again with the next window. `pause` yields to the event loop between windows, so a large
 * file never holds up other calls, and the file is never held whole as text or as cells.
 */
async function readCsv(bytes: ByteSource, choices: ReadChoices = {}, job: ReadProgress = NO_PROGRESS): Promise<SheetTable> {
  const decoding = textDecoding(bytes, choices.encoding);
  const records = new PackedRecords();
  const controls = new Set<string>();
  let delimiter = choices.delimiter ?? '';
  let newline = '';
  let carried = '';
  let window = CSV_WINDOW;
  if (!delimiter || !newline) {
    // Guessed as Papa Parse guesses them when it parses the file's first megabyte, from a parse of its first row only
    // (parsing the whole megabyte held the process 100-200 ms).
    const sample = textDecoding(bytes, choices.encoding);
    const end = Math.min(bytes.length, sample.start + CSV_GUESSED_FROM);
    Papa.parse<string[]>(sample.decode(bytes.read(sample.start, end), end >= bytes.length), {
      delimiter,
      delimitersToGuess: [',', ';', '\t', '|'],
      skipEmptyLines: false,
      preview: 1,
      step(result) {
        delimiter ||= result.meta.delimiter;
        newline ||= result.meta.linebreak;
      },
    });
  }
  // The rows of the window being parsed, packed as they are parsed (an array of cells per row, kept to the window's
  // end, was most of what the young generation copied while a large file was read). Papa Parse's own parser runs each
  // window, as Papa.parse runs it once the delimiter and line ending are known (they are, from the sample above),
  // without the layers around it; and its step is made once, for the whole file. With steps made for each window (by
  // us, and by Papa.parse's layers), every window's rows and text were promoted to the old generation (allocation
  // sampling): 2.6 MB of garbage per megabyte of file, collected only by full collections.
  let parsed = { rows: [] as string[], facts: [] as number[], lastRowStart: 0, rowStart: 0, broken: null as number | null };
  const config: Papa.ParseConfig = {
    delimiter,
    newline: newline as Papa.ParseConfig['newline'],
    step(result: Papa.ParseStepResult<string[][]>) {
      const cells = result.data[0]!;
      if (parsed.broken === null && result.errors.some((e) => e.type === 'Quotes')) parsed.broken = parsed.rows.length;
      parsed.rows.push(PackedRecords.joined(cells));
      parsed.facts.push(PackedRecords.facts(cells));
      parsed.lastRowStart = parsed.rowStart;
      parsed.rowStart = result.meta.cursor;
    },
  };
  for (let at = decoding.start; at < bytes.length || carried; ) {
    const end = Math.min(bytes.length, at + window);
    const last = end >= bytes.length;
    const decoded = at < end ? decoding.decode(bytes.read(at, end), last) : '';
    at = end;
    if (decoded.includes('\u0000')) throw unreadable('This file is not text (it holds binary data). Choose a CSV file or an Excel workbook (.xlsx).');
    for (const c of controlCharacters(decoded)) controls.add(c);
    const text = carried + decoded;
    parsed = { rows: [], facts: [], lastRowStart: 0, rowStart: 0, broken: null };
    new Papa.Parser(config).parse(text, 0, false);
    const { rows, facts, lastRowStart } = parsed;
    let { broken } = parsed;
    // The window's last row may go on in the next window: it is parsed again with it (unless the file ends here).
    if (!last) {
      rows.pop();
      facts.pop();
      carried = text.substring(lastRowStart);
      if (broken === rows.length) broken = null;
    } else carried = '';
    // A row longer than a window: the next window is twice as long, so a long row is parsed again only a few times.
    window = rows.length === 0 ? 2 * window : CSV_WINDOW;
    if (broken !== null) throw unreadable(`The file has an unclosed quote near row ${records.count + broken + 1}: a quoted value never ends, so the rows after it cannot be told apart.`);
    records.add(rows, facts);
    job.progress('Reading the file', at, bytes.length);
    await job.checkpoint();
    if (last) break;
  }
  const notes: string[] = [];
  if (controls.size) {
    notes.push(`The text holds invisible control characters (${[...controls].slice(0, 5).join(', ')}): the file is probably in another encoding than ${decoding.encoding}. Choose its encoding, or check the cells warned about.`);
  }
  return toTable(records, { format: 'csv', encoding: decoding.encoding, delimiter: delimiter || Papa.DefaultDelimiter, sheet: null, sheets: [], hiddenColumns: [], hiddenSheets: [], activeSheet: null, notes }, choices.headerLine);
}

/** What a workbook may unpack to: a few hundred thousand rows fit easily; a zip bomb does not. */
export const XLSX_LIMITS = { unpackedBytes: 192 * 1024 * 1024, cells: 4_000_000, entries: 2_000 } as const;

const MB = 1024 * 1024;

/**
 * Checks a workbook before it is parsed: walks the zip's central directory, unpacks each entry with a cap on the bytes
 * still allowed (so a part that lies about its size is stopped, too) and counts the cells of its sheets.
 */
export function checkWorkbookBounds(bytes: Uint8Array, limits: { unpackedBytes: number; cells: number; entries: number } = XLSX_LIMITS): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tooLarge = () =>
    unreadable(`This workbook unpacks to more than ${Math.round(limits.unpackedBytes / MB)} MB, which is more than an import can hold. Save the sheet as CSV, or split it into smaller workbooks.`);
  // The end-of-central-directory record is in the last 64 KB + 22 bytes.
  let end = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 65_557); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable('This workbook could not be read: it is damaged (its zip directory is missing). Open it in Excel and save it again as .xlsx, or save the sheet as CSV.');
  const entries = buffer.readUInt16LE(end + 10);
  if (entries > limits.entries) throw unreadable(`This workbook holds ${entries.toLocaleString('en')} parts, more than a spreadsheet has. It was not read.`);
  let offset = buffer.readUInt32LE(end + 16);
  let budget = limits.unpackedBytes;
  let cells = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw unreadable('This workbook could not be read: it is damaged (its zip directory is unreadable). Open it in Excel and save it again as .xlsx.');
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const declaredSize = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (declaredSize > budget) throw tooLarge();
    if (localHeader + 30 > buffer.length) throw unreadable('This workbook could not be read: it is damaged (a part is missing). Open it in Excel and save it again as .xlsx.');
    const dataStart = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
    const data = buffer.subarray(dataStart, dataStart + compressedSize);
    let unpacked: Buffer;
    if (method === 0) unpacked = data;
    else if (method === 8) {
      try {
        unpacked = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
      } catch (error) {
        if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
        throw unreadable(`This workbook could not be read: it is damaged (${name} cannot be unpacked). Open it in Excel and save it again as .xlsx, or save the sheet as CSV.`);
      }
    } else throw unreadable(`This workbook uses a compression Excel does not write (${name}). Save it again as .xlsx from Excel, or as CSV.`);
    budget -= unpacked.length;
    if (budget < 0) throw tooLarge();
    if (name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels') parts.set(name, unpacked);
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      parts.set(name, unpacked);
      for (let at = unpacked.indexOf('<c '); at >= 0; at = unpacked.indexOf('<c ', at + 3)) {
        if (++cells > limits.cells) {
          throw unreadable(`This workbook has more than ${limits.cells.toLocaleString('en')} cells, more than an import can hold. Split it into smaller workbooks, or save the sheet as CSV.`);
        }
      }
    }
  }
  return parts;
}

const unescapeXml = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const attribute = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescapeXml(m[1]!) : undefined;
};

/** The workbook's sheets in order (with the part holding each, and whether it is hidden) and its active sheet. */
function workbookSheets(parts: Map<string, Buffer>): { sheets: { name: string; hidden: boolean; part: string | null }[]; active: string | null } {
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const targets = new Map<string, string>();
  for (const tag of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const target = attribute(tag, 'Target');
    const relId = attribute(tag, 'Id');
    if (target && relId) targets.set(relId, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const sheets = (workbook.match(/<sheet\b[^>]*>/g) ?? []).map((tag) => {
    const relId = attribute(tag, 'r:id') ?? attribute(tag, '[a-zA-Z0-9]+:id');
    return { name: attribute(tag, 'name') ?? '', hidden: (attribute(tag, 'state') ?? 'visible') !== 'visible', part: (relId && targets.get(relId)) ?? null };
  });
  const activeTab = Number(attribute(/<workbookView\b[^>]*>/.exec(workbook)?.[0] ?? '', 'activeTab') ?? 0);
  return { sheets, active: sheets[activeTab]?.name ?? sheets[0]?.name ?? null };
}

/** "B12" → [11, 1] (zero-based row, column). */
function cellAddress(ref: string): [number, number] | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + ch.charCodeAt(0) - 64;
  return [Number(m[2]) - 1, column - 1];
}

interface SheetFacts {
  hiddenColumns: number[];
  hiddenRows: number;
  merges: { top: number; left: number; bottom: number; right: number }[];
  /** Zero-based row → column → mark: Excel error values, and formulas saved without their result. */
  marks: Map<number, Map<number, CellMark>>;
}

/** What read-excel-file does not say: hidden columns and rows, merged ranges, error cells and formulas without a value (it reads both as empty). */
function sheetFacts(xml: string): SheetFacts {
  const hiddenColumns: number[] = [];
  for (const tag of xml.match(/<col\b[^>]*>/g) ?? []) {
    if (!/\shidden="(1|true)"/.test(tag)) continue;
    for (let c = Number(attribute(tag, 'min')); c <= Number(attribute(tag, 'max')) && c <= 16_384; c++) hiddenColumns.push(c - 1);
  }
  const hiddenRows = (xml.match(/<row\b[^>]*\shidden="(1|true)"/g) ?? []).length;
  const merges: SheetFacts['merges'] = [];
  for (const m of xml.matchAll(/<mergeCell\b[^>]*ref="([A-Z]+\d+):([A-Z]+\d+)"/g)) {
    const [a, b] = [cellAddress(m[1]!), cellAddress(m[2]!)];
    if (a && b) merges.push({ top: a[0], left: a[1], bottom: b[0], right: b[1] });
  }
  const marks = new Map<number, Map<number, CellMark>>();
  const mark = (ref: string, value: CellMark) => {
    const at = cellAddress(ref);
    if (!at) return;
    (marks.get(at[0]) ?? marks.set(at[0], new Map()).get(at[0])!).set(at[1], value);
  };
  // Only cells that hold an error type or a formula are looked at, so a large sheet is not scanned cell by cell.
  for (const m of xml.matchAll(/<c\b([^>]*?\st="e"[^>]*)>([\s\S]*?)<\/c>/g)) {
    const code = unescapeXml(/<v>([^<]*)<\/v>/.exec(m[2]!)?.[1] ?? '#ERROR');
    mark(attribute(m[1]!, 'r') ?? '', { level: 'error', message: `Excel shows the error ${code} in this cell: correct the formula in the workbook, or clear the cell` });
  }
  for (const m of xml.matchAll(/<c\b([^>]*)>(<f\b[^>]*(?:\/>|>([^<]*)<\/f>))(?:<is>[\s\S]*?<\/is>)?<\/c>/g)) {
    mark(attribute(m[1]!, 'r') ?? '', {
      level: 'error',
      message: `This cell holds a formula${m[3] ? ` (=${unescapeXml(m[3])})` : ''} saved without its result: open the workbook in Excel, let it calculate, and save it again`,
    });
  }
  return { hiddenColumns, hiddenRows, merges, marks };
}

/** Fills each vertically merged range down from its top cell (Excel keeps the value there only), marking the cells filled. */
function fillMerges(data: Cell[][], facts: SheetFacts): number {
  let filledRanges = 0;
  for (const range of facts.merges) {
    if (range.bottom <= range.top) continue;
    const top = data[range.top];
    if (!top) continue;
    filledRanges++;
    for (let r = range.top + 1; r <= range.bottom && r < data.length; r++) {
      for (let c = range.left; c <= range.right; c++) {
        const value = top[c] ?? null;
        if (value === null || (data[r]![c] ?? null) !== null) continue;
        data[r]![c] = value;
        const rowMarks = facts.marks.get(r) ?? facts.marks.set(r, new Map()).get(r)!;
        if (!rowMarks.has(c)) rowMarks.set(c, { level: 'warning', message: `Filled in from the merged cell above (row ${range.top + 1}): “${cellText(value)}”` });
      }
    }
  }
  return filledRanges;
}

export async function readXlsx(bytes: Uint8Array, choices: ReadChoices = {}): Promise<SheetTable> {
  const parts = checkWorkbookBounds(bytes);
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readExcelFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as { sheet: string; data: Cell[][] }[];
  } catch (error) {
    throw unreadable(`This workbook could not be read (${error instanceof Error ? error.message : String(error)}). Open it in Excel and save it again as .xlsx, or save the sheet as CSV.`);
  }
  const workbook = workbookSheets(parts);
  const sheetName = choices.sheet;
  const hasRows = (s: { data: Cell[][] }) => s.data.some((row) => filledUpTo3(row) > 0);
  // The sheet the workbook was saved on, as Excel would open it; failing that (it is empty), the first with rows.
  const chosen = sheetName ? sheets.find((s) => s.sheet === sheetName) : (sheets.find((s) => s.sheet === workbook.active && hasRows(s)) ?? sheets.find((s) => hasRows(s) && !workbook.sheets.find((w) => w.name === s.sheet)?.hidden) ?? sheets.find(hasRows));
  if (!chosen) throw unreadable(sheetName ? `The workbook has no sheet called “${sheetName}”.` : 'Every sheet in this workbook is empty.');
  const part = workbook.sheets.find((w) => w.name === chosen.sheet)?.part;
  const xml = part ? parts.get(part)?.toString('utf8') : undefined;
  const facts: SheetFacts = xml ? sheetFacts(xml) : { hiddenColumns: [], hiddenRows: 0, merges: [], marks: new Map() };
  const filledRanges = fillMerges(chosen.data, facts);
  // Error cells read as empty: the rows and columns holding them must exist, so their errors are reported.
  for (const [r, columns] of facts.marks) {
    const row = chosen.data[r] ?? (chosen.data[r] = []);
    for (const c of columns.keys()) while (row.length <= c) row.push(null);
  }
  for (let r = 0; r < chosen.data.length; r++) chosen.data[r] ??= [];
  const notes: string[] = [];
  if (filledRanges) notes.push(`${filledRanges} merged ${filledRanges === 1 ? 'range was' : 'ranges were'} filled down: each row of a merged cell gets its value (marked on the rows).`);
  if (facts.hiddenRows) notes.push(`${facts.hiddenRows.toLocaleString('en')} hidden ${facts.hiddenRows === 1 ? 'row is' : 'rows are'} read like the others.`);
  const table = toTable(
    recordsInMemory(chosen.data),
    {
      format: 'xlsx',
      encoding: null,
      delimiter: null,
      sheet: chosen.sheet,
      sheets: sheets.map((s) => s.sheet),
      hiddenColumns: [],
      hiddenSheets: workbook.sheets.filter((w) => w.hidden).map((w) => w.name),
      activeSheet: workbook.active,
      notes,
    },
    choices.headerLine,
    facts.marks,
  );
  table.hiddenColumns = facts.hiddenColumns.filter((c) => c < table.headers.length);
  if (table.hiddenColumns.length) notes.push(`Hidden in the sheet: ${table.hiddenColumns.map((c) => table.headers[c]).join(', ')}. Hidden columns are never matched automatically.`);
  return table;
}

/** Reads a CSV or XLSX file; the format comes from the content (an XLSX is a zip), not from the name. */
export async function readSheetFile(bytes: Uint8Array, fileName: string, choices: ReadChoices = {}, job?: ReadProgress): Promise<SheetTable> {
  if (bytes.length === 0) throw unreadable(`“${fileName}” is empty.`);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes, choices);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw unreadable(`“${fileName}” is an old-style Excel file (.xls). Open it in Excel and save it as .xlsx or CSV, then import that.`);
  }
  return readCsv(wholeBytes(bytes), choices, job);
}

/**
 * Reads an upload from its base64, as readSheetFile reads its bytes: a large CSV file is decoded a window at a time
 * as it is read; a workbook (read whole in any case), or base64 that is short or not plain, is decoded whole first.
 */
export async function readUpload(base64: string, fileName: string, choices: ReadChoices = {}, job: ReadProgress = NO_PROGRESS): Promise<SheetTable> {
  const source = await base64Source(base64, job);
  const head = source?.read(0, 4);
  if (!source || !head || ZIP_MAGIC.every((b, i) => head[i] === b) || (head[0] === 0xd0 && head[1] === 0xcf)) return readSheetFile(await bytesFromBase64(base64, job), fileName, choices, job);
  return readCsv(source, choices, job);
}
