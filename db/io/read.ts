// Turning an uploaded file into a header and rows: CSV (any common delimiter and encoding) or XLSX.
import Papa from 'papaparse';
import { inflateRawSync } from 'node:zlib';
import readExcelFile from 'read-excel-file/node';
import { ApiError, type SheetShape } from '../contract';
import { cellText, type Cell } from './values';

export interface SheetRow {
  /** The row number a spreadsheet would show (the header is row 1 of the table). */
  line: number;
  cells: Cell[];
}

export interface SheetTable extends SheetShape {
  rows: SheetRow[];
}

/** A file that cannot be read as a table: said to the user as a validation error. */
const unreadable = (message: string) => new ApiError('VALIDATION', message);

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), otherwise Windows-1252. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8 (with BOM)' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'Windows-1252' };
  }
}

function isBlank(cells: Cell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
}

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

function toTable(rows: Cell[][], base: Omit<SheetTable, 'headers' | 'rows' | 'blankRows'>): SheetTable {
  const headerIndex = rows.findIndex((cells) => !isBlank(cells));
  if (headerIndex < 0) throw unreadable('The file has no rows: it is empty or holds only blank lines.');
  const headers = tidyHeaders(rows[headerIndex]!);
  const out: SheetRow[] = [];
  let blankRows = 0;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const cells = rows[i]!;
    if (isBlank(cells)) {
      blankRows++;
      continue;
    }
    out.push({ line: i + 1, cells });
  }
  return { ...base, headers, rows: out, blankRows };
}

export function readCsv(bytes: Uint8Array): SheetTable {
  const { text, encoding } = decodeText(bytes);
  if (text.includes('\u0000')) throw unreadable('This file is not text (it holds binary data). Choose a CSV file or an Excel workbook (.xlsx).');
  const result = Papa.parse<string[]>(text, { delimiter: '', delimitersToGuess: [',', ';', '\t', '|'], skipEmptyLines: false });
  const broken = result.errors.find((e) => e.type === 'Quotes');
  if (broken) throw unreadable(`The file has an unclosed quote near row ${(broken.row ?? 0) + 1}: a quoted value never ends, so the rows after it cannot be told apart.`);
  return toTable(result.data, { format: 'csv', encoding, delimiter: result.meta.delimiter, sheet: null, sheets: [] });
}

/** What a workbook may unpack to: a few hundred thousand rows fit easily; a zip bomb does not. */
export const XLSX_LIMITS = { unpackedBytes: 192 * 1024 * 1024, cells: 4_000_000, entries: 2_000 } as const;

const MB = 1024 * 1024;

/**
 * Checks a workbook before it is parsed: walks the zip's central directory, unpacks each entry with a cap on the bytes
 * still allowed (so a part that lies about its size is stopped, too) and counts the cells of its sheets.
 */
export function checkWorkbookBounds(bytes: Uint8Array, limits: { unpackedBytes: number; cells: number; entries: number } = XLSX_LIMITS): void {
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
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
      for (let at = unpacked.indexOf('<c '); at >= 0; at = unpacked.indexOf('<c ', at + 3)) {
        if (++cells > limits.cells) {
          throw unreadable(`This workbook has more than ${limits.cells.toLocaleString('en')} cells, more than an import can hold. Split it into smaller workbooks, or save the sheet as CSV.`);
        }
      }
    }
  }
}

export async function readXlsx(bytes: Uint8Array, sheetName?: string | null): Promise<SheetTable> {
  checkWorkbookBounds(bytes);
  let sheets: { sheet: string; data: Cell[][] }[];
  try {
    sheets = (await readExcelFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) as { sheet: string; data: Cell[][] }[];
  } catch (error) {
    throw unreadable(`This workbook could not be read (${error instanceof Error ? error.message : String(error)}). Open it in Excel and save it again as .xlsx, or save the sheet as CSV.`);
  }
  const chosen = sheetName ? sheets.find((s) => s.sheet === sheetName) : sheets.find((s) => s.data.some((row) => !isBlank(row)));
  if (!chosen) throw unreadable(sheetName ? `The workbook has no sheet called “${sheetName}”.` : 'Every sheet in this workbook is empty.');
  return toTable(chosen.data, { format: 'xlsx', encoding: null, delimiter: null, sheet: chosen.sheet, sheets: sheets.map((s) => s.sheet) });
}

/** Reads a CSV or XLSX file; the format comes from the content (an XLSX is a zip), not from the name. */
export async function readSheetFile(bytes: Uint8Array, fileName: string, sheet?: string | null): Promise<SheetTable> {
  if (bytes.length === 0) throw unreadable(`“${fileName}” is empty.`);
  if (ZIP_MAGIC.every((b, i) => bytes[i] === b)) return readXlsx(bytes, sheet);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf) {
    throw unreadable(`“${fileName}” is an old-style Excel file (.xls). Open it in Excel and save it as .xlsx or CSV, then import that.`);
  }
  return readCsv(bytes);
}
