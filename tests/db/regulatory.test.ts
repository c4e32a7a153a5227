// The DORA Register of Information: migration 0100 carries the register's data, the new fields are kept through the
// contract, and the sample register (extended with them) exports as a plain-csv package whose every file, column code,
// key and foreign key is checked against db/regulatory/dora-schema.ts.
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Arrangement, Contract, LegalEntity, RoiExport, RoiFinding, Vendor } from '../../db/contract';
import { closeRegister, openRegister } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { DORA_TEMPLATES, DORA_TEMPLATE_IDS, templateFileName } from '../../db/regulatory/dora-schema';
import { isValidLei } from '../../db/shared/identifiers';
import { sampleLei } from '../../db/regulatory/sample-roi';
import { job, ok, serviceWithRegister, tempDir } from './helpers';
import { identifyRealCompanies, sampleService, unzip } from './roi-sample';

const today = new Date().toISOString().slice(0, 10);

const parse = (text: string) => Papa.parse<string[]>(text.trimEnd(), { newline: '\r\n' }).data;

describe('migration 0100 (regulatory)', () => {
  it('carries vendors, services and contracts through, with the new fields empty', () => {
    const file = path.join(tempDir(), 'old.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 100) });
    const now = new Date().toISOString();
    const vendorId = Number(old.prepare("INSERT INTO vendors (name, service_type, status, tier, lei, created_at, updated_at) VALUES ('Acme', 'crm', 'active', 1, 'VRRSAMPLEHARBOURL00', ?, ?)").run(now, now).lastInsertRowid);
    old.prepare("INSERT INTO services (name, criticality) VALUES ('Payments', 'critical')").run();
    old.prepare("INSERT INTO contracts (vendor_id, reference, notice_days, annual_value, currency) VALUES (?, 'C-1', 90, 1000, 'EUR')").run(vendorId);
    closeRegister(old);

    const { db } = openRegister(file, { migrations: MIGRATIONS.filter((m) => m.version <= 100) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(100);
      expect(db.prepare('SELECT reference, notice_days, annual_value, currency, arrangement_type, ict_service_type, provider_notice_days FROM contracts').get()).toEqual({
        reference: 'C-1', notice_days: 90, annual_value: 1000, currency: 'EUR', arrangement_type: null, ict_service_type: null, provider_notice_days: null,
      });
      expect(db.prepare('SELECT name, lei, person_type, other_identifier_type FROM vendors').get()).toEqual({ name: 'Acme', lei: 'VRRSAMPLEHARBOURL00', person_type: 'legal', other_identifier_type: null });
      expect(db.prepare('SELECT name, function_code, rto_hours FROM services').get()).toEqual({ name: 'Payments', function_code: null, rto_hours: null });
      expect(db.prepare('SELECT count(*) FROM legal_entities').pluck().get()).toBe(0);
      // Only one entity can maintain the register.
      const add = db.prepare("INSERT INTO legal_entities (lei, name, country, entity_type, hierarchy, maintains_register, updated_on) VALUES (?, ?, 'IE', 'x12', 'x53', 1, '2025-01-01')");
      add.run('A', 'One');
      expect(() => add.run('B', 'Two')).toThrow(/UNIQUE/);
    } finally {
      closeRegister(db);
    }
  });
});

describe('migration 0140 (RoI assessment)', () => {
  it('carries contracts through with the termination reason and the assessment empty, and keeps only listed values', () => {
    const file = path.join(tempDir(), 'old.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 140) });
    const now = new Date().toISOString();
    const vendorId = Number(old.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES ('Acme', 'crm', 'active', 1, ?, ?)").run(now, now).lastInsertRowid);
    old.prepare("INSERT INTO contracts (vendor_id, reference, ict_service_type, material_basis) VALUES (?, 'C-1', 'S19', 'deemed')").run(vendorId);
    closeRegister(old);

    const { db } = openRegister(file, { migrations: MIGRATIONS.filter((m) => m.version <= 140) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(140);
      expect(db.prepare('SELECT reference, ict_service_type, material_basis, termination_reason, substitution_reason, last_audit_on, reintegration, service_discontinuing_impact, alternatives_identified, alternative_providers FROM contracts').get()).toEqual({
        reference: 'C-1', ict_service_type: 'S19', material_basis: 'deemed', termination_reason: null, substitution_reason: null, last_audit_on: null, reintegration: null, service_discontinuing_impact: null, alternatives_identified: null, alternative_providers: null,
      });
      expect(() => db.prepare("UPDATE contracts SET termination_reason = 'x4'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE contracts SET reintegration = 'hard'").run()).toThrow(/CHECK/);
    } finally {
      closeRegister(db);
    }
  });
});

describe('regulatory fields through the contract', () => {
  it('validates an entity’s LEI and keeps one entity maintaining the register', () => {
    const { service } = serviceWithRegister();
    const bad = service.call('legalEntities.save', { entity: { lei: sampleLei('SCPAYEU').replace(/\d$/, (d) => String((Number(d) + 1) % 10)), name: 'X', country: 'IE', entityType: 'x300', hierarchy: 'x56' } });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.details?.fields?.['entity.lei']).toMatch(/check digits/);
    const entity = (lei: string, name: string) => ({ lei, name, country: 'IE', entityType: 'x300', hierarchy: 'x56', maintainsRegister: true });
    const first = ok<LegalEntity>(service, 'legalEntities.save', { entity: entity(sampleLei('SCPAYEU'), 'First') });
    ok<LegalEntity>(service, 'legalEntities.save', { entity: entity(sampleLei('SCARGROUP'), 'Second') });
    expect(ok<LegalEntity[]>(service, 'legalEntities.list', {}).map((e) => [e.name, e.maintainsRegister])).toEqual([['Second', true], ['First', false]]);
    expect(first.updatedOn).toBe(today);
  });

  it('saves an arrangement’s fields and using entities, and asks a subsequent one for its overarching arrangement', () => {
    const { service } = serviceWithRegister();
    const vendor = ok<Vendor>(service, 'vendors.create', { vendor: { name: 'Acme', serviceType: 'crm', status: 'active', tier: 1 } });
    const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: vendor.id, reference: 'C-1' } });
    const entity = ok<LegalEntity>(service, 'legalEntities.save', { entity: { lei: sampleLei('SCPAYEU'), name: 'Payments', country: 'IE', entityType: 'x300', hierarchy: 'x56' } });
    const refused = service.call('arrangements.save', { contractId: contract.id, arrangement: { arrangementType: 'subsequent' } });
    expect(!refused.ok && refused.error.details?.fields?.['arrangement.overarchingId']).toMatch(/overarching/);
    const saved = ok<Arrangement>(service, 'arrangements.save', {
      contractId: contract.id,
      arrangement: { arrangementType: 'standalone', ictServiceType: 'S19', governingLaw: 'ie', providerNoticeDays: 30, provisionCountry: 'US', processingCountry: 'US', usingEntities: [{ entityId: entity.id, signed: false }] },
    });
    expect(saved).toMatchObject({ reference: 'C-1', vendorName: 'Acme', arrangementType: 'standalone', ictServiceType: 'S19', governingLaw: 'IE', providerNoticeDays: 30, usingEntities: [{ entityId: entity.id, signed: false }] });
    const deleting = service.call('legalEntities.delete', { id: entity.id });
    expect(!deleting.ok && deleting.error.code).toBe('CONFLICT');
  });

  it('keeps an arrangement’s termination reason and the assessment of its service, with errors at the field', () => {
    const { service } = serviceWithRegister();
    const vendor = ok<Vendor>(service, 'vendors.create', { vendor: { name: 'Acme', serviceType: 'crm', status: 'active', tier: 1 } });
    const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: vendor.id, reference: 'C-1' } });
    const assessment = { terminationReason: 'data_security', substitutionReason: 'both', lastAuditOn: '2025-03-01', reintegration: 'highly_complex', serviceDiscontinuingImpact: 'not_assessed', alternativesIdentified: 'yes', alternativeProviders: 'Beta Ltd' };
    const saved = ok<Arrangement>(service, 'arrangements.save', { contractId: contract.id, arrangement: assessment });
    expect(saved).toMatchObject(assessment);
    expect(ok<Arrangement[]>(service, 'arrangements.list', {})[0]).toMatchObject(assessment);

    const fieldsOf = (arrangement: Record<string, unknown>) => {
      const result = service.call('arrangements.save', { contractId: contract.id, arrangement });
      return result.ok ? {} : (result.error.details?.fields ?? {});
    };
    expect(fieldsOf({ ...assessment, alternativesIdentified: 'no' })).toEqual({ 'arrangement.alternativeProviders': expect.stringMatching(/only when some are identified/) });
    expect(fieldsOf({ ...assessment, lastAuditOn: '2999-01-01' })).toEqual({ 'arrangement.lastAuditOn': 'The last audit cannot be after today.' });
    expect(fieldsOf({ ...assessment, lastAuditOn: '2025-02-30' })).toHaveProperty(['arrangement.lastAuditOn']);
    expect(fieldsOf({ ...assessment, terminationReason: 'x4' })).toHaveProperty(['arrangement.terminationReason']);
    // Refused saves leave what was kept.
    expect(ok<Arrangement[]>(service, 'arrangements.list', {})[0]).toMatchObject(assessment);
  });
});

describe('DORA RoI export of terminations and assessments', () => {
  it('reports an arrangement ended during the year with its reason (and not one ended a year before), and each contract’s assessment', async () => {
    const { service } = serviceWithRegister();
    const entity = ok<LegalEntity>(service, 'legalEntities.save', { entity: { lei: sampleLei('SCPAYEU'), name: 'Payments', country: 'IE', entityType: 'x300', hierarchy: 'x56', maintainsRegister: true } });
    const vendor = ok<Vendor>(service, 'vendors.create', { vendor: { name: 'Acme', serviceType: 'crm', status: 'active', tier: 1, lei: sampleLei('HARBOURLINE') } });
    const payments = ok<{ id: number }>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical' } });
    ok(service, 'functions.save', { serviceId: payments.id, fn: { functionCode: 'F1' } });
    ok(service, 'services.link', { serviceId: payments.id, vendorId: vendor.id, reliance: 'full' });
    const add = (reference: string, endDate: string, arrangement: Record<string, unknown>) => {
      const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: vendor.id, reference, startDate: '2020-01-01', endDate } });
      ok(service, 'arrangements.save', { contractId: contract.id, arrangement: { ictServiceType: 'S19', usingEntities: [{ entityId: entity.id, signed: true }], ...arrangement } });
      return contract;
    };
    const ended = add('ENDED-2025', '2025-06-30', {});
    add('ENDED-2024', '2024-12-31', { terminationReason: 'expired' });
    add('OPEN', '2030-01-01', { substitutionReason: 'migration', lastAuditOn: '2025-05-01', reintegration: 'difficult', serviceDiscontinuingImpact: 'medium', alternativesIdentified: 'yes', alternativeProviders: 'Beta Ltd' });

    const referenceDate = '2025-12-31';
    const findings = ok<RoiFinding[]>(service, 'roi.lint', { referenceDate });
    // The contract that ended in the year is reported, and asks for its reason, opening the contract at that field.
    expect(findings.filter((f) => f.rule === 'termination')).toEqual([expect.objectContaining({ record: 'Contract ENDED-2025', field: 'Reason for termination or ending', target: { kind: 'contract', id: ended.id } })]);
    ok(service, 'arrangements.save', { contractId: ended.id, arrangement: { ictServiceType: 'S19', usingEntities: [{ entityId: entity.id, signed: true }], terminationReason: 'data_security' } });
    expect(ok<RoiFinding[]>(service, 'roi.lint', { referenceDate }).filter((f) => f.rule === 'termination')).toEqual([]);

    const files = unzip(await job<RoiExport>(service, 'roi.export', { referenceDate }));
    const table = (id: string) => {
      const [header, ...rows] = parse(Object.entries(files).find(([p]) => p.endsWith(`/reports/${id}.csv`))![1]);
      return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]])));
    };
    expect(table('b_02.01').map((r) => r.c0010).sort()).toEqual(['ENDED-2025', 'OPEN']);
    expect(table('b_02.02').map((r) => [r.c0010, r.c0080, r.c0090])).toEqual([['ENDED-2025', '2025-06-30', 'eba_CO:x7'], ['OPEN', '2030-01-01', '']]);
    expect(table('b_07.01').find((r) => r.c0010 === 'OPEN')).toMatchObject({ c0060: 'eba_ZZ:x964', c0070: '2025-05-01', c0090: 'eba_ZZ:x966', c0100: 'eba_ZZ:x792', c0110: 'eba_BT:x28', c0120: 'Beta Ltd' });
  });
});

describe('DORA RoI export of the sample register', () => {
  it('is refused while the sample’s real companies have no identifier, naming each', async () => {
    const service = sampleService();
    try {
      const findings = ok<RoiFinding[]>(service, 'roi.lint', { referenceDate: today });
      const blocking = findings.filter((f) => f.severity === 'blocking');
      expect(new Set(blocking.map((f) => f.rule))).toEqual(new Set(['805']));
      // Each finding opens its record in the app: the vendor, or the service whose function a contract row names.
      const chat = ok<{ rows: { id: number; name: string }[] }>(service, 'vendors.list', { search: '[24]7.ai', limit: 5 }).rows.find((v) => v.name === '[24]7.ai')!;
      expect(blocking.find((f) => f.record === 'Vendor [24]7.ai' && f.template === 'B_05.01')).toMatchObject({ column: '0010', field: 'LEI, or another identifier and its type, or ACN', target: { kind: 'vendor', id: chat.id } });
      expect(blocking.find((f) => f.record === 'Contract 247-CHAT-2019' && f.template === 'B_02.02' && f.column === '0030')).toMatchObject({ target: { kind: 'vendor', id: chat.id } });
      expect(findings.filter((f) => f.template === 'B_06.01').every((f) => f.target?.kind === 'service')).toBe(true);
      // Every warning names a field the app keeps: the assessment of a contract's service opens the contract at it.
      const chatContract = ok<Arrangement[]>(service, 'arrangements.list', {}).find((a) => a.reference === '247-CHAT-2019')!;
      for (const [column, field] of [['0070', 'Date of the last audit'], ['0090', 'Possibility of reintegration'], ['0100', 'Impact of discontinuing'], ['0110', 'Alternative providers identified']]) {
        expect(findings.find((f) => f.record === 'Contract 247-CHAT-2019' && f.template === 'B_07.01' && f.column === column)).toMatchObject({ field, target: { kind: 'contract', id: chatContract.contractId } });
      }
      expect(findings.every((f) => !f.field.includes('not kept'))).toBe(true);
      await expect(job(service, 'roi.export', { referenceDate: today })).rejects.toThrow(/cannot be exported yet/);
    } finally {
      service.close();
    }
  });

  it('writes the package: file names, parameters, filing indicators, every column code, key and foreign key', async () => {
    const service = sampleService();
    try {
      identifyRealCompanies(service);
      const findings = ok<RoiFinding[]>(service, 'roi.lint', { referenceDate: today, level: 'IND' });
      expect(findings.filter((f) => f.severity === 'blocking')).toEqual([]);
      const file = await job<RoiExport>(service, 'roi.export', { referenceDate: today, level: 'IND' });
      // A warning-only export goes ahead, and brings its warnings for the report beside the package.
      expect(file.findings.length).toBeGreaterThan(0);
      expect(file.findings).toEqual(findings);
      const maintainer = ok<LegalEntity[]>(service, 'legalEntities.list', {}).find((e) => e.maintainsRegister)!;
      const name = file.fileName.replace(/\.zip$/, '');
      expect(name).toMatch(new RegExp(`^${maintainer.lei}\\.IND_IE_DORA010100_DORA_${today}_\\d{17}$`));
      expect(file.mimeType).toBe('application/zip');

      const files = unzip(file);
      expect(Object.keys(files).sort()).toEqual(
        [`${name}/META-INF/reportPackage.json`, `${name}/reports/report.json`, `${name}/reports/parameters.csv`, `${name}/reports/FilingIndicators.csv`, ...DORA_TEMPLATE_IDS.map((id) => `${name}/reports/${templateFileName(id)}`)].sort(),
      );
      expect(JSON.parse(files[`${name}/META-INF/reportPackage.json`]!)).toEqual({ documentInfo: { documentType: 'https://xbrl.org/report-package/2023' } });
      expect(JSON.parse(files[`${name}/reports/report.json`]!).documentInfo).toEqual({ documentType: 'https://xbrl.org/2021/xbrl-csv', extends: ['http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json'] });
      expect(parse(files[`${name}/reports/parameters.csv`]!)).toEqual([
        ['name', 'value'], ['entityID', `rs:${maintainer.lei}.IND`], ['refPeriod', today], ['baseCurrency', 'iso4217:EUR'], ['decimalsInteger', '0'], ['decimalsMonetary', '-3'],
      ]);
      expect(parse(files[`${name}/reports/FilingIndicators.csv`]!)).toEqual([['templateID', 'reported'], ...DORA_TEMPLATE_IDS.map((id) => [id, 'true'])]);
      expect(files[`${name}/reports/b_01.01.csv`]).toMatch(/^c0010,c0020,c0030,c0040,c0050,c0060\r\n/);

      const tables = new Map(DORA_TEMPLATES.map((t) => [t.id, parse(files[`${name}/reports/${templateFileName(t.id)}`]!)]));
      const keysOf = (id: string, codes: string[], when?: { column: string; equals: string }) => {
        const [header, ...rows] = tables.get(id as never)!;
        const holds = (r: string[]) => !when || r[header!.indexOf(`c${when.column}`)] === when.equals;
        return new Set(rows.filter(holds).map((r) => JSON.stringify(codes.map((c) => r[header!.indexOf(`c${c}`)]))));
      };
      for (const t of DORA_TEMPLATES) {
        const [header, ...rows] = tables.get(t.id)!;
        expect(header, t.id).toEqual(t.columns.map((c) => `c${c.code}`));
        for (const row of rows) {
          expect(row, t.id).toHaveLength(header!.length);
          for (const k of t.key) expect(row[header!.indexOf(`c${k}`)], `${t.id} key c${k}`).not.toBe('');
        }
        if (t.key.length) expect(keysOf(t.id, t.key).size, `${t.id} unique keys`).toBe(rows.length);
        for (const fk of t.foreignKeys) {
          const targets = keysOf(fk.references, fk.referencedColumns);
          for (const value of keysOf(t.id, fk.columns, fk.when)) {
            if (fk.optional && JSON.parse(value).every((v: string) => v === '')) continue;
            expect(targets.has(value), `${t.id} ${fk.columns.join('+')} → ${fk.references}: ${value}`).toBe(true);
          }
        }
      }
      // Every reported arrangement, each provider down the chains, the functions, and LEIs with valid check digits.
      const contracts = tables.get('B_02.01')!.slice(1).map((r) => r[0]);
      expect(contracts.sort()).toEqual(['247-CHAT-2019', 'AFM-2023-11', 'ANZ-MSA-2018', 'FPR-2022', 'HCC-2021-07', 'OC-2022-03', 'SKY-GDS-2016', 'STR-ENT-2020']);
      const chain = tables.get('B_05.02')!.slice(1);
      expect(chain.filter((r) => r[0] === 'OC-2022-03').map((r) => r[4]).sort()).toEqual(['1', '2', '2', '2', '2', '3']);
      // Marketing communications (F5) is supported only by vendors without a contract, so it is no RoI function.
      expect(tables.get('B_06.01')!.slice(1).map((r) => r[0]).sort()).toEqual(['F1', 'F2', 'F3', 'F4', 'F6', 'F7', 'F8']);
      for (const row of tables.get('B_01.02')!.slice(1)) expect(isValidLei(row[0]!)).toBe(true);
      // A provider holding card data (weight 4) reports high sensitiveness; its reliance on a function is reported.
      const chat = tables.get('B_02.02')!.slice(1).filter((r) => r[0] === '247-CHAT-2019');
      expect(new Set(chat.map((r) => r[16]))).toEqual(new Set(['eba_ZZ:x793']));
      expect(chat.map((r) => r[17]).sort()).toEqual(['eba_ZZ:x795', 'eba_ZZ:x797']);
      // The Frankfurt branch (B_01.03) uses the reservation system through its head office (B_04.01, nature "branch").
      expect(tables.get('B_01.03')!.slice(1)).toEqual([['SCPE-DE-FRA', maintainer.lei, 'Southern Cross Payments Europe, Frankfurt branch', 'eba_GA:DE']]);
      expect(tables.get('B_04.01')!.slice(1).filter((r) => r[0] === 'SKY-GDS-2016')).toEqual([
        ['SKY-GDS-2016', maintainer.lei, 'eba_ZZ:x839', 'Not Applicable'],
        ['SKY-GDS-2016', maintainer.lei, 'eba_ZZ:x838', 'SCPE-DE-FRA'],
      ]);
      expect(tables.get('B_04.01')!.slice(1).filter((r) => r[2] === 'eba_ZZ:x838')).toHaveLength(1);
    } finally {
      service.close();
    }
  });
});
