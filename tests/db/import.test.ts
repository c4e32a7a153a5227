import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Incident, SavedMapping, Service, Vendor, VendorPage } from '../../db/contract';
import { importFile, ok, serviceWithRegister, vendor } from './helpers';

const count = (service: ReturnType<typeof serviceWithRegister>['service']) => ok<VendorPage>(service, 'vendors.list', { limit: 1 }).total;
const byName = (service: ReturnType<typeof serviceWithRegister>['service'], name: string) => {
  const row = ok<VendorPage>(service, 'vendors.list', { search: name, limit: 5 }).rows.find((r) => r.name === name);
  if (!row) throw new Error(`${name} not found`);
  return ok<Vendor>(service, 'vendors.get', { id: row.id });
};

// A file as a risk team's spreadsheet export really looks: BOM, semicolons, padded headers, quoted separators and
// line breaks, blank rows, thousands separators, dates in four shapes, country names, a duplicate and a bad value.
const MESSY_VENDORS = [
  '\uFEFFSupplier Name ; Legal Entity ;HQ Country; Service Type ;Tier;Annual Spend (AUD);Currency;Next Review; Last assessed ;Notes',
  '"Frontline Contact Pty Ltd";"Frontline Contact, Pty. Ltd.";Philippines;Contact centre;Tier 1;"1,250,000";AUD;31/03/2027;2026-01-15;"Handles calls; outsourced',
  'since 2019"',
  '',
  '[24]7.ai;;United States;Chat;2;"AUD 480,000.50";AUD;15 March 2027;45292;',
  'CyberSource ;Cybersource Corporation;US;Payment gateway;1;2.5m;USD;Mar 3, 2027;2026-02-01 10:30;',
  '  ;  ;  ;  ;  ;  ;  ;  ;  ;  ',
  'frontline contact pty ltd;;AU;Other;3;;;;;duplicate of row 2',
  'Shiny New CRM;;Atlantis;CRM;4;-5;AUD;31/02/2027;;',
].join('\r\n');

describe('importing vendors from a messy CSV', () => {
  it('reads every shape of value, reports each bad row by its spreadsheet row, and commits nothing', async () => {
    const { service } = serviceWithRegister();
    const { file, report } = await importFile(service, 'vendors.csv', MESSY_VENDORS, { entity: 'vendors' });

    expect(file).toMatchObject({ format: 'csv', delimiter: ';', encoding: 'UTF-8 (with BOM)', rowCount: 5, blankRows: 2, suggestedEntity: 'vendors' });
    expect(file.headers).toEqual(['Supplier Name', 'Legal Entity', 'HQ Country', 'Service Type', 'Tier', 'Annual Spend (AUD)', 'Currency', 'Next Review', 'Last assessed', 'Notes']);
    expect(file.suggestedMappings.vendors).toMatchObject({ name: 0, legalName: 1, hqCountry: 2, serviceType: 3, tier: 4, annualSpend: 5, spendCurrency: 6, nextReviewDue: 7, lastAssessed: 8, notes: 9 });
    expect(file.dateOrder).toMatchObject({ order: 'dmy', evidence: '31/03/2027' });

    expect(report.committed).toBe(false);
    expect(report).toMatchObject({ rows: 5, withErrors: 2, toCreate: 3 });
    const errors = report.issues.filter((i) => i.level === 'error');
    // Row numbers are the spreadsheet's: a quoted line break stays inside its row, blank rows count.
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 7, column: 'Supplier Name', message: expect.stringMatching(/same vendor as row 2/) }),
        expect.objectContaining({ line: 8, column: 'HQ Country', message: expect.stringMatching(/Atlantis/) }),
        expect.objectContaining({ line: 8, column: 'Tier', message: expect.stringMatching(/not a tier/) }),
        expect.objectContaining({ line: 8, column: 'Annual Spend (AUD)', message: expect.stringMatching(/negative/) }),
        expect.objectContaining({ line: 8, column: 'Next Review', message: expect.stringMatching(/not a real date/) }),
      ]),
    );
    expect(report.issues.find((i) => i.level === 'warning' && i.line === 4)?.message).toMatch(/45292 as an Excel date \(2024-01-01\)/);
    expect(count(service)).toBe(0);
  });

  it('imports the good rows when asked to skip the bad ones, with every value read right', async () => {
    const { service } = serviceWithRegister();
    const { report } = await importFile(service, 'vendors.csv', MESSY_VENDORS, { entity: 'vendors', skipErrors: true });
    expect(report).toMatchObject({ committed: true, created: 3, updated: 0, skipped: 2 });

    const frontline = byName(service, 'Frontline Contact Pty Ltd');
    expect(frontline).toMatchObject({
      legalName: 'Frontline Contact, Pty. Ltd.',
      hqCountry: 'PH',
      serviceType: 'customer_servicing',
      tier: 1,
      annualSpend: 1_250_000,
      spendCurrency: 'AUD',
      nextReviewDue: '2027-03-31',
      lastAssessed: '2026-01-15',
      notes: 'Handles calls; outsourced\nsince 2019',
    });
    expect(byName(service, '[24]7.ai')).toMatchObject({ hqCountry: 'US', serviceType: 'chat_messaging', tier: 2, annualSpend: 480_000.5, nextReviewDue: '2027-03-15', lastAssessed: '2024-01-01' });
    expect(byName(service, 'CyberSource')).toMatchObject({ serviceType: 'payment_gateway', annualSpend: 2_500_000, spendCurrency: 'USD', nextReviewDue: '2027-03-03', lastAssessed: '2026-02-01' });
  });

  it('reads Windows-1252 text, tabs, and month/day/year when the file proves it', async () => {
    const { service } = serviceWithRegister();
    const text = 'Vendor\tCountry\tNext review due\r\nCafé Crème Services\tFrance\t12/31/2026\r\nMüller GmbH\tGermany\t01/02/2027\r\n';
    const bytes = Uint8Array.from([...text].map((c) => ({ é: 0xe9, è: 0xe8, ü: 0xfc })[c] ?? c.charCodeAt(0)));
    const { file, report } = await importFile(service, 'euro.txt', bytes, { entity: 'vendors', dateOrder: 'mdy' });
    expect(file).toMatchObject({ encoding: 'Windows-1252', delimiter: '\t', dateOrder: { order: 'mdy' } });
    expect(report).toMatchObject({ committed: true, created: 2 });
    expect(byName(service, 'Café Crème Services')).toMatchObject({ hqCountry: 'FR', nextReviewDue: '2026-12-31' });
    expect(byName(service, 'Müller GmbH').nextReviewDue).toBe('2027-01-02');
  });

  it('updates vendors matched by name, keeps what the file leaves empty, and refuses to create in update-only mode', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'CyberSource', owner: 'Payments team', annualSpend: 100, spendCurrency: 'AUD' }) });
    const csv = 'Vendor,Owner,Annual spend\ncybersource,,200\nUnknown Co,Someone,1\n';
    const updateOnly = await importFile(service, 'update.csv', csv, { entity: 'vendors', mode: 'update' });
    expect(updateOnly.report.committed).toBe(false);
    expect(updateOnly.report.issues[0]).toMatchObject({ line: 3, message: expect.stringMatching(/not in the register/) });

    const { report } = await importFile(service, 'update.csv', csv.split('\n').slice(0, 2).join('\n'), { entity: 'vendors', mode: 'upsert' });
    expect(report).toMatchObject({ committed: true, updated: 1, created: 0 });
    expect(byName(service, 'CyberSource')).toMatchObject({ owner: 'Payments team', annualSpend: 200, version: 2 });
  });

  it('sets groups and fourth parties named in the same file, and refuses a supply-chain loop', async () => {
    const { service } = serviceWithRegister();
    const csv = ['Vendor,Ultimate parent,Depends on,Direct vendor', 'Visa,,,yes', 'CyberSource,Visa,Stratus Cloud; Akamai,yes', 'Stratus Cloud,,,no', 'Akamai,,,no'].join('\n');
    const { report } = await importFile(service, 'groups.csv', csv, { entity: 'vendors' });
    expect(report).toMatchObject({ committed: true, created: 4 });
    expect(byName(service, 'CyberSource')).toMatchObject({ ultimateParentName: 'Visa' });
    expect(byName(service, 'Stratus Cloud').direct).toBe(false);
    const chain = ok<{ dependsOn: { supplierName: string }[] }>(service, 'dependencies.forVendor', { vendorId: byName(service, 'CyberSource').id });
    expect(chain.dependsOn.map((d) => d.supplierName)).toEqual(['Akamai', 'Stratus Cloud']);

    const loop = await importFile(service, 'loop.csv', 'Vendor,Depends on\nStratus Cloud,CyberSource\n', { entity: 'vendors' });
    expect(loop.report.committed).toBe(false);
    expect(loop.report.issues[0]?.message).toMatch(/loop in the supply chain/);
  });
});

describe('importing holdings, services and incidents', () => {
  it('reports holdings at unknown vendors, or creates the vendors when asked', async () => {
    const { service } = serviceWithRegister();
    ok(service, 'vendors.create', { vendor: vendor({ name: 'Qantas Contact Centre' }) });
    const csv = ['Vendor,Data category,Records,Storage country,Encrypted', 'Qantas Contact Centre,Email address,"5,700,000",Philippines,Yes', 'Qantas Contact Centre,frequent flyer number,5.7 million,PH,no', 'New Chat Co,Name,"1 000",,', 'Qantas Contact Centre,Shoe size,10,,'].join('\n');
    const refused = await importFile(service, 'holdings.csv', csv, { entity: 'holdings' });
    expect(refused.report.committed).toBe(false);
    expect(refused.report.issues.filter((i) => i.level === 'error').map((i) => [i.line, i.column])).toEqual([
      [3, 'Data category'],
      [4, 'Vendor'],
      [5, 'Data category'],
    ]);

    const fixed = csv.replace('frequent flyer number', 'Loyalty').replace(/\nQantas Contact Centre,Shoe size.*$/, '');
    const { report } = await importFile(service, 'holdings.csv', fixed, { entity: 'holdings', unknownVendors: 'create' });
    expect(report).toMatchObject({ committed: true, created: 3, newVendors: ['New Chat Co'] });
    const qantas = byName(service, 'Qantas Contact Centre');
    const holdings = ok<{ rows: { categoryCode: string; records: number; storageCountry: string | null; encrypted: boolean }[] }>(service, 'holdings.list', { vendorId: qantas.id });
    expect(holdings.rows.map((h) => [h.categoryCode, h.records, h.storageCountry, h.encrypted])).toEqual([
      ['email', 5_700_000, 'PH', true],
      ['loyalty', 5_700_000, 'PH', false],
    ]);
  });

  it('reports as added only the vendors actually created, when rows with errors are skipped', async () => {
    const { service } = serviceWithRegister();
    const csv = ['Vendor,Data category,Records', 'Ghost Co,Shoe size,10', 'Real New Co,Name,20'].join('\n');
    const { report } = await importFile(service, 'holdings.csv', csv, { entity: 'holdings', unknownVendors: 'create', skipErrors: true });
    expect(report).toMatchObject({ committed: true, created: 1, skipped: 1, newVendors: ['Real New Co'] });
    expect(ok<VendorPage>(service, 'vendors.list', {}).rows.map((r) => r.name)).toEqual(['Real New Co']);
  });

  it('groups service rows by service and links each vendor with its reliance', async () => {
    const { service } = serviceWithRegister();
    for (const name of ['Frontline', 'Backup Calls']) ok(service, 'vendors.create', { vendor: vendor({ name }) });
    const csv = ['Service,Criticality,Vendor,Reliance', 'Customer contact centre,Critical,Frontline,Full', 'Customer contact centre,,Backup Calls,low', 'Loyalty programme,important,,'].join('\n');
    const { report } = await importFile(service, 'services.csv', csv, { entity: 'services' });
    expect(report).toMatchObject({ committed: true });
    const services = ok<Service[]>(service, 'services.list', {});
    expect(services.map((s) => [s.name, s.criticality, s.vendors.map((v) => `${v.vendorName}:${v.reliance}`).sort()])).toEqual([
      ['Customer contact centre', 'critical', ['Backup Calls:low', 'Frontline:full']],
      ['Loyalty programme', 'important', []],
    ]);
    const again = await importFile(service, 'services.csv', csv, { entity: 'services' });
    expect(again.report).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 3 });
    const changed = await importFile(service, 'services.csv', csv.replace('Backup Calls,low', 'Backup Calls,material'), { entity: 'services' });
    expect(changed.report).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
  });

  it('imports incidents with date-times, categories and regulators, creating the vendor it names', async () => {
    const { service } = serviceWithRegister();
    const csv = [
      'Vendor,Incident,Type,Date,Notified,Records affected,Data exposed,Regulators',
      '[24]7.ai,Chat malware,Cyber attack,26/09/2017 14:05,2018-03-28,"825,000",Name; Email address; Payment card (full),OAIC; FTC',
    ]
      .join('\n')
      .replace('Payment card (full)', 'Full payment card (PAN + expiry + CVV)');
    const { report } = await importFile(service, 'incidents.csv', csv, { entity: 'incidents', unknownVendors: 'create' });
    expect(report).toMatchObject({ committed: true, created: 1, newVendors: ['[24]7.ai'] });
    const [incident] = ok<Incident[]>(service, 'incidents.list', {});
    expect(incident).toMatchObject({
      vendorName: '[24]7.ai',
      kind: 'cyberattack',
      occurredFrom: '2017-09-26T14:05',
      weWereTold: '2018-03-28',
      recordsAffected: 825_000,
      regulators: ['OAIC', 'FTC'],
      categoryLabels: ['Name', 'Email address', 'Full payment card (PAN + expiry + CVV)'],
    });
  });
});

describe('importing XLSX', () => {
  it('reads typed cells: dates, numbers, booleans, and Excel serial numbers in a date column', async () => {
    const { service } = serviceWithRegister();
    const sheet = [
      ['Vendor name', 'Annual spend', 'Spend currency', 'Exit plan', 'Next review due', 'Last assessed'],
      ['Akamai', 125000.5, 'AUD', true, new Date(Date.UTC(2027, 5, 30)), 46023],
      ['Stratus Cloud', '1,000', 'AUD', 'No', '30 June 2027', null],
    ];
    const bytes = await writeExcelFile(sheet as never, { dateFormat: 'dd/mm/yyyy' }).toBuffer();
    const { file, report } = await importFile(service, 'vendors.xlsx', bytes, { entity: 'vendors' });
    expect(file).toMatchObject({ format: 'xlsx', sheet: 'Sheet1', rowCount: 2 });
    expect(report).toMatchObject({ committed: true, created: 2 });
    expect(byName(service, 'Akamai')).toMatchObject({ annualSpend: 125000.5, exitPlan: true, nextReviewDue: '2027-06-30', lastAssessed: '2026-01-01' });
    expect(byName(service, 'Stratus Cloud')).toMatchObject({ annualSpend: 1000, exitPlan: false, nextReviewDue: '2027-06-30' });
  });

  it('explains a file that is not a spreadsheet', async () => {
    const { service } = serviceWithRegister();
    await expect(importFile(service, 'old.xls', Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), { entity: 'vendors' })).rejects.toThrow(/old-style Excel file/);
    await expect(importFile(service, 'broken.xlsx', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), { entity: 'vendors' })).rejects.toThrow(/could not be read/);
    await expect(importFile(service, 'empty.csv', '\n\n  \n', { entity: 'vendors' })).rejects.toThrow(/no rows/);
  });
});

describe('saved mappings', () => {
  it('saves a mapping by name per kind of record, replaces it under the same name, and forgets it', () => {
    const { service } = serviceWithRegister();
    expect(service.call('imports.saveMapping', { name: ' ', entity: 'vendors', columns: {} })).toMatchObject({ ok: false, error: { details: { fields: { name: 'Name the mapping.' } } } });
    const first = ok<SavedMapping>(service, 'imports.saveMapping', { name: 'Procurement export', entity: 'vendors', columns: { name: 'Supplier', owner: 'Buyer' } });
    ok(service, 'imports.saveMapping', { name: 'procurement export', entity: 'vendors', columns: { name: 'Supplier' } });
    ok(service, 'imports.saveMapping', { name: 'Procurement export', entity: 'holdings', columns: { vendor: 'Supplier' } });
    const saved = ok<SavedMapping[]>(service, 'imports.mappings', {});
    expect(saved.map((m) => [m.entity, m.name, m.columns])).toEqual([
      ['holdings', 'Procurement export', { vendor: 'Supplier' }],
      ['vendors', 'Procurement export', { name: 'Supplier' }],
    ]);
    ok(service, 'imports.deleteMapping', { id: first.id });
    expect(ok<SavedMapping[]>(service, 'imports.mappings', {}).map((m) => m.entity)).toEqual(['holdings']);
  });
});
