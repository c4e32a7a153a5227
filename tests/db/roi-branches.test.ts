// Branches (B_01.03, B_04.01) and intra-group arrangements (B_02.03, B_03.03) of the DORA Register of Information:
// migration 0170 carries the register through, the contract keeps them with errors at the field, the package reports
// them (checked against the schema's keys and foreign keys), the linter finds nothing on the sample extended with
// them, and a package re-imports into an empty register with the same branches, links and intra-group arrangements.
import path from 'node:path';
import Papa from 'papaparse';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { vendorFieldsOf, type Arrangement, type Branch, type Contract, type ExportedFile, type LegalEntity, type RegisterFunction, type RoiFinding, type RoiImportReport, type Vendor } from '../../db/contract';
import { closeRegister, openRegister } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { templateFileName, type DoraTemplateId } from '../../db/regulatory/dora-schema';
import { sampleLei } from '../../db/regulatory/sample-roi';
import type { RegisterService } from '../../db/service';
import { job, ok, serviceWithRegister, tempDir, vendor } from './helpers';
import { identifyRealCompanies, sampleService, unzip } from './roi-sample';

const today = new Date().toISOString().slice(0, 10);

function refusal(service: RegisterService, method: string, args: unknown) {
  const result = service.call(method, args);
  if (result.ok) throw new Error(`${method} was accepted`);
  return result.error;
}

const rowsOf = (files: Record<string, string>, id: DoraTemplateId) => {
  const file = Object.keys(files).find((p) => p.endsWith(`/reports/${templateFileName(id)}`))!;
  const [header, ...rows] = Papa.parse<string[]>(files[file]!.trimEnd(), { newline: '\r\n' }).data;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
};
const sorted = (rows: Record<string, string>[]) => rows.map((r) => JSON.stringify(r)).sort();

describe('migration 0170 (branches and intra-group links)', () => {
  it('carries entities and contracts through, with no branch or link, and keeps each branch code once per head office', () => {
    const file = path.join(tempDir(), 'old.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 170) });
    const now = new Date().toISOString();
    const vendorId = Number(old.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES ('Acme', 'crm', 'active', 1, ?, ?)").run(now, now).lastInsertRowid);
    const contracts = [1, 2].map((n) => Number(old.prepare('INSERT INTO contracts (vendor_id, reference) VALUES (?, ?)').run(vendorId, `C-${n}`).lastInsertRowid));
    const entityId = Number(old.prepare("INSERT INTO legal_entities (lei, name, country, entity_type, hierarchy, updated_on) VALUES ('L', 'Payments', 'IE', 'x300', 'x56', '2025-01-01')").run().lastInsertRowid);
    old.prepare('INSERT INTO contract_entities (contract_id, entity_id, signed) VALUES (?, ?, 1)').run(contracts[0], entityId);
    closeRegister(old);

    const { db } = openRegister(file, { migrations: MIGRATIONS.filter((m) => m.version <= 170) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(170);
      expect(db.prepare('SELECT contract_id, entity_id, signed FROM contract_entities').all()).toEqual([{ contract_id: contracts[0], entity_id: entityId, signed: 1 }]);
      expect(db.prepare('SELECT (SELECT count(*) FROM branches) + (SELECT count(*) FROM contract_branches) + (SELECT count(*) FROM contract_links)').pluck().get()).toBe(0);
      const branch = db.prepare("INSERT INTO branches (entity_id, code, name, country) VALUES (?, ?, 'Frankfurt', 'DE')");
      const branchId = Number(branch.run(entityId, 'FRA').lastInsertRowid);
      expect(() => branch.run(entityId, 'fra')).toThrow(/UNIQUE/);
      db.prepare('INSERT INTO contract_branches (contract_id, branch_id) VALUES (?, ?)').run(contracts[0], branchId);
      expect(() => db.prepare('DELETE FROM branches WHERE id = ?').run(branchId)).toThrow(/FOREIGN KEY/);
      expect(() => db.prepare('DELETE FROM legal_entities WHERE id = ?').run(entityId)).toThrow(/FOREIGN KEY/);
      const link = db.prepare('INSERT INTO contract_links (contract_id, linked_id) VALUES (?, ?)');
      link.run(contracts[0], contracts[1]);
      expect(() => link.run(contracts[0], contracts[0])).toThrow(/CHECK/);
      // Deleting a contract releases its branches and its links, both ways.
      db.prepare('DELETE FROM contracts WHERE id = ?').run(contracts[1]);
      expect(db.prepare('SELECT count(*) FROM contract_links').pluck().get()).toBe(0);
      db.prepare('DELETE FROM contracts WHERE id = ?').run(contracts[0]);
      expect(db.prepare('SELECT count(*) FROM contract_branches').pluck().get()).toBe(0);
    } finally {
      closeRegister(db);
    }
  });
});

/** A register with one entity, two branches (one of another entity), two contracts and their vendor. */
function smallRegister() {
  const { service } = serviceWithRegister('Branches');
  const entity = (tag: string, name: string) => ok<LegalEntity>(service, 'legalEntities.save', { entity: { lei: sampleLei(tag), name, country: 'IE', entityType: 'x300', hierarchy: 'x56' } });
  const payments = entity('SCPAYEU', 'Payments');
  const other = entity('SCARGROUP', 'Group');
  const acme = ok<Vendor>(service, 'vendors.create', { vendor: vendor() });
  const [first, second] = ['C-1', 'C-2'].map((reference) => ok<Contract>(service, 'contracts.save', { contract: { vendorId: acme.id, reference } }));
  return { service, payments, other, acme, first: first!, second: second! };
}

describe('branches and links through the contract', () => {
  it('saves a branch under its head office, with errors at the field, and keeps it while anything uses it', () => {
    const { service, payments, other, first } = smallRegister();
    expect(refusal(service, 'branches.save', { branch: { entityId: payments.id, code: 'FRA', name: 'Frankfurt', country: 'XX' } }).details).toMatchObject({ fields: { 'branch.country': expect.stringMatching(/country/) } });
    expect(refusal(service, 'branches.save', { branch: { entityId: payments.id, code: ' ', name: 'Frankfurt', country: 'DE' } }).details).toMatchObject({ fields: { 'branch.code': expect.any(String) } });
    const frankfurt = ok<Branch>(service, 'branches.save', { branch: { entityId: payments.id, code: 'FRA', name: 'Frankfurt', country: 'de' } });
    expect(frankfurt).toMatchObject({ entityId: payments.id, code: 'FRA', name: 'Frankfurt', country: 'DE' });
    expect(refusal(service, 'branches.save', { branch: { entityId: payments.id, code: 'fra', name: 'Again', country: 'DE' } }).details).toMatchObject({ fields: { 'branch.code': expect.stringMatching(/Frankfurt/) } });
    // The same code under another head office is another branch (B_01.03's key is code and head office).
    const paris = ok<Branch>(service, 'branches.save', { branch: { entityId: other.id, code: 'FRA', name: 'Paris', country: 'FR' } });
    expect(ok<Branch[]>(service, 'branches.list', {}).map((b) => b.name)).toEqual(['Paris', 'Frankfurt']);

    // A branch uses an arrangement through its head office.
    const fields = (patch: Record<string, unknown>) => ({ contractId: first.id, arrangement: { usingEntities: [{ entityId: payments.id, signed: true }], ...patch } });
    expect(refusal(service, 'arrangements.save', fields({ usingBranches: [paris.id] })).details).toMatchObject({ fields: { 'arrangement.usingBranches': expect.stringMatching(/head office/) } });
    const saved = ok<Arrangement>(service, 'arrangements.save', fields({ usingBranches: [frankfurt.id] }));
    expect(saved.usingBranches).toEqual([frankfurt.id]);
    expect(refusal(service, 'branches.delete', { id: frankfurt.id })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/1 contract/) });
    expect(refusal(service, 'branches.save', { id: frankfurt.id, branch: { entityId: other.id, code: 'FRA-2', name: 'Frankfurt', country: 'DE' } }).details).toMatchObject({ fields: { 'branch.entityId': expect.stringMatching(/1 contract/) } });
    expect(refusal(service, 'legalEntities.delete', { id: other.id })).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/head office of 1 branch/) });

    ok(service, 'arrangements.save', fields({ usingBranches: [] }));
    ok(service, 'branches.delete', { id: frankfurt.id });
    ok(service, 'branches.delete', { id: paris.id });
    ok(service, 'legalEntities.delete', { id: other.id });
    const history = ok<{ entity: string; action: string }[]>(service, 'audit.list', { limit: 100 }).filter((e) => e.entity === 'branch');
    expect(history.map((e) => e.action).sort()).toEqual(['create', 'create', 'delete', 'delete']);
  });

  it('links an arrangement to others, never to itself, and says whether it is intra-group', () => {
    const { service, payments, acme, first, second } = smallRegister();
    expect(refusal(service, 'arrangements.save', { contractId: first.id, arrangement: { linkedIds: [first.id] } }).details).toMatchObject({ fields: { 'arrangement.linkedIds': expect.stringMatching(/itself/) } });
    expect(ok<Arrangement>(service, 'arrangements.save', { contractId: first.id, arrangement: { linkedIds: [second.id] } })).toMatchObject({ linkedIds: [second.id], intraGroupEntityId: null });
    // The vendor's LEI is our entity's: its arrangements are intra-group.
    const current = ok<Vendor>(service, 'vendors.get', { id: acme.id });
    ok(service, 'vendors.update', { id: acme.id, version: current.version, vendor: { ...vendorFieldsOf(current), lei: payments.lei } });
    expect(ok<Arrangement[]>(service, 'arrangements.list', {}).map((a) => [a.reference, a.intraGroupEntityId])).toEqual([['C-1', payments.id], ['C-2', payments.id]]);
    ok(service, 'contracts.delete', { id: second.id });
    expect(ok<Arrangement[]>(service, 'arrangements.list', {})[0]!.linkedIds).toEqual([]);
  });
});

/**
 * The sample with an intra-group arrangement: our group's technology company (an entity in scope, non-financial ICT
 * intra-group provider x317) provides the check-in platform to the payment institution, and holds the cloud contract
 * STR-ENT-2020 it relies on (B_02.03).
 */
function sampleWithIntraGroup() {
  const service = sampleService();
  identifyRealCompanies(service);
  const lei = sampleLei('SCGROUPTECH');
  const tech = ok<LegalEntity>(service, 'legalEntities.save', { entity: { lei, name: 'Southern Cross Group Technology Pty Ltd', country: 'AU', entityType: 'x317', hierarchy: 'x56', currency: 'AUD' } });
  const payments = ok<LegalEntity[]>(service, 'legalEntities.list', {}).find((e) => e.maintainsRegister)!;
  const provider = ok<Vendor>(service, 'vendors.create', { vendor: vendor({ name: 'Southern Cross Group Technology', lei, hqCountry: 'AU', tier: 2 }) });
  const checkIn = ok<RegisterFunction[]>(service, 'functions.list', {}).find((f) => f.name === 'Flight booking and check-in')!;
  ok(service, 'services.link', { serviceId: checkIn.serviceId, vendorId: provider.id, reliance: 'full' });
  const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: provider.id, reference: 'IG-2024-01', startDate: '2024-01-01', annualValue: 120_000, currency: 'EUR' } });
  const cloud = ok<Arrangement[]>(service, 'arrangements.list', {}).find((a) => a.reference === 'STR-ENT-2020')!;
  const arrangement = ok<Arrangement>(service, 'arrangements.save', {
    contractId: contract.id,
    arrangement: { arrangementType: 'standalone', ictServiceType: 'S14', provisionCountry: 'AU', processingCountry: 'AU', governingLaw: 'IE', providerNoticeDays: 90, usingEntities: [{ entityId: payments.id, signed: true }], linkedIds: [cloud.contractId] },
  });
  return { service, tech, payments, arrangement };
}

describe('intra-group arrangements and branches in the package', () => {
  it('reports the intra-group provider (B_03.03), the link (B_02.03) and reintegration "not applicable", with no finding on them', async () => {
    const { service, tech, arrangement } = sampleWithIntraGroup();
    expect(arrangement.intraGroupEntityId).toBe(tech.id);
    const findings = ok<RoiFinding[]>(service, 'roi.lint', { referenceDate: today });
    expect(findings.filter((f) => f.severity === 'blocking')).toEqual([]);
    expect(findings.filter((f) => ['intra-group', 'branch', 'country'].includes(f.rule) || ['B_01.03', 'B_02.03', 'B_03.03', 'B_04.01'].includes(f.template))).toEqual([]);
    const files = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    expect(rowsOf(files, 'B_03.03')).toEqual([{ c0010: 'IG-2024-01', c0020: tech.lei, c0031: 'true' }]);
    expect(rowsOf(files, 'B_02.03')).toEqual([{ c0010: 'IG-2024-01', c0020: 'STR-ENT-2020', c0030: 'true' }]);
    expect(rowsOf(files, 'B_07.01').find((r) => r.c0010 === 'IG-2024-01')).toMatchObject({ c0020: tech.lei, c0090: 'eba_ZZ:x0' });
    expect(rowsOf(files, 'B_05.01').some((r) => r.c0010 === tech.lei)).toBe(true);
    expect(rowsOf(files, 'B_01.02').some((r) => r.c0010 === tech.lei && r.c0040 === 'eba_CT:x317')).toBe(true);
    service.close();
  });

  it('reports a function whose impact of discontinuing is not assessed as eba_ZZ:x799, not blank', async () => {
    const service = sampleService();
    identifyRealCompanies(service);
    const fn = ok<RegisterFunction[]>(service, 'functions.list', {}).find((f) => f.functionCode === 'F1')!;
    const { serviceId: _id, name: _name, criticality: _criticality, ...fields } = fn;
    ok(service, 'functions.save', { serviceId: fn.serviceId, fn: { ...fields, discontinuingImpact: null } });
    const files = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    const functions = rowsOf(files, 'B_06.01');
    expect(functions.find((r) => r.c0010 === 'F1')!.c0100).toBe('eba_ZZ:x799');
    expect(functions.every((r) => r.c0100)).toBe(true);
    service.close();
  });

  it('re-imports into an empty register with the same branches, branch users, links and intra-group arrangements', async () => {
    const { service } = sampleWithIntraGroup();
    const source = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    service.close();
    const { service: empty } = serviceWithRegister('Imported');
    const report = await job<RoiImportReport>(empty, 'roi.import', { fileName: 'package.zip', base64: Buffer.from(zipSync(Object.fromEntries(Object.entries(source).map(([p, text]) => [p, strToU8(text)])))).toString('base64') });
    expect(report.branches).toBe(1);
    // The intra-group provider's "not applicable" reintegration comes back from its LEI, so it is not warned about.
    expect(report.warnings.filter((w) => w.rule === 'import' && (w.template === 'B_07.01' || w.template === 'B_03.03'))).toEqual([]);
    const again = unzip(await job<ExportedFile>(empty, 'roi.export', { referenceDate: today }));
    for (const id of ['B_01.03', 'B_02.03', 'B_03.03', 'B_04.01'] as DoraTemplateId[]) expect(sorted(rowsOf(again, id)), id).toEqual(sorted(rowsOf(source, id)));
    expect(sorted(rowsOf(again, 'B_07.01').map((r) => ({ c0010: r.c0010!, c0090: r.c0090! })))).toEqual(sorted(rowsOf(source, 'B_07.01').map((r) => ({ c0010: r.c0010!, c0090: r.c0090! }))));
    expect(rowsOf(again, 'B_04.01').filter((r) => r.c0030 === 'eba_ZZ:x838')).toHaveLength(1);
  });

  it('warns on an imported B_03.03 row that its provider’s LEI does not reproduce', async () => {
    const { service } = sampleWithIntraGroup();
    const source = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    service.close();
    const file = Object.keys(source).find((p) => p.endsWith('/reports/b_03.03.csv'))!;
    const edited = { ...source, [file]: `${source[file]!}HCC-2021-07,${sampleLei('SCGROUPTECH')},true\r\n` };
    const { service: empty } = serviceWithRegister('Imported');
    const report = await job<RoiImportReport>(empty, 'roi.import', { fileName: 'package.zip', base64: Buffer.from(zipSync(Object.fromEntries(Object.entries(edited).map(([p, text]) => [p, strToU8(text)])))).toString('base64') });
    expect(report.warnings.filter((w) => w.rule === 'import' && w.template === 'B_03.03')).toEqual([expect.objectContaining({ rule: 'import', column: '0020', message: expect.stringContaining('HCC-2021-07 is not kept as intra-group') })]);
  });
});
