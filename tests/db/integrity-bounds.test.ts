// What the register accepts is bounded so that no input can break it for good or exhaust its memory, and a missing
// record is called missing.
import { deflateRawSync } from 'node:zlib';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { checkWorkbookBounds, XLSX_LIMITS } from '../../db/io/read';
import { importFile, ok, serviceWithRegister, vendor } from './helpers';

/** A zip of the given parts (stored or deflated), with the sizes it declares, as an XLSX is. */
function zip(parts: { name: string; content: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = deflateRawSync(part.content);
    const name = Buffer.from(part.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(part.declaredSize ?? part.content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(part.declaredSize ?? part.content.length, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(entry, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const small = { unpackedBytes: 1024 * 1024, cells: 1_000, entries: 10 };

describe('workbook bounds', () => {
  it('stops a part that unpacks to more than allowed, even when it declares a small size', () => {
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(2 * 1024 * 1024, 0x20), declaredSize: 100 }]);
    expect(() => checkWorkbookBounds(bomb, small)).toThrow(/unpacks to more than 1 MB/);
  });

  it('counts the cells of every sheet', () => {
    const cells = Buffer.from(`<sheetData><row r="1">${'<c r="A1" t="n"><v>1</v></c>'.repeat(1_001)}</row></sheetData>`);
    expect(() => checkWorkbookBounds(zip([{ name: 'xl/worksheets/sheet1.xml', content: cells }]), small)).toThrow(/more than 1,000 cells/);
    expect(() => checkWorkbookBounds(zip([{ name: 'xl/sharedStrings.xml', content: cells }]), small)).not.toThrow();
  });

  it('lets a real workbook through, and refuses a zip bomb through imports.read with a clear message', async () => {
    const { service } = serviceWithRegister();
    const workbook = await writeExcelFile([[{ value: 'Vendor' }], [{ value: 'Acme' }]] as never).toBuffer();
    expect(() => checkWorkbookBounds(workbook)).not.toThrow();
    // 33 KB that unpacks to more than the limit (the reported attack used 33 MB).
    const bomb = zip([{ name: 'xl/worksheets/sheet1.xml', content: Buffer.alloc(XLSX_LIMITS.unpackedBytes + 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(importFile(service, 'bomb.xlsx', bomb, { entity: 'vendors' })).rejects.toThrow(/unpacks to more than 192 MB/);
  });
});

describe('review figures', () => {
  it('refuses figures nested thousands of levels deep, so the board keeps working', () => {
    const { service } = serviceWithRegister();
    const { id: vendorId } = ok<{ id: number }>(service, 'vendors.create', { vendor: vendor() });
    let deep: Record<string, unknown> = { hhi: 1 };
    for (let i = 0; i < 4_100; i++) deep = { nested: deep };
    const review = { vendorId, reviewDate: '2026-03-01', reviewer: 'Risk team', outcome: 'approve' };
    expect(service.call('reviews.save', { review: { ...review, metrics: deep } })).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/nested more than 8 levels/) } });
    expect(service.call('reviews.save', { review: { ...review, metrics: { big: 'x'.repeat(3_000) } } })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    ok(service, 'reviews.save', { review: { ...review, metrics: { before: { hhi: 1200, cr1: 0.3 }, after: { hhi: 1500, cr1: 0.35 }, names: ['A', 'B'] } } });
    expect(service.call('board.summary', {})).toMatchObject({ ok: true });
  });
});

describe('a record that is not there', () => {
  it.each([
    ['vendors.usage', { id: 999 }],
    ['holdings.list', { vendorId: 999 }],
    ['services.forVendor', { vendorId: 999 }],
    ['dependencies.forVendor', { vendorId: 999 }],
    ['contracts.list', { vendorId: 999 }],
    ['reviews.list', { vendorId: 999 }],
    ['imports.deleteMapping', { id: 999 }],
  ])('%s answers NOT_FOUND', (method, args) => {
    const { service } = serviceWithRegister();
    expect(service.call(method, args)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
