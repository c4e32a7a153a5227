import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { createRegisterService, type RegisterService } from '../../db/service';
import type { ImportFile, ImportOptions, ImportReport, JobStatus, VendorInput } from '../../db/contract';

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

/** Starts a job method and waits for it to end; returns its result, or throws with its error. */
export async function job<T = unknown>(service: RegisterService, method: string, args: unknown, onStatus?: (status: JobStatus) => void): Promise<T> {
  const { jobId } = ok<{ jobId: string }>(service, method, args);
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const status = ok<JobStatus>(service, 'jobs.status', { jobId });
    onStatus?.(status);
    if (status.state === 'done') return status.result as T;
    if (status.state !== 'running') throw new Error(`${method} ${status.state}: ${status.error?.message ?? ''}`);
  }
}

/** Reads a file for import and checks or commits it with the suggested mapping (plus `options`). */
export async function importFile(
  service: RegisterService,
  fileName: string,
  content: string | Uint8Array,
  options: Partial<ImportOptions> & { entity: ImportOptions['entity'] },
  step: 'check' | 'commit' = 'commit',
): Promise<{ file: ImportFile; report: ImportReport }> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const file = await job<ImportFile>(service, 'imports.read', { fileName, base64: bytes.toString('base64') });
  const report = await job<ImportReport>(service, `imports.${step}`, {
    fileId: file.fileId,
    options: { mapping: file.suggestedMappings[options.entity], ...options },
  });
  return { file, report };
}
