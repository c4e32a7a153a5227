import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createRegisterService, type RegisterService } from '../../db/service';
import type { VendorInput } from '../../db/contract';

const dirs: string[] = [];
const services: RegisterService[] = [];

afterEach(() => {
  for (const service of services.splice(0)) service.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-test-'));
  dirs.push(dir);
  return dir;
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A service with a fresh register open in a temp folder. */
export function serviceWithRegister(name = 'Test register'): { service: RegisterService; file: string; dir: string } {
  const dir = tempDir();
  const file = path.join(dir, `${name}.vrr`);
  const service = createRegisterService({ actor: 'tester' });
  services.push(service);
  service.open(file, { create: true });
  return { service, file, dir };
}

/** Calls a method and returns its value, failing the test with the error message otherwise. */
export function ok<T = unknown>(service: RegisterService, method: string, args: unknown): T {
  const result = service.call(method, args);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export function vendor(overrides: Partial<VendorInput> = {}): VendorInput {
  return { name: 'Acme Contact Centres', serviceType: 'customer_servicing', status: 'active', tier: 1, ...overrides };
}
