// Issue 16, item 5: what an import holds while it runs, kept small. The first line of each holding in a typed table
// (answering as a map of every holding would), register names matched exactly only where their keys collide, a
// vendors file counted row by row, and no portfolio scored inside the import.
import { describe, expect, it } from 'vitest';
import type { ImportReport, Snapshot, VendorPage } from '../../db/contract';
import { closeRegister, openRegister } from '../../db/connection';
import { holdingLines } from '../../db/io/import';
import { importFile, ok, serviceWithRegister } from './helpers';

describe('the first line of each holding', () => {
  it('answers as a map of every (vendor, category, country) would, through the table’s growth', () => {
    const lines = holdingLines();
    const reference = new Map<string, number>();
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed % n;
    };
    const countries = ['', 'AU', 'US', 'GB', 'IN'];
    let duplicates = 0;
    // Register vendors by id (some ids past 2^31), vendors not in the register by key; 40,000 rows, a fifth repeated.
    for (let line = 2; line < 40_002; line++) {
      const known = random(3) > 0;
      const vendor = random(4_000);
      const id = known ? (vendor % 7 === 0 ? 3_000_000_000 + vendor : vendor + 1) : undefined;
      const key = known ? `k${vendor}` : `unknown ${vendor}`;
      const category = random(8);
      const country = countries[random(countries.length)]!;
      const identity = `${id ?? key}|${category}|${country}`;
      const expected = reference.get(identity) ?? null;
      if (expected === null) reference.set(identity, line);
      else duplicates++;
      expect(lines(key, id, category, country, line)).toBe(expected);
    }
    expect(duplicates).toBeGreaterThan(2_000);
    expect(reference.size).toBeGreaterThan(30_000);
  });

  it('reports a holding repeated thousands of rows later at its first row', async () => {
    const { service } = serviceWithRegister();
    const vendors = Array.from({ length: 3_000 }, (_, i) => `Vendor ${i}`);
    const created = await importFile(service, 'vendors.csv', ['Vendor name', ...vendors].join('\n'), { entity: 'vendors' });
    expect(created.report.created).toBe(3_000);
    const rows = vendors.flatMap((name) => [`${name},Email address,10,AU`, `${name},Email address,10,US`]);
    rows.push('Vendor 7,email address,11,Australia');
    const { report } = await importFile(service, 'holdings.csv', ['Vendor,Data category,Records,Storage country', ...rows].join('\n'), { entity: 'holdings' });
    expect(report.committed).toBe(false);
    expect(report.issues.filter((i) => i.level === 'error')).toEqual([
      { line: 6_002, column: 'Data category', level: 'error', message: 'The same vendor, category and storage country as row 16: keep one row per holding' },
    ]);
  });
});

describe('register names', () => {
  it('are matched exactly where two differ only in case, punctuation or suffix, and by their keys otherwise', async () => {
    const { service, file } = serviceWithRegister();
    service.close();
    // Two vendors whose names differ only in case and suffix (as an older register may hold), and a third.
    const { db } = openRegister(file);
    const now = new Date().toISOString();
    for (const name of ['Acme Pty Ltd', 'ACME', 'Beta Services']) db.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'crm', 'active', 2, ?, ?)").run(name, now, now);
    closeRegister(db);
    service.open(file);
    const ids = Object.fromEntries(ok<VendorPage>(service, 'vendors.list', { limit: 10 }).rows.map((r) => [r.name, r.id]));
    expect(Object.keys(ids).sort()).toEqual(['ACME', 'Acme Pty Ltd', 'Beta Services']);
    const { report } = await importFile(service, 'holdings.csv', 'Vendor,Data category,Records\nacme,Name,1\nACME PTY LTD,Name,2\nbeta services ltd,Name,3', { entity: 'holdings' });
    expect(report).toMatchObject({ committed: true, created: 3 });
    const held = (id: number) => ok<{ rows: { records: number }[] }>(service, 'holdings.list', { vendorId: id }).rows.map((h) => h.records);
    expect([held(ids.ACME!), held(ids['Acme Pty Ltd']!), held(ids['Beta Services']!)]).toEqual([[1], [2], [3]]);
  });
});

describe('a vendors file', () => {
  it('is counted in file order, its rows naming a parent or a supplier waiting for the checks of the whole file', async () => {
    const { service } = serviceWithRegister();
    const rows = ['Vendor name,Ultimate parent,Depends on', 'Alpha,,', 'Bravo,Charlie,', 'Charlie,Delta,', 'Delta,,', 'Echo,,Foxtrot', 'Foxtrot,,Echo', 'Golf,,Bad amount'];
    const { report } = await importFile(service, 'vendors.csv', rows.join('\n'), { entity: 'vendors' });
    expect(report.committed).toBe(false);
    expect(report.issues.map((i) => [i.line, i.level, i.column])).toEqual([
      [3, 'error', 'Ultimate parent'],
      [4, 'error', 'Ultimate parent'],
      [6, 'error', 'Depends on'],
      [7, 'error', 'Depends on'],
      [8, 'error', 'Depends on'],
    ]);
    expect(report.preview.map((p) => [p.line, p.action])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
      [5, 'create'],
      [6, 'error'],
      [7, 'error'],
      [8, 'error'],
    ]);
  });
});

describe('an import', () => {
  it('scores no portfolio itself: the daily snapshot is left to the service, after it', async () => {
    const { service } = serviceWithRegister();
    const { report } = await importFile(service, 'vendors.csv', 'Vendor name\nAlpha\nBravo', { entity: 'vendors' });
    expect((report as ImportReport).committed).toBe(true);
    expect(ok<Snapshot[]>(service, 'snapshots.list', {})).toEqual([]);
  });
});
