// Issue 14, "nothing lost without a word": each case reads a fixture file under tests/fixtures/import/ through the
// service, as the Import screen does, and checks every value that lands.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupList, Contract, ExportedFile, HoldingList, Incident, ImportFile, ImportOptions, ImportReport, SavedMapping, Service, Vendor, VendorPage } from '../../db/contract';
import { importReportCsv } from '../../db/shared/import-report';
import { importFile, job, ok, serviceWithRegister, vendor } from './helpers';

type Service_ = ReturnType<typeof serviceWithRegister>['service'];
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, '../fixtures/import', name));
const importFixture = (service: Service_, name: string, options: Partial<ImportOptions> & { entity: ImportOptions['entity'] }, step: 'check' | 'commit' = 'commit') =>
  importFile(service, name, fixture(name), options, step);
const vendors = (service: Service_) => ok<VendorPage>(service, 'vendors.list', { limit: 100 }).rows;
const byName = (service: Service_, name: string) => {
  const row = vendors(service).find((r) => r.name === name);
  if (!row) throw new Error(`${name} not found among ${vendors(service).map((v) => v.name).join(', ')}`);
  return ok<Vendor>(service, 'vendors.get', { id: row.id });
};
const holdings = (service: Service_, name: string) =>
  ok<HoldingList>(service, 'holdings.list', { vendorId: byName(service, name).id }).rows.map((h) => [h.categoryCode, h.records, h.storageCountry, h.encrypted, h.notes]);

describe('1. re-importing keeps what the file does not give', () => {
  it('keeps every field of an incident the second file leaves out', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    const first = await importFixture(service, 'item01-incidents-full.csv', { entity: 'incidents' });
    expect(first.report).toMatchObject({ committed: true, created: 1 });
    const [before] = ok<Incident[]>(service, 'incidents.list', {});
    const second = await importFixture(service, 'item01-incidents-partial.csv', { entity: 'incidents' });
    expect(second.report).toMatchObject({ committed: true, created: 0, updated: 1 });
    expect(second.report.issues).toEqual([]);
    const [after] = ok<Incident[]>(service, 'incidents.list', {});
    expect(after).toMatchObject({
      title: 'Contact centre platform breach',
      kind: 'cyberattack',
      status: 'contained',
      occurredFrom: '2025-06-30',
      vendorDetected: '2025-07-01',
      weWereTold: '2025-07-02T09:30',
      contained: '2025-07-03',
      recordsAffected: 6_000_000,
      categoryLabels: ['Name', 'Email address'],
      regulators: ['OAIC', 'ACSC'],
      sourceUrl: 'https://example.com/breach',
      description: 'Unusual activity on the platform',
    });
    expect({ ...after, recordsAffected: 5_700_000, clocks: null }).toEqual({ ...before, clocks: null });
  });

  it('keeps the holding’s and the service’s fields the file leaves empty', async () => {
    const { service } = serviceWithRegister();
    const skyline = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    const email = ok<{ id: number; code: string }[]>(service, 'categories.list', {}).find((c) => c.code === 'email')!;
    ok(service, 'holdings.save', { holding: { vendorId: skyline.id, categoryId: email.id, records: 5_700_000, storageCountry: 'PH', encrypted: true, tokenised: false, notes: 'Contact centre CRM' } });
    const holdingsImport = await importFixture(service, 'item01-holdings-partial.csv', { entity: 'holdings' });
    expect(holdingsImport.report).toMatchObject({ committed: true, updated: 1 });
    expect(holdings(service, 'Skyline Contact Solutions')).toEqual([['email', 6_000_000, 'PH', true, 'Contact centre CRM']]);

    ok(service, 'services.save', { service: { name: 'Customer servicing', criticality: 'critical', description: 'Calls and chat' } });
    const servicesImport = await importFixture(service, 'item01-services-partial.csv', { entity: 'services' });
    expect(servicesImport.report).toMatchObject({ committed: true, withErrors: 0 });
    const [customer] = ok<Service[]>(service, 'services.list', {});
    expect(customer).toMatchObject({ name: 'Customer servicing', criticality: 'critical', description: 'Calls and chat' });
    expect(customer!.vendors.map((v) => [v.vendorName, v.reliance])).toEqual([['Skyline Contact Solutions', 'full']]);
  });
});

describe('2. Windows-1252 text keeps its punctuation', () => {
  it('decodes smart quotes, dashes, €, ™, Š and Œ', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item02-windows-1252.csv', { entity: 'vendors' });
    expect(file).toMatchObject({ encoding: 'Windows-1252', delimiter: ';', notes: [] });
    expect(report).toMatchObject({ committed: true, created: 2, warningCount: 0 });
    expect(byName(service, 'O’Neill Partners')).toMatchObject({ legalName: 'O’Neill & Söhne – Beratung GmbH', notes: 'Fees in € — “premium”™' });
    expect(byName(service, 'Škoda Digital')).toMatchObject({ legalName: 'ŠKODA DIGITAL s.r.o.', notes: 'Œuvre notes' });
  });

  it('warns when text holds C1 control characters, in the file’s notes and on the row', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item02-c1-controls.csv', { entity: 'vendors' }, 'check');
    expect(file.notes.join(' ')).toMatch(/invisible control characters \(U\+0092\)/);
    expect(report.issues).toEqual([expect.objectContaining({ line: 2, column: 'Vendor', level: 'warning', message: expect.stringMatching(/U\+0092.*encoding/) })]);
    expect(report.warningCount).toBe(1);
  });
});

describe('3. titles, totals, notes and group headers are not records', () => {
  it('finds the header row and leaves out the rows that are not records, saying which', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item03-title-totals.csv', { entity: 'vendors' });
    expect(file.headerLine).toBe(3);
    expect(file.headers).toEqual(['Vendor', 'Tier', 'Annual spend', 'HQ country', 'Currency']);
    expect(file.oddRows.map((r) => [r.line, r.kind])).toEqual([
      [1, 'title'],
      [4, 'group'],
      [7, 'group'],
      [9, 'total'],
      [10, 'note'],
      [11, 'note'],
    ]);
    expect(file.samples.map((r) => r[0])).toEqual(['Stratus Cloud', 'Nimbus Hosting', 'Frontline Contact']);
    expect(report).toMatchObject({ committed: true, created: 3, rows: 3 });
    expect(report.leftOut.map((r) => [r.line, r.kind, r.text])).toEqual([
      [4, 'group', 'Cloud providers'],
      [7, 'group', 'Contact centres'],
      [9, 'total', 'Total · 3,500,000'],
      [10, 'note', '* Spend in AUD excluding GST'],
      [11, 'note', 'Source: procurement system'],
    ]);
    expect(vendors(service).map((v) => v.name)).toEqual(['Frontline Contact', 'Nimbus Hosting', 'Stratus Cloud']);
    expect(byName(service, 'Stratus Cloud')).toMatchObject({ tier: 1, annualSpend: 1_200_000, hqCountry: 'AU' });
    expect(byName(service, 'Nimbus Hosting')).toMatchObject({ tier: 2, annualSpend: 300_000, hqCountry: 'SG' });
    expect(byName(service, 'Frontline Contact')).toMatchObject({ tier: 1, annualSpend: 2_000_000, hqCountry: 'PH' });
  });

  it('keeps a row the user chooses to keep, and reads another header row when asked', async () => {
    const { service } = serviceWithRegister();
    const kept = await importFixture(service, 'item03-title-totals.csv', { entity: 'vendors', leaveOut: [9, 10, 11] }, 'check');
    expect(kept.report.rows).toBe(5);
    expect(kept.report.leftOut.map((r) => r.line)).toEqual([9, 10, 11]);
  });
});

describe('4. hidden columns and contradicting units are never matched automatically', () => {
  it('matches the visible Tier and the annual spend, not the hidden legacy tier or the percentage', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item04-hidden-units.xlsx', { entity: 'vendors' });
    expect(file.hiddenColumns).toEqual([1]);
    expect(file.notes.join(' ')).toMatch(/Hidden in the sheet: Tier \(legacy\)/);
    expect(file.suggestedMappings.vendors).toMatchObject({ name: 0, tier: 2, annualSpend: 4 });
    expect(report).toMatchObject({ committed: true, created: 2 });
    expect(byName(service, 'Stratus Cloud')).toMatchObject({ tier: 1, annualSpend: 1_200_000 });
    expect(byName(service, 'Nimbus Hosting')).toMatchObject({ tier: 2, annualSpend: 300_000 });
  });

  it('leaves a percentage column unmatched when nothing else fits', async () => {
    const { service } = serviceWithRegister();
    const { file } = await importFixture(service, 'item04-percent-only.csv', { entity: 'vendors' }, 'check');
    expect(file.suggestedMappings.vendors.annualSpend).toBeNull();
    expect(file.suggestedMappings.holdings.records).toBeNull();
  });
});

describe('5. numbers as people write them', () => {
  it('reads number words, a currency in the cell (warning on a clash) and decimal commas', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item05-numbers.csv', { entity: 'vendors', decimal: 'comma' });
    expect(file.decimal).toEqual({ decimal: 'comma', evidence: '2,5 Mio', conflict: false });
    expect(report).toMatchObject({ committed: true, created: 6 });
    expect(report.issues).toEqual([
      expect.objectContaining({ line: 4, column: 'Annual spend', level: 'warning', message: expect.stringMatching(/“mil” read as million/) }),
      expect.objectContaining({ line: 5, column: 'Annual spend', level: 'warning', message: 'The spend cell says USD but the currency column says AUD: USD is kept' }),
    ]);
    const spend = (name: string) => {
      const v = byName(service, name);
      return [v.annualSpend, v.spendCurrency, v.people];
    };
    expect(spend('Alpha')).toEqual([1_000_000, 'AUD', 1_250]);
    expect(spend('Bravo')).toEqual([2_500_000, 'EUR', 2_000_000]);
    expect(spend('Charlie')).toEqual([5_000_000, 'AUD', null]);
    expect(spend('Delta')).toEqual([250_000, 'USD', 12]);
    expect(spend('Echo')).toEqual([1_250, 'AUD', null]);
    expect(spend('Foxtrot')).toEqual([1_234.56, 'EUR', null]);
  });
});

describe('6. Excel error cells and merged cells', () => {
  it('reports error cells and formulas without a result as errors, and fills merged cells down with a note', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item06-errors-merged.xlsx', { entity: 'vendors' });
    expect(file.notes.join(' ')).toMatch(/2 merged ranges were filled down/);
    expect(report.committed).toBe(false);
    const errors = report.issues.filter((i) => i.level === 'error').map((i) => [i.line, i.column, i.message]);
    expect(errors).toEqual([
      [3, 'Annual spend', 'Excel shows the error #VALUE! in this cell: correct the formula in the workbook, or clear the cell'],
      [4, 'Distinct people', 'Excel shows the error #N/A in this cell: correct the formula in the workbook, or clear the cell'],
      [5, 'Annual spend', 'This cell holds a formula (=SUM(D2:D4)) saved without its result: open the workbook in Excel, let it calculate, and save it again'],
    ]);
    const warnings = report.issues.filter((i) => i.level === 'warning').map((i) => [i.line, i.column, i.message]);
    expect(warnings).toEqual([
      [3, 'Service type', 'Filled in from the merged cell above (row 2): “Cloud hosting”'],
      [3, 'Owner', 'Filled in from the merged cell above (row 2): “Infrastructure”'],
      [4, 'Service type', 'Filled in from the merged cell above (row 2): “Cloud hosting”'],
    ]);

    const skipped = await importFixture(service, 'item06-errors-merged.xlsx', { entity: 'vendors', skipErrors: true });
    expect(skipped.report).toMatchObject({ committed: true, created: 2, skipped: 3 });
    expect(vendors(service).map((v) => v.name)).toEqual(['Chatter', 'Stratus Cloud']);
    expect(byName(service, 'Chatter')).toMatchObject({ serviceType: 'chat_messaging', owner: 'Digital', annualSpend: 400, people: 50 });
    expect(byName(service, 'Stratus Cloud')).toMatchObject({ serviceType: 'cloud_hosting', owner: 'Infrastructure', annualSpend: 100, people: 10 });
  });
});

describe('7. look-alike names are one vendor; lists split on commas; N/A is nothing', () => {
  it('matches names that differ in case, spaces, punctuation, quotes or legal suffix, and suggests close ones', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'T-Mobile' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Frontline Contact Pty Ltd' }) });
    const refused = await importFixture(service, 'item07-lookalike-holdings.csv', { entity: 'holdings' });
    expect(refused.report.committed).toBe(false);
    expect(refused.report.issues.filter((i) => i.level === 'error').map((i) => [i.line, i.message])).toEqual([
      [8, 'The vendor “Frontlne Contact Pty Ltd” is not in the register: add it first, or choose to create missing vendors. Did you mean “Frontline Contact Pty Ltd”? Choose it under “Did you mean”.'],
    ]);
    expect(refused.report.didYouMean).toEqual([{ name: 'Frontlne Contact Pty Ltd', candidates: ['Frontline Contact Pty Ltd'] }]);

    const { report } = await importFixture(service, 'item07-lookalike-holdings.csv', { entity: 'holdings', vendorAliases: { 'Frontlne Contact Pty Ltd': 'Frontline Contact Pty Ltd' } });
    expect(report).toMatchObject({ committed: true, created: 7, newVendors: [] });
    expect(vendors(service).map((v) => v.name)).toEqual(['Frontline Contact Pty Ltd', 'T-Mobile']);
    expect(holdings(service, 'T-Mobile').map(([code, people]) => [code, people])).toEqual([
      ['name', 100],
      ['email', 200],
    ]);
    expect(holdings(service, 'Frontline Contact Pty Ltd').map(([code, people]) => [code, people])).toEqual([
      ['name', 300],
      ['email', 400],
      ['phone', 500],
      ['date_of_birth', 600],
      ['loyalty', 700],
    ]);
  });

  it('splits suppliers on commas (not before a legal suffix) and treats N/A, None and - as no supplier', async () => {
    const { service } = serviceWithRegister();
    for (const name of ['Chatter', 'Stratus Cloud', 'Nimbus Hosting', 'Orbit Compute', 'Frontline Contact']) ok(service, 'vendors.create', { vendor: vendor({ name }) });
    const { report } = await importFixture(service, 'item07-suppliers.csv', { entity: 'vendors', unknownVendors: 'create' });
    expect(report).toMatchObject({ committed: true, updated: 0, unchanged: 5, newVendors: ['AWS', 'Twilio', 'Acme Services, Pty. Ltd.'] });
    const chain = (name: string) => ok<{ dependsOn: { supplierName: string }[] }>(service, 'dependencies.forVendor', { vendorId: byName(service, name).id }).dependsOn.map((d) => d.supplierName);
    expect(chain('Chatter')).toEqual(['AWS', 'Twilio']);
    expect(chain('Frontline Contact')).toEqual(['Acme Services, Pty. Ltd.', 'Twilio']);
    for (const name of ['Stratus Cloud', 'Nimbus Hosting', 'Orbit Compute']) expect(chain(name)).toEqual([]);
    expect(vendors(service).map((v) => v.name)).not.toEqual(expect.arrayContaining(['N/A', 'None', '-']));
  });
});

describe('8 and 10. defaults for unmapped fields, and the file’s own words for coded values', () => {
  it('lists each unmatched value once, then imports with a translation and a default status', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud' }) });
    const mapping = { vendor: 0, title: 8, kind: 5, occurredFrom: 4, recordsAffected: 3 };
    const first = await importFixture(service, 'item08-breaches.csv', { entity: 'incidents', mapping, dateOrder: 'mdy' }, 'check');
    expect(first.report.unmatchedValues).toEqual([
      {
        field: 'kind',
        values: [
          { value: 'Hacking/IT Incident', rows: 2 },
          { value: 'Theft', rows: 1 },
          { value: 'Unauthorized Access/Disclosure', rows: 1 },
        ],
      },
    ]);
    expect(first.report.causes.find((c) => c.column === 'Type of Breach')).toMatchObject({ level: 'error', count: 4 });
    const { report } = await importFixture(service, 'item08-breaches.csv', {
      entity: 'incidents',
      mapping: { ...mapping, title: 6, description: 8 },
      dateOrder: 'mdy',
      defaults: { status: 'Closed' },
      translate: { kind: { 'Hacking/IT Incident': 'Cyberattack', Theft: 'Other', 'Unauthorized Access/Disclosure': 'Misconfiguration' } },
    });
    expect(report).toMatchObject({ committed: true, created: 4, withErrors: 0 });
    expect(report.preview[0]!.values).toMatchObject({ status: 'closed', kind: 'cyberattack' });
    const incidents = ok<Incident[]>(service, 'incidents.list', {}).map((i) => [i.vendorName, i.title, i.kind, i.status, i.occurredFrom, i.recordsAffected, i.description]);
    expect(incidents).toEqual([
      ['Stratus Cloud', 'Email', 'cyberattack', 'closed', '2023-09-01', 50, null],
      ['Stratus Cloud', 'Email', 'misconfiguration', 'closed', '2023-08-20', 1_000, null],
      ['Skyline Contact Solutions', 'Laptop', 'other', 'closed', '2023-07-02', 800, null],
      ['Skyline Contact Solutions', 'Network Server', 'cyberattack', 'closed', '2023-06-15', 12_500, 'Ransomware at the contact centre platform'],
    ]);
  });
});

describe('15. sheets, encodings, delimiters, month-only dates', () => {
  it('opens the active sheet, marks hidden sheets, and reads “Sept 2022” as its first day with a warning', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item15-sheets-months.xlsx', { entity: 'vendors' });
    expect(file).toMatchObject({ sheet: 'Vendors', activeSheet: 'Vendors', sheets: ['Read me', 'Vendors', 'Old list'], hiddenSheets: ['Old list'] });
    expect(report).toMatchObject({ committed: true, created: 2 });
    expect(report.issues.map((i) => [i.line, i.level, i.message])).toEqual([
      [2, 'warning', '“Sept 2022” gives a month only: read as its first day (2022-09-01)'],
      [3, 'warning', '“March 2027” gives a month only: read as its first day (2027-03-01)'],
    ]);
    expect(byName(service, 'Stratus Cloud').nextReviewDue).toBe('2022-09-01');
    expect(byName(service, 'Nimbus Hosting').nextReviewDue).toBe('2027-03-01');
  });
});

describe('17. messages that say what is wrong', () => {
  it('says a title is too long, groups errors by cause and counts warnings', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud' }) });
    const { report } = await importFixture(service, 'item17-messages.csv', { entity: 'incidents' }, 'check');
    const errors = report.issues.filter((i) => i.level === 'error').map((i) => [i.line, i.column, i.message]);
    expect(errors[0]).toEqual([2, 'Title', 'Title is at most 300 characters; this one has 412']);
    expect(report.issues.some((i) => /No kind given/.test(i.message))).toBe(false);
    expect(report.causes.filter((c) => c.column === 'Kind')).toEqual([
      expect.objectContaining({ level: 'error', count: 3, cause: expect.stringMatching(/^“…” is not a kind/) }),
    ]);
    expect(report.unmatchedValues).toEqual([{ field: 'kind', values: [{ value: 'Spear-phishing', rows: 2 }, { value: 'Oops', rows: 1 }] }]);
  });
});

describe('16. undo this import', () => {
  const content = async (service: Service_) => {
    const file = await job<ExportedFile>(service, 'exports.json', {});
    const { tables } = JSON.parse(Buffer.from(file.base64, 'base64').toString('utf8')) as { tables: Record<string, unknown[]> };
    return tables;
  };

  it('brings the register back to its content before the import, while nothing else was written', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions', owner: 'Old owner' }) });
    const before = await content(service);
    const { report } = await importFixture(service, 'item16-undo.csv', { entity: 'vendors' });
    expect(report).toMatchObject({ committed: true, created: 2, updated: 1, undo: { backup: expect.stringMatching(/ before-import\.vrr$/) } });
    expect(ok<BackupList>(service, 'backups.list', {}).backups.map((b) => b.reason)).toContain('before-import');
    await job(service, 'imports.undo', report.undo);
    expect(await content(service)).toEqual(before);
    expect(vendors(service).map((v) => [v.name, v.owner])).toEqual([['Skyline Contact Solutions', 'Old owner']]);
  });

  it('refuses once something else was written, and says why', async () => {
    const { service } = serviceWithRegister();
    const { report } = await importFixture(service, 'item16-undo.csv', { entity: 'vendors' });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Written afterwards' }) });
    const refused = service.call('imports.undo', report.undo);
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringMatching(/changed after it/) } });
    expect(vendors(service)).toHaveLength(4);
  });

  it('takes no backup that lingers when nothing was imported', async () => {
    const { service } = serviceWithRegister();
    const { report } = await importFixture(service, 'item17-messages.csv', { entity: 'incidents' });
    expect(report).toMatchObject({ committed: false, undo: null });
    expect(ok<BackupList>(service, 'backups.list', {}).backups.filter((b) => b.reason === 'before-import')).toEqual([]);
  });
});

describe('9. the downloaded report', () => {
  it('is formula-neutralised, starts with a BOM, and says where and why its lists stop', async () => {
    const { service } = serviceWithRegister();
    const { report } = await importFixture(service, 'item09-report.csv', { entity: 'vendors' });
    expect(report).toMatchObject({ committed: false, rows: 2_101, withErrors: 2_101, issueCount: 2_101 });
    const csv = importReportCsv(report);
    expect(csv.startsWith('\uFEFF"File","item09-report.csv"\r\n')).toBe(true);
    expect(csv).toContain(`\r\n2,"skipped (errors)","'=HYPERLINK(""http://evil.example"",""Click"")"\r\n`);
    // No cell of the report starts a formula.
    expect(csv.match(/(^|,)"[=+\-@]/gm)).toBeNull();
    expect(csv).toContain('"This list stops at 2,000 of 2,101 problems (errors first): the check keeps that many to stay fast.');
    expect(csv).toContain('"This list stops at 500 of 2,101 rows (rows with errors first, then the first others)');
    expect(csv).toContain('"error","Tier",2101,"“…” is not a tier; use one of: Tier 1 · critical, Tier 2 · important, Tier 3 · standard"');
  });
});

describe('13. wide holdings', () => {
  it('recognises one column per data category and imports each cell as a holding', async () => {
    const { service } = serviceWithRegister();
    const bytes = fixture('item13-wide-holdings.xlsx');
    const vendorsSheet = await importFile(service, 'item13-wide-holdings.xlsx', bytes, { entity: 'vendors' });
    expect(vendorsSheet.file).toMatchObject({ sheet: 'Vendors', headerLine: 3, hiddenColumns: [2] });
    expect(vendorsSheet.report).toMatchObject({ committed: true, created: 3, leftOut: [expect.objectContaining({ line: 7, kind: 'total' })] });
    expect(vendors(service).map((v) => [v.name, v.tier, v.hqCountry])).toEqual([
      ['Chatter', 2, 'US'],
      ['Skyline Contact Solutions', 1, 'PH'],
      ['Stratus Cloud', 2, 'AU'],
    ]);

    const file = await job<ImportFile>(service, 'imports.read', { fileName: 'item13-wide-holdings.xlsx', base64: bytes.toString('base64'), sheet: 'Holdings' });
    expect(file.suggestedEntity).toBe('holdings');
    expect(file.wideHoldings).toEqual([
      { column: 1, category: 'name' },
      { column: 2, category: 'email' },
      { column: 3, category: 'phone' },
      { column: 4, category: 'date_of_birth' },
    ]);
    expect(file.suggestedMappings.holdings).toMatchObject({ vendor: 0, category: null, records: null, storageCountry: 5 });
    const report = await job<ImportReport>(service, 'imports.commit', { fileId: file.fileId, options: { entity: 'holdings', mapping: file.suggestedMappings.holdings, wide: file.wideHoldings } });
    expect(report).toMatchObject({ committed: true, created: 7, rows: 7, withErrors: 0, leftOut: [expect.objectContaining({ line: 5, kind: 'total' })] });
    expect(holdings(service, 'Skyline Contact Solutions')).toEqual([
      ['name', 6_000_000, 'PH', false, null],
      ['email', 5_700_000, 'PH', false, null],
      ['phone', 5_000_000, 'PH', false, null],
    ]);
    expect(holdings(service, 'Stratus Cloud')).toEqual([
      ['name', 2_000_000, 'AU', false, null],
      ['date_of_birth', 1_500_000, 'AU', false, null],
    ]);
    expect(holdings(service, 'Chatter')).toEqual([
      ['name', 800_000, 'US', false, null],
      ['email', 800_000, 'US', false, null],
    ]);
  });
});

describe('14. contracts', () => {
  it('imports reference, vendor, start, end, notice period, annual value and currency, checking each', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud' }) });
    const { file, report } = await importFixture(service, 'item14-contracts.csv', { entity: 'contracts', decimal: 'comma', skipErrors: true });
    expect(file.suggestedEntity).toBe('contracts');
    expect(file.suggestedMappings.contracts).toEqual({ vendor: 1, reference: 0, startDate: 2, endDate: 3, noticeDays: 4, annualValue: 5, currency: 6 });
    expect(report).toMatchObject({ committed: true, created: 3, skipped: 1 });
    expect(report.issues.map((i) => [i.line, i.column, i.level, i.message])).toEqual([
      [5, 'Expiry date', 'error', 'The end date cannot be before the start date'],
      [3, 'Annual contract value', 'warning', 'The value cell says USD but the currency column says AUD: USD is kept'],
    ]);
    const contracts = ok<Contract[]>(service, 'contracts.list', {}).map((c) => [c.vendorName, c.reference, c.startDate, c.endDate, c.noticeDays, c.annualValue, c.currency, c.noticeDeadline]);
    expect(contracts).toEqual([
      ['Skyline Contact Solutions', 'CT-0012', '2024-07-01', '2027-06-30', 90, 4_200_000, 'AUD', '2027-04-01'],
      ['Stratus Cloud', 'CT-0040', '2025-01-15', '2028-01-14', 60, 250_000, 'USD', '2027-11-15'],
      ['Stratus Cloud', 'CT-0041', '2025-03-01', null, 30, 1_200_000, 'EUR', null],
    ]);
  });

  it('imports its own export back, and an update keeps what the file leaves empty', async () => {
    const { service } = serviceWithRegister();
    const skyline = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'contracts.save', { contract: { vendorId: skyline.id, reference: 'CT-1', startDate: '2024-01-01', endDate: '2026-12-31', noticeDays: 90, annualValue: 1000, currency: 'AUD' } });
    const exported = await job<ExportedFile>(service, 'exports.table', { table: 'contracts', format: 'csv' });
    const again = await importFile(service, 'contracts.csv', Buffer.from(exported.base64, 'base64'), { entity: 'contracts' });
    expect(again.report).toMatchObject({ committed: true, created: 0, unchanged: 1 });
    const partial = await importFile(service, 'partial.csv', 'Vendor,Reference,Annual value\nSkyline Contact Solutions,ct-1,2000\n', { entity: 'contracts' });
    expect(partial.report).toMatchObject({ committed: true, updated: 1 });
    expect(ok<Contract[]>(service, 'contracts.list', {})[0]).toMatchObject({ reference: 'CT-1', startDate: '2024-01-01', endDate: '2026-12-31', noticeDays: 90, annualValue: 2000, currency: 'AUD' });
  });
});

describe('15. encoding and delimiter chosen by hand', () => {
  it('reads a Windows-1250 file with bars when told, after the guess got it wrong', async () => {
    const { service } = serviceWithRegister();
    const bytes = fixture('item15-pipe-1250.csv');
    const guessed = await job<ImportFile>(service, 'imports.read', { fileName: 'item15-pipe-1250.csv', base64: bytes.toString('base64') });
    // Two columns and two rows are too few for the guess: it takes commas, and Windows-1252 garbles Ł and ż.
    expect(guessed).toMatchObject({ encoding: 'Windows-1252', delimiter: ',', headers: ['Vendor|Notes'] });
    expect(guessed.samples[0]![0]).not.toContain('Łódź');
    const chosen = await job<ImportFile>(service, 'imports.read', { fileName: 'item15-pipe-1250.csv', base64: bytes.toString('base64'), encoding: 'windows-1250', delimiter: '|' });
    expect(chosen).toMatchObject({ encoding: 'Windows-1250 (chosen)', delimiter: '|', headers: ['Vendor', 'Notes'] });
    const report = await job<ImportReport>(service, 'imports.commit', { fileId: chosen.fileId, options: { entity: 'vendors', mapping: chosen.suggestedMappings.vendors } });
    expect(report).toMatchObject({ committed: true, created: 1 });
    expect(byName(service, 'Łódź Logistics').notes).toBe('Zażółć gęślą jaźń');
  });
});

describe('10. translations and defaults are saved with the mapping', () => {
  it('gives them back with the saved mapping', async () => {
    const { service } = serviceWithRegister();
    const translate = { kind: { 'Hacking/IT Incident': 'Cyberattack', Theft: 'Other' } };
    ok(service, 'imports.saveMapping', { name: 'HHS breach portal', entity: 'incidents', columns: { vendor: 'Name of Covered Entity', kind: 'Type of Breach' }, translate, defaults: { status: 'Closed' } });
    ok(service, 'imports.saveMapping', { name: 'Plain', entity: 'vendors', columns: { name: 'Vendor' } });
    expect(ok<SavedMapping[]>(service, 'imports.mappings', {}).map(({ name, columns, translate: t, defaults }) => ({ name, columns, translate: t, defaults }))).toEqual([
      { name: 'HHS breach portal', columns: { vendor: 'Name of Covered Entity', kind: 'Type of Breach' }, translate, defaults: { status: 'Closed' } },
      { name: 'Plain', columns: { name: 'Vendor' }, translate: {}, defaults: {} },
    ]);
  });
});

describe('11. a row filter', () => {
  it('imports only the rows where a business associate was present, and counts the others', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud' }) });
    const { report } = await importFixture(service, 'item08-breaches.csv', {
      entity: 'incidents',
      mapping: { vendor: 0, title: 6, occurredFrom: 4, recordsAffected: 3 },
      dateOrder: 'mdy',
      filters: [{ column: 7, op: 'equals', value: 'yes' }],
    });
    expect(report).toMatchObject({ committed: true, rows: 2, created: 2, filteredOut: 2 });
    expect(ok<Incident[]>(service, 'incidents.list', {}).map((i) => [i.vendorName, i.title, i.occurredFrom, i.recordsAffected])).toEqual([
      ['Skyline Contact Solutions', 'Laptop', '2023-07-02', 800],
      ['Skyline Contact Solutions', 'Network Server', '2023-06-15', 12_500],
    ]);
    expect(importReportCsv(report)).toContain('"Filtered out",2');
  });
});

describe('12. combining and splitting columns', () => {
  it('fills a title from two columns, and two fields from one column', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Skyline Contact Solutions' }) });
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Stratus Cloud' }) });
    const breaches = await importFixture(service, 'item08-breaches.csv', {
      entity: 'incidents',
      mapping: { vendor: 0, occurredFrom: 4 },
      dateOrder: 'mdy',
      combine: [{ field: 'title', columns: [5, 6], separator: ' — ' }],
    });
    expect(breaches.report).toMatchObject({ committed: true, created: 4 });
    expect(ok<Incident[]>(service, 'incidents.list', {}).map((i) => i.title)).toEqual(['Hacking/IT Incident — Email', 'Unauthorized Access/Disclosure — Email', 'Theft — Laptop', 'Hacking/IT Incident — Network Server']);

    const { report } = await importFixture(service, 'item12-combine-split.csv', {
      entity: 'vendors',
      mapping: { tier: 1 },
      split: [{ column: 0, separator: '/', fields: ['name', 'hqCountry'] }],
      combine: [{ field: 'owner', columns: [2, 3], separator: ' ' }],
    });
    expect(report).toMatchObject({ committed: true, created: 2, updated: 1 });
    expect(['Stratus Cloud', 'Nimbus Hosting', 'Chatter'].map((name) => byName(service, name)).map((v) => [v.name, v.hqCountry, v.tier, v.owner])).toEqual([
      ['Stratus Cloud', 'AU', 1, 'Jane Doe'],
      ['Nimbus Hosting', 'SG', 2, 'Lee'],
      ['Chatter', null, 3, 'Sam'],
    ]);
  });
});

describe('3 and 13 without false alarms', () => {
  it('keeps a row with a name only as a record when the sheet is sparse', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFixture(service, 'item03-sparse.csv', { entity: 'vendors' });
    expect(file.oddRows).toEqual([]);
    expect(report).toMatchObject({ committed: true, created: 4, leftOut: [] });
    expect(vendors(service).map((v) => [v.name, v.tier, v.hqCountry])).toEqual([
      ['Chatter', 2, null],
      ['Nimbus Hosting', 3, 'SG'],
      ['Orbit Compute', 3, null],
      ['Stratus Cloud', 1, null],
    ]);
  });

  it('does not take a contact list’s Email and Phone columns for data categories', async () => {
    const { service } = serviceWithRegister();
    const { file } = await importFixture(service, 'item13-contacts.csv', { entity: 'vendors' }, 'check');
    expect(file.wideHoldings).toEqual([]);
    expect(file.suggestedEntity).not.toBe('holdings');
  });
});
