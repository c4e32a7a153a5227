// Child process for the full-disk tests: run under a small file-size limit (ulimit -f), it creates a register, or
// adds vendors to one and restores a backup, and reports what happened as one JSON line on stdout.
import type { JobStatus, VendorPage } from '../../../db/contract';
import { createRegisterService } from '../../../db/service';

const [mode, registerPath, backupDir, backupName, vendorCount] = process.argv.slice(2) as [string, string, string, string?, string?];
const service = createRegisterService({ actor: 'full-disk-test', backupDir });
const report: Record<string, unknown> = {};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

if (mode === 'create') {
  try {
    service.open(registerPath, { create: true, sample: true });
    report.created = true;
  } catch (error) {
    report.createError = message(error);
  }
} else {
  service.open(registerPath);
  await service.integrityChecked();
  for (let i = 0; i < Number(vendorCount); i++) {
    const result = service.call('vendors.create', { vendor: { name: `Added under the limit ${i}`, serviceType: 'other', status: 'active', tier: 3, notes: 'w'.repeat(4000) } });
    if (!result.ok) throw new Error(result.error.message);
  }
  const started = service.call('backups.restore', { fileName: backupName });
  if (!started.ok) throw new Error(started.error.message);
  const { jobId } = started.value as { jobId: string };
  let status: JobStatus;
  do {
    await new Promise((resolve) => setImmediate(resolve));
    const polled = service.call('jobs.status', { jobId });
    if (!polled.ok) throw new Error(polled.error.message);
    status = polled.value as JobStatus;
  } while (status.state === 'running');
  report.restore = { state: status.state, error: status.error };
  const list = service.call('vendors.list', { limit: 1 });
  report.vendorsAfter = list.ok ? (list.value as VendorPage).total : list.error.message;
  try {
    service.close();
    report.closed = true;
  } catch (error) {
    report.closeError = message(error);
  }
}
process.stdout.write(`${JSON.stringify(report)}\n`);
