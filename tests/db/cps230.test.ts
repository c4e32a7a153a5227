// The APRA CPS 230 register: migration 0120 carries the register's data, the CPS 230 fields are kept through the
// contract, and the sample register exports as a workbook whose sheets, headings and rows come from the register.
import path from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { Arrangement, Contract, Cps230Arrangement, CriticalOperation, ExportedFile, RegisterInfo, Service, Vendor } from '../../db/contract';
import { closeRegister, openRegister } from '../../db/connection';
import { MIGRATIONS } from '../../db/migrations';
import { createRegisterService } from '../../db/service';
import { job, ok, serviceWithRegister, tempDir } from './helpers';

const today = new Date().toISOString().slice(0, 10);
/** An arrangement's own fields, as arrangements.save takes them back. */
const arrangementInput = ({ contractId: _id, reference: _ref, vendorName: _name, intraGroupEntityId: _entity, ...fields }: Arrangement) => fields;

describe('migration 0120 (CPS 230)', () => {
  it('carries contracts and services through; services rated critical start as critical operations', () => {
    const file = path.join(tempDir(), 'old.vrr');
    const { db: old } = openRegister(file, { create: true, migrations: MIGRATIONS.filter((m) => m.version < 120) });
    const now = new Date().toISOString();
    const vendorId = Number(old.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES ('Acme', 'crm', 'active', 1, ?, ?)").run(now, now).lastInsertRowid);
    old.prepare("INSERT INTO services (name, criticality, max_outage_hours) VALUES ('Payments', 'critical', 4), ('Marketing', 'other', NULL)").run();
    old.prepare("INSERT INTO contracts (vendor_id, reference, notice_days, ict_service_type) VALUES (?, 'C-1', 90, 'S19')").run(vendorId);
    closeRegister(old);

    const { db } = openRegister(file, { migrations: MIGRATIONS.filter((m) => m.version <= 120) });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(120);
      expect(db.prepare('SELECT reference, notice_days, ict_service_type, material_basis, apra_notified_on, offshoring, ntsp_category, ntsp_standard_terms FROM contracts').get()).toEqual({
        reference: 'C-1', notice_days: 90, ict_service_type: 'S19', material_basis: null, apra_notified_on: null, offshoring: 0, ntsp_category: null, ntsp_standard_terms: 0,
      });
      expect(db.prepare('SELECT name, max_outage_hours, critical_operation, data_loss_tolerance FROM services ORDER BY name').all()).toEqual([
        { name: 'Marketing', max_outage_hours: null, critical_operation: 0, data_loss_tolerance: null },
        { name: 'Payments', max_outage_hours: 4, critical_operation: 1, data_loss_tolerance: null },
      ]);
      expect(() => db.prepare("UPDATE contracts SET material_basis = 'important'").run()).toThrow(/CHECK/);
    } finally {
      closeRegister(db);
    }
  });
});

describe('CPS 230 fields through the contract', () => {
  it('saves an arrangement’s materiality, offshoring, APRA dates and exemption, and a critical operation’s tolerances', () => {
    const { service } = serviceWithRegister();
    const vendor = ok<Vendor>(service, 'vendors.create', { vendor: { name: 'Payments Scheme', serviceType: 'crm', status: 'active', tier: 1 } });
    const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: vendor.id, reference: 'PS-1' } });
    const saved = ok<Cps230Arrangement>(service, 'cps230.saveArrangement', {
      contractId: contract.id,
      arrangement: { materialBasis: 'critical_operation', apraNotifiedOn: '2025-08-01', offshoring: true, offshoringConsultedOn: '2025-07-01', ntspCategory: 'payment_system', ntspStandardTerms: true },
    });
    expect(saved).toEqual({ contractId: contract.id, reference: 'PS-1', vendorName: 'Payments Scheme', materialBasis: 'critical_operation', apraNotifiedOn: '2025-08-01', offshoring: true, offshoringConsultedOn: '2025-07-01', ntspCategory: 'payment_system', ntspStandardTerms: true });
    const refused = service.call('cps230.saveArrangement', { contractId: contract.id, arrangement: { materialBasis: 'important' } });
    expect(!refused.ok && refused.error.details?.fields?.['arrangement.materialBasis']).toBeTruthy();

    const svc = ok<Service>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical', maxOutageHours: 2 } });
    const op = ok<CriticalOperation>(service, 'cps230.saveOperation', { serviceId: svc.id, operation: { criticalOperation: true, maxOutageHours: 3, dataLossTolerance: 'None', minServiceLevel: 'Refunds queued' } });
    expect(op).toMatchObject({ name: 'Payments', criticalOperation: true, maxOutageHours: 3, dataLossTolerance: 'None', minServiceLevel: 'Refunds queued' });
    const badHours = service.call('cps230.saveOperation', { serviceId: svc.id, operation: { criticalOperation: true, maxOutageHours: 0 } });
    expect(!badHours.ok && badHours.error.details?.fields?.['operation.maxOutageHours']).toMatch(/more than 0/);
  });
});

describe('CPS 230 register export of the sample register', () => {
  it('writes the workbook: its sheets, headings, and rows derived from the register', async () => {
    const service = createRegisterService({ actor: 'tester' });
    service.open(path.join(tempDir(), 'Sample.vrr'), { create: true, sample: true }) as RegisterInfo;
    try {
      const file = await job<ExportedFile>(service, 'cps230.export', { referenceDate: today });
      expect(file.fileName).toBe(`CPS 230 register of material service providers ${today}.xlsx`);
      const sheets = await readExcelFile(Buffer.from(file.base64, 'base64'));
      expect(sheets.map((s) => s.sheet)).toEqual(['About', 'Material service providers', 'Material arrangements', 'Critical operations', 'Fourth parties']);
      const sheet = (name: string) => {
        const [headers, ...rows] = sheets.find((s) => s.sheet === name)!.data as unknown[][];
        return rows.map((r) => Object.fromEntries(headers!.map((h, i) => [String(h), r[i] ?? null])));
      };

      // The material arrangements are the sample's contracts with a materiality basis, in force today.
      const arrangements = sheet('Material arrangements');
      expect(arrangements.map((a) => a['Arrangement reference'])).toEqual(['247-CHAT-2019', 'ANZ-MSA-2018', 'FPR-2022', 'HCC-2021-07', 'SKY-GDS-2016', 'STR-ENT-2020']);
      const hcc = arrangements.find((a) => a['Arrangement reference'] === 'HCC-2021-07')!;
      const contracts = ok<Contract[]>(service, 'contracts.list', {});
      const hccContract = contracts.find((c) => c.reference === 'HCC-2021-07')!;
      const fields = ok<Cps230Arrangement[]>(service, 'cps230.arrangements', {}).find((a) => a.reference === 'HCC-2021-07')!;
      expect(hcc).toMatchObject({
        'Material service provider': 'Harbourline Customer Care',
        'Basis of materiality': 'Relied on to undertake a critical operation',
        'Critical operations supported': 'Customer contact centre',
        'Start date': hccContract.startDate,
        'Our notice period (days)': 120,
        'Annual value': 6_800_000,
        Offshoring: 'Yes',
        'Countries where data is stored': 'PH',
        'APRA notified of the agreement (para 59(a))': fields.apraNotifiedOn,
        'Exempt from the contractual requirements': 'No',
        // The contract's status and its assurance and exit evidence, as the RoI assessment keeps them.
        'Reason for termination or ending': null,
        'Date of the last audit': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        'Possibility of reintegration': 'Difficult',
        'Impact of discontinuing the service': 'High',
        'Alternative providers identified': 'Yes',
        'Which alternative providers': 'Two Manila contact-centre operators shortlisted in the 2025 market scan',
      });
      expect(arrangements.find((a) => a['Arrangement reference'] === 'ANZ-MSA-2018')).toMatchObject({ 'Possibility of reintegration': 'Highly complex', 'Alternative providers identified': 'No', 'Which alternative providers': null });
      // An arrangement under notice says why it ends.
      ok(service, 'arrangements.save', { contractId: hccContract.id, arrangement: { ...arrangementInput(ok<Arrangement[]>(service, 'arrangements.list', {}).find((a) => a.reference === 'HCC-2021-07')!), terminationReason: 'data_security' } });
      const again = await readExcelFile(Buffer.from((await job<ExportedFile>(service, 'cps230.export', { referenceDate: today })).base64, 'base64'));
      const [headers, ...rows] = again.find((s) => s.sheet === 'Material arrangements')!.data as unknown[][];
      const ending = rows.find((r) => r[0] === 'HCC-2021-07')!;
      expect(ending[headers!.indexOf('Reason for termination or ending')]).toBe('For cause: the provider’s weaknesses in managing and securing sensitive data');

      const providers = sheet('Material service providers');
      expect(providers.map((p) => p['Material service provider'])).toEqual(['[24]7.ai', 'ANZ Merchant Payments', 'FlyPoints Rewards', 'Harbourline Customer Care', 'Skyroute GDS', 'Stratus Cloud']);
      expect(providers.find((p) => p['Material service provider'] === 'Harbourline Customer Care')).toMatchObject({ 'Material arrangements': 'HCC-2021-07', 'Country of headquarters': 'AU' });

      // Critical operations with every tolerance level; the maximum period of disruption is the service's maximum outage.
      const operations = sheet('Critical operations');
      const services = ok<Service[]>(service, 'services.list', {});
      expect(operations.map((o) => o['Critical operation']).sort()).toEqual(services.filter((s) => s.criticality === 'critical').map((s) => s.name).sort());
      expect(operations.find((o) => o['Critical operation'] === 'Card payments')).toMatchObject({
        'Maximum period of disruption (hours)': services.find((s) => s.name === 'Card payments')!.maxOutageHours,
        'Extent of data loss': 'No authorised payment lost',
        'Material service providers': 'ANZ Merchant Payments; [24]7.ai',
      });

      // Fourth parties: the Harbourline chain reaches its suppliers at rank 2.
      const fourth = sheet('Fourth parties').filter((f) => f['Arrangement reference'] === 'HCC-2021-07');
      expect(fourth.filter((f) => f.Rank === 2).map((f) => f['Fourth party']).sort()).toEqual(['SignalWave SMS', 'Stratus Cloud']);
      expect(fourth.every((f) => f['Relied on by'] !== null)).toBe(true);

      const about = sheets[0]!.data as unknown[][];
      expect(about).toContainEqual(['Material arrangements', 6]);
      expect(about).toContainEqual(['Reference date', today]);
    } finally {
      service.close();
    }
  });
});
