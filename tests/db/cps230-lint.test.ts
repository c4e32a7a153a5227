// The CPS 230 register's checks: each rule with a register that raises it and the same register fixed, every finding
// naming its record and field and pointing at the form that fixes it; the sample register's findings.
import { describe, expect, it } from 'vitest';
import { vendorFieldsOf, type Contract, type RoiFinding, type Service, type Vendor } from '../../db/contract';
import { addWeekdays } from '../../db/regulatory/cps230-lint';
import type { RegisterService } from '../../db/service';
import { ok, serviceWithRegister } from './helpers';
import { sampleService } from './roi-sample';

const REFERENCE = '2026-06-30';

/** A register with one provider supporting one critical operation with all its tolerances, and one contract with it. */
function register() {
  const { service } = serviceWithRegister();
  const vendor = ok<Vendor>(service, 'vendors.create', { vendor: { name: 'Acme', serviceType: 'crm', status: 'active', tier: 1, hqCountry: 'GB' } });
  const payments = ok<Service>(service, 'services.save', { service: { name: 'Payments', criticality: 'critical' } });
  ok(service, 'services.link', { serviceId: payments.id, vendorId: vendor.id, reliance: 'full' });
  ok(service, 'cps230.saveOperation', { serviceId: payments.id, operation: { criticalOperation: true, maxOutageHours: 4, dataLossTolerance: 'None', minServiceLevel: 'Card payments only' } });
  const contract = ok<Contract>(service, 'contracts.save', { contract: { vendorId: vendor.id, reference: 'C-1', startDate: '2025-09-01' } });
  const material = (arrangement: Record<string, unknown>) => ok(service, 'cps230.saveArrangement', { contractId: contract.id, arrangement: { materialBasis: 'critical_operation', apraNotifiedOn: '2025-09-10', ...arrangement } });
  material({});
  return { service, vendor, payments, contract, material };
}

const lint = (service: RegisterService, rule?: string) => ok<RoiFinding[]>(service, 'cps230.lint', { referenceDate: REFERENCE }).filter((f) => rule === undefined || f.rule === rule);

describe('CPS 230 linter', () => {
  it('passes a complete register', () => {
    expect(lint(register().service)).toEqual([]);
  });

  it('counts 20 business days as weekdays', () => {
    expect(addWeekdays('2025-09-01', 20)).toBe('2025-09-29'); // a Monday: four weeks later
    expect(addWeekdays('2025-09-06', 1)).toBe('2025-09-08'); // a Saturday: the next Monday
  });

  it('material: a contract whose provider supports a critical operation has a basis, and a basis "critical operation" has one', () => {
    const { service, contract, payments, material } = register();
    material({ materialBasis: null });
    expect(lint(service, 'material')).toEqual([
      expect.objectContaining({ severity: 'warning', record: 'Contract C-1', field: 'Material arrangement', target: { kind: 'cps230Arrangement', id: contract.id }, message: expect.stringMatching(/supports the critical operation Payments/) }),
    ]);
    material({});
    ok(service, 'cps230.saveOperation', { serviceId: payments.id, operation: { criticalOperation: false, maxOutageHours: 4 } });
    expect(lint(service, 'material')).toEqual([expect.objectContaining({ message: expect.stringMatching(/supports none/) })]);
    material({ materialBasis: 'material_risk' });
    expect(lint(service, 'material')).toEqual([]);
  });

  it('59(a): APRA is notified within 20 business days of entering into an arrangement for a critical operation', () => {
    const { service, contract, material } = register();
    material({ apraNotifiedOn: null });
    expect(lint(service, '59(a)')).toEqual([expect.objectContaining({ field: 'APRA notified (para 59(a))', target: { kind: 'cps230Arrangement', id: contract.id }, message: expect.stringMatching(/by 2025-09-29/) })]);
    material({ apraNotifiedOn: '2025-09-30' });
    expect(lint(service, '59(a)')).toEqual([expect.objectContaining({ message: expect.stringMatching(/later than 20 business days/) })]);
    material({ apraNotifiedOn: '2025-09-29' });
    expect(lint(service, '59(a)')).toEqual([]);
    // Entered into before CPS 230 took effect: no notification was due under para 59(a).
    ok(service, 'contracts.save', { id: contract.id, contract: { vendorId: contract.vendorId, reference: 'C-1', startDate: '2024-01-01' } });
    material({ apraNotifiedOn: null });
    expect(lint(service, '59(a)')).toEqual([]);
  });

  it('59(b): APRA is consulted before an offshoring arrangement is entered into', () => {
    const { service, contract, material } = register();
    material({ offshoring: true });
    expect(lint(service, '59(b)')).toEqual([expect.objectContaining({ field: 'APRA consulted on the offshoring (para 59(b))', message: expect.stringMatching(/Record the date/) })]);
    material({ offshoring: true, offshoringConsultedOn: '2025-09-02' });
    expect(lint(service, '59(b)')).toEqual([expect.objectContaining({ message: expect.stringMatching(/after the arrangement was entered into/) })]);
    material({ offshoring: true, offshoringConsultedOn: '2025-08-01' });
    expect(lint(service, '59(b)')).toEqual([]);
    // Entered into before CPS 230 took effect: para 59(b) did not apply to it.
    ok(service, 'contracts.save', { id: contract.id, contract: { vendorId: contract.vendorId, reference: 'C-1', startDate: '2024-01-01' } });
    material({ offshoring: true, offshoringConsultedOn: null });
    expect(lint(service, '59(b)')).toEqual([]);
  });

  it('tolerance: a critical operation has all three tolerance levels', () => {
    const { service, payments } = register();
    ok(service, 'cps230.saveOperation', { serviceId: payments.id, operation: { criticalOperation: true, maxOutageHours: null, dataLossTolerance: null, minServiceLevel: 'Card payments only' } });
    expect(lint(service, 'tolerance').map((f) => [f.record, f.field, f.target])).toEqual([
      ['Critical operation Payments', 'Maximum period of disruption (hours)', { kind: 'criticalOperation', id: payments.id }],
      ['Critical operation Payments', 'Extent of data loss', { kind: 'criticalOperation', id: payments.id }],
    ]);
    ok(service, 'cps230.saveOperation', { serviceId: payments.id, operation: { criticalOperation: true, maxOutageHours: 4, dataLossTolerance: 'None', minServiceLevel: 'Card payments only' } });
    expect(lint(service, 'tolerance')).toEqual([]);
  });

  it('ABN: an Australian material service provider has an ABN or an ACN', () => {
    const { service, vendor } = register();
    const update = (patch: Record<string, unknown>) => {
      const current = ok<Vendor>(service, 'vendors.get', { id: vendor.id });
      ok(service, 'vendors.update', { id: vendor.id, version: current.version, vendor: { ...vendorFieldsOf(current), ...patch } });
    };
    update({ hqCountry: 'AU' });
    expect(lint(service, 'ABN')).toEqual([expect.objectContaining({ template: 'Material service providers', record: 'Vendor Acme', field: 'ABN', target: { kind: 'vendor', id: vendor.id } })]);
    update({ hqCountry: 'AU', acn: '000000019' });
    expect(lint(service, 'ABN')).toEqual([]);
  });

  it('finds the sample register’s gaps, each a warning', () => {
    const service = sampleService();
    try {
      const findings = ok<RoiFinding[]>(service, 'cps230.lint', { referenceDate: new Date().toISOString().slice(0, 10) });
      expect(findings.every((f) => f.severity === 'warning' && f.target)).toBe(true);
      // The sample's mobile app developer supports critical operations, but its contract is not marked material.
      expect(findings).toContainEqual(expect.objectContaining({ rule: 'material', record: 'Contract AFM-2023-11', field: 'Material arrangement' }));
    } finally {
      service.close();
    }
  });
});
