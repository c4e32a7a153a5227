import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Incident, RegisterInfo, Service, VendorDependencies, VendorPage } from '../../db/contract';
import { createRegisterService } from '../../db/service';
import { ok, tempDir } from './helpers';

describe('the sample register', () => {
  it('is labelled as sample data and follows the source incidents', () => {
    const service = createRegisterService({ actor: 'tester' });
    const info = service.open(path.join(tempDir(), 'Sample.vrr'), { create: true, sample: true }) as RegisterInfo;
    try {
      expect(info.sample).toBe(true);
      const vendors = ok<VendorPage>(service, 'vendors.list', { limit: 1000, sortBy: 'exposure', sortDir: 'desc' });
      expect(vendors.total).toBeGreaterThanOrEqual(30);
      expect(vendors.rows[0]).toMatchObject({ name: 'Harbourline Customer Care', recordsHeld: 26_400_000 });
      expect(ok<Service[]>(service, 'services.list', {})).toHaveLength(8);

      const incidents = ok<Incident[]>(service, 'incidents.list', {});
      expect(incidents.map((i) => [i.vendorName, i.occurredFrom?.slice(0, 10)])).toEqual([
        ['Harbourline Customer Care', '2025-06-30'],
        ['AppForge Mobile', '2024-05-01'],
        ['[24]7.ai', '2017-09-26'],
        ['Orderline Commerce', '2015-09-29'],
      ]);
      expect(incidents.find((i) => i.vendorName === '[24]7.ai')!.clocks.notificationLagDays).toBe(167);
      for (const incident of incidents) expect(incident.description).toMatch(/^Sample data\..*Source: /);

      // A fourth party shared by several vendors: Stratus Cloud.
      const stratus = vendors.rows.find((r) => r.name === 'Stratus Cloud')!;
      const usedBy = ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: stratus.id }).usedBy;
      expect(usedBy.length).toBeGreaterThanOrEqual(5);
      const cyberSource = vendors.rows.find((r) => r.name === 'CyberSource')!;
      expect(cyberSource.direct).toBe(false);
      expect(ok<VendorDependencies>(service, 'dependencies.forVendor', { vendorId: cyberSource.id }).usedBy.map((d) => d.vendorName)).toContain('ANZ Merchant Payments');
    } finally {
      service.close();
    }
  });
});
