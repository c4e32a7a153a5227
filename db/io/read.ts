// Turning an uploaded file into a header and rows: CSV (any common delimiter and encoding) or XLSX.
import Papa from 'papaparse';
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

export async function readXlsx(bytes: Uint8Array, sheetName?: string | null): Promise<SheetTable> {
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
