// The sample register with its RoI fields, ready to export: shared by the DORA export and re-import tests.
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { vendorFieldsOf, type ExportedFile, type RegisterInfo, type Vendor, type VendorPage } from '../../db/contract';
import { createRegisterService, type RegisterService } from '../../db/service';
import { ok, tempDir } from './helpers';

export function sampleService(): RegisterService {
  const service = createRegisterService({ actor: 'tester' });
  service.open(path.join(tempDir(), 'Sample.vrr'), { create: true, sample: true }) as RegisterInfo;
  return service;
}

/** Gives the sample's real companies (left without identifiers on purpose) a company registration number each. */
export function identifyRealCompanies(service: RegisterService) {
  const vendors = ok<VendorPage>(service, 'vendors.list', { limit: 1000 }).rows;
  for (const name of ['[24]7.ai', 'CyberSource', 'Visa', 'IBM WebSphere Commerce', 'IBM', 'Oracle Endeca']) {
    const row = vendors.find((v) => v.name === name)!;
    const vendor = ok<Vendor>(service, 'vendors.get', { id: row.id });
    ok(service, 'vendors.update', { id: row.id, version: vendor.version, vendor: { ...vendorFieldsOf(vendor), otherIdentifier: `TEST-${row.id}` } });
    ok(service, 'providers.save', { vendorId: row.id, provider: { otherIdentifierType: 'CRN' } });
  }
}

export function unzip(file: ExportedFile): Record<string, string> {
  const entries = unzipSync(Buffer.from(file.base64, 'base64'));
  return Object.fromEntries(Object.entries(entries).map(([name, bytes]) => [name, strFromU8(bytes)]));
}
