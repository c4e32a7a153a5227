// Issue 16, item 5: an import is streamed. A large file is read a window at a time, so calls made meanwhile are
// answered before the read ends (proven by the order of answers, not by timing); the windows' seams lose or change
// nothing (quoted line breaks, multi-byte characters and CRLF cut at a seam); and once a file is imported, nothing
// of it is kept but the report.
import Papa from 'papaparse';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ImportFile, ImportReport, JobStatus, VendorPage } from '../../db/contract';
import { readSheetFile } from '../../db/io/read';
import { detectDateOrder, detectDecimal } from '../../db/io/values';
import { importFile, job, ok, serviceWithRegister } from './helpers';

const service = () => serviceWithRegister().service;

/** A vendors file of `n` rows, a little over 40 bytes each (so 60,000 rows span a few of the reader's 1 MB windows). */
const vendorsCsv = (n: number) => ['Vendor name,Status,Annual spend,Spend currency', ...Array.from({ length: n }, (_, i) => `Supplier number ${i},active,"${(i * 37).toLocaleString('en')}",AUD`)].join('\n');

describe('a large file is read in windows', () => {
  it('answers a register page asked for while the file is being read, before the read ends', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: { name: 'Already here', serviceType: 'crm', tier: 2 } });
    const { jobId } = ok<{ jobId: string }>(service, 'imports.read', { fileName: 'big.csv', base64: Buffer.from(vendorsCsv(60_000)).toString('base64') });
    const answeredMidRead: { done: number; total: number }[] = [];
    let status: JobStatus;
    do {
      await new Promise((resolve) => setImmediate(resolve));
      status = ok<JobStatus>(service, 'jobs.status', { jobId });
      const page = ok<VendorPage>(service, 'vendors.list', { limit: 50 });
      expect(page.rows.map((r) => r.name)).toEqual(['Already here']);
      // A page answered while the read had begun and not yet ended: part of the file read, part still to come.
      if (status.state === 'running' && status.phase === 'Reading the file' && status.done > 0 && status.done < status.total) answeredMidRead.push({ done: status.done, total: status.total });
    } while (status.state === 'running');
    expect(status.state).toBe('done');
    expect(answeredMidRead.length).toBeGreaterThan(1);
    expect((status.result as ImportFile).rowCount).toBe(60_000);
  });

  it('detects the date order and the decimal mark in one pass over slices, as each detector over every cell at once', async () => {
    // Evidence past the first slice of rows (2,000), and a conflict for one detector only: the other reads on.
    const row = (i: number) => {
      const review = i === 2_100 ? '25/04/2027' : i === 2_300 ? '04/25/2027' : '2027-04-01';
      const spend = i === 5_500 ? '12,5' : '1.250';
      return `Supplier ${i},active,"${spend}",EUR,${review}`;
    };
    const rows = Array.from({ length: 6_000 }, (_, i) => row(i));
    const { file } = await importFile(service(), 'formats.csv', ['Vendor name,Status,Annual spend,Spend currency,Next review due', ...rows].join('\n'), { entity: 'vendors' }, 'check');
    const column = (k: number) => rows.map((r) => Papa.parse<string[]>(r).data[0]![k]!);
    expect(file.dateOrder).toEqual(detectDateOrder(column(4)));
    expect(file.dateOrder.conflict).toBe(true);
    expect(file.decimal).toEqual(detectDecimal(column(2)));
    expect(file.decimal).toMatchObject({ decimal: 'comma', evidence: '12,5' });
  });

  it('reads rows cut at a window’s seam exactly as one parse of the whole file does', async () => {
    // Long rows with quoted line breaks, quotes, multi-byte characters and CRLF endings: over 2 MB, so the seams of
    // the 1 MB windows fall inside rows, inside quoted cells and inside characters.
    const rows = Array.from({ length: 9_000 }, (_, i) => [`Vendor ${i} — Ŝöñ ✓ 漢字`, `"Line one\r\nline two of ${i}, with ""quotes"""`, `${'x'.repeat(i % 300)}€`, String(i)]);
    const text = ['Vendor name,Notes,Owner,Tier', ...rows.map((r) => r.join(','))].join('\r\n');
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    const whole = Papa.parse<string[]>(text, { skipEmptyLines: false }).data;
    for (const bytes of [Buffer.from(text, 'utf8'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]), Buffer.from(`\ufeff${text}`, 'utf16le')]) {
      const table = await readSheetFile(bytes, 'seams.csv');
      expect(table.rows.count).toBe(whole.length - 1);
      const read = table.rows.slice(0, table.rows.count);
      expect(read.map((r) => r.cells)).toEqual(whole.slice(1));
      expect(read.map((r) => r.line)).toEqual(whole.slice(1).map((_, i) => i + 2));
    }
    // Windows-1252, one byte per character: the seams fall between rows and inside quoted cells.
    const latin = rows.map((r) => [`Vendor ${r[3]} – Söhne €`, r[1], r[2], r[3]].join(','));
    const latinText = ['Vendor name,Notes,Owner,Tier', ...latin].join('\r\n');
    const table = await readSheetFile(iconv.encode(latinText, 'windows-1252'), 'seams-1252.csv');
    expect(table.encoding).toBe('Windows-1252');
    expect(table.rows.slice(0, table.rows.count).map((r) => r.cells)).toEqual(Papa.parse<string[]>(latinText).data.slice(1));
  });

  it('says which row a quote left open begins on, in a window after the first', async () => {
    const csv = `${vendorsCsv(60_000)}\nBroken "vendor,active,1,AUD\nSupplier after,active,2,AUD\n"never closed,active,3,AUD\nLast,active,4,AUD`;
    await expect(readSheetFile(Buffer.from(csv), 'broken.csv')).rejects.toThrow(`unclosed quote near row ${Papa.parse(csv).errors.find((e) => e.type === 'Quotes')!.row! + 1}`);
  });
});

describe('once a file is imported', () => {
  it('keeps nothing of it but the report; a file refused for its errors stays, to be imported again', async () => {
    const { service } = serviceWithRegister();
    const refused = await importFile(service, 'refused.csv', 'Vendor name,Annual spend,Spend currency\nGood,1,AUD\nBad,-1,AUD', { entity: 'vendors' });
    expect(refused.report.committed).toBe(false);
    const retried = await job<ImportReport>(service, 'imports.commit', { fileId: refused.file.fileId, options: { entity: 'vendors', mapping: refused.file.suggestedMappings.vendors, skipErrors: true } });
    expect(retried).toMatchObject({ committed: true, created: 1, skipped: 1 });
    for (const method of ['imports.check', 'imports.commit']) {
      expect(service.call(method, { fileId: refused.file.fileId, options: { entity: 'vendors', mapping: refused.file.suggestedMappings.vendors } })).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND', message: 'The file is no longer loaded. Choose it again.' },
      });
    }
  });
});

describe('the preview of a large vendors file', () => {
  it('shows the values of its error rows, those found once every row is read too, and of its first good rows', async () => {
    const { service } = serviceWithRegister();
    const parentOf = new Map([
      [1_000, 'Vendor 1001'],
      [1_001, 'Vendor 1002'],
    ]);
    const csv = ['Vendor name,Ultimate parent,Annual spend,Spend currency', ...Array.from({ length: 1_200 }, (_, i) => `Vendor ${i},${parentOf.get(i) ?? ''},${i === 1_100 ? -1 : i},AUD`)].join('\n');
    const { report } = await importFile(service, 'many.csv', csv, { entity: 'vendors' }, 'check');
    expect(report.withErrors).toBe(3);
    const byLine = new Map(report.preview.map((row) => [row.line, row]));
    // Errors found row by row (a negative spend) and once every row was read (a parent that heads a group).
    for (const i of [1_000, 1_001, 1_100]) expect(byLine.get(i + 2)).toMatchObject({ action: 'error', values: { name: `Vendor ${i}` } });
    // The preview holds 500 rows: the errors, then the first good rows.
    const good = report.preview.filter((row) => row.action !== 'error');
    expect(good.map((row) => row.values.name)).toEqual(Array.from({ length: 497 }, (_, i) => `Vendor ${i}`));
  });
});
