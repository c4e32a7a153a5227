// Turning an uploaded file into a header and rows: CSV (any common delimiter and encoding) or XLSX.
import Papa from 'papaparse';
import { inflateRawSync } from 'node:zlib';
import readExcelFile from 'read-excel-file/node';
import iconv from 'iconv-lite';
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

export interface SheetTable extends SheetShape {
  rows: SheetRow[];
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

/**
 * UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), otherwise Windows-1252 — decoded by
 * iconv-lite, since Node's TextDecoder without full ICU reads "windows-1252" as Latin-1 (’ € ™ become C1 controls).
 */
export function decodeText(bytes: Uint8Array, chosen?: ImportEncoding | null): { text: string; encoding: string } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (chosen) {
    const bom = chosen === 'utf-8' && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : chosen === 'utf-16le' && buffer[0] === 0xff && buffer[1] === 0xfe ? 2 : 0;
    return { text: iconv.decode(buffer.subarray(bom), chosen), encoding: `${ENCODING_NAMES[chosen]} (chosen)` };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (with BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: iconv.decode(buffer, 'windows-1252'), encoding: 'Windows-1252' };
  }
}

const C1 = /[\u0080-\u009f]/g;

/** C1 control characters are invisible and never typed: text holding them was decoded with the wrong encoding. */
export function controlCharacters(text: string): string[] {
  return [...new Set(text.match(C1) ?? [])].map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
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
 */
export function guessHeaderIndex(rows: Cell[][]): number {
  const top = rows.slice(0, 60);
  const widest = Math.max(0, ...top.map(filled));
  const index = top.findIndex((cells) => {
    const n = filled(cells);
    return n >= Math.max(2, Math.ceil(widest / 2)) && cells.every((cell) => cell === null || (typeof cell === 'string' && !/^[\d\s.,$€£%()-]+$/.test(cell.trim())));
  });
  return index >= 0 ? index : rows.findIndex((cells) => !isBlank(cells));
}

const TOTAL = /^(grand\s+|sub-?\s*)?totals?\b|^sum\b|^gesamt|^summe\b|^totaal\b/i;
const NOTE = /^(\*|†|note\b|notes\b|source\b|sources\b|footnote|disclaimer|prepared by|exported\b|generated\b|confidential)/i;

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

function toTable(rows: Cell[][], base: Omit<SheetTable, 'headers' | 'rows' | 'blankRows' | 'headerLine' | 'oddRows'>, headerLine?: number | null, marks?: Map<number, Map<number, CellMark>>): SheetTable {
  if (!rows.some((cells) => !isBlank(cells))) throw unreadable('The file has no rows: it is empty or holds only blank lines.');
  let headerIndex: number;
  if (headerLine != null) {
    headerIndex = headerLine - 1;
    if (!rows[headerIndex] || isBlank(rows[headerIndex]!)) throw unreadable(`Row ${headerLine} is ${rows[headerIndex] ? 'blank' : 'past the end of the file'}: choose the row that holds the column headers.`);
  } else headerIndex = guessHeaderIndex(rows);
  const headers = tidyHeaders(rows[headerIndex]!);
  const oddRows: SheetTable['oddRows'] = [];
  for (let i = 0; i < headerIndex; i++) if (!isBlank(rows[i]!)) oddRows.push({ line: i + 1, kind: 'title', text: rows[i]!.map(cellText).filter(Boolean).join(' · ') });
  // Dense: of the rows below the headers that fill more than one cell (totals aside), four in five fill three or more.
  const records = rows.slice(headerIndex + 1).filter((cells) => filled(cells) > 1 && !TOTAL.test(cells.map(cellText).find(Boolean) ?? ''));
  const dense = records.filter((cells) => filled(cells) >= 3).length >= 0.8 * records.length;
  let lastRecord = rows.length - 1;
  while (lastRecord > headerIndex && (isBlank(rows[lastRecord]!) || oddKind(rows[lastRecord]!, headers.length, true, dense))) lastRecord--;
  const out: SheetRow[] = [];
  let blankRows = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (isBlank(cells) && !marks?.has(i)) {
      blankRows++;
      continue;
    }
    const row: SheetRow = { line: i + 1, cells };
    const rowMarks = marks?.get(i);
    if (rowMarks) row.marks = rowMarks;
    const odd = oddKind(cells, headers.length, i > lastRecord, dense);
    if (odd) {
      row.odd = odd;
      oddRows.push({ line: i + 1, kind: odd, text: cells.map(cellText).filter(Boolean).join(' · ') });
    }
    out.push(row);
  }
  return { ...base, headers, rows: out, blankRows, headerLine: headerIndex + 1, oddRows };
}

export function readCsv(bytes: Uint8Array, choices: ReadChoices = {}): SheetTable {
  const { text, encoding } = decodeText(bytes, choices.encoding);
  if (text.includes('\u0000')) throw unreadable('This file is not text (it holds binary data). Choose a CSV file or an Excel workbook (.xlsx).');
  const result = Papa.parse<string[]>(text, { delimiter: choices.delimiter ?? '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: false });
  const broken = result.errors.find((e) => e.type === 'Quotes');
  if (broken) throw unreadable(`The file has an unclosed quote near row ${(broken.row ?? 0) + 1}: a quoted value never ends, so the rows after it cannot be told apart.`);
  const notes: string[] = [];
  const controls = controlCharacters(text);
  if (controls.length) {
    notes.push(`The text holds invisible control characters (${controls.slice(0, 5).join(', ')}): the file is probably in another encoding than ${encoding}. Choose its encoding, or check the cells warned about.`);
  }
  return toTable(result.data, { format: 'csv', encoding, delimiter: result.meta.delimiter, sheet: null, sheets: [], hiddenColumns: [], hiddenSheets: [], activeSheet: null, notes }, choices.headerLine);
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
  const hasRows = (s: { data: Cell[][] }) => s.data.some((row) => !isBlank(row));
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
    chosen.data,
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
export async function readSheetFile(bytes: Uint8Array, fileName: string, choices: ReadChoices = {}): Promise<SheetTable> {
  if (bytes.length === 0) throw unreadable(`“${fileName}” is empty.`);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes, choices);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw unreadable(`“${fileName}” is an old-style Excel file (.xls). Open it in Excel and save it as .xlsx or CSV, then import that.`);
  }
  return readCsv(bytes, choices);
}
