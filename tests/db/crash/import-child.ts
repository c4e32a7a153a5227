// Child process for the crash test: opens a register, imports a CSV, and reports the import's phase on stdout, so the
// test can kill it with SIGKILL while the import is being written.
import fs from 'node:fs';
import type { ImportFile, JobStatus } from '../../../db/contract';
import { createRegisterService } from '../../../db/service';

const [registerPath, csvPath, entity] = process.argv.slice(2) as [string, string, string];
const service = createRegisterService({ actor: 'crash-test' });
service.open(registerPath);

function call<T>(method: string, args: unknown): T {
  const result = service.call(method, args);
  if (!result.ok) throw new Error(result.error.message);
  return result.value as T;
}

async function wait<T>(jobId: string, onStatus: (s: JobStatus) => void = () => undefined): Promise<T> {
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    const status = call<JobStatus>('jobs.status', { jobId });
    onStatus(status);
    if (status.state === 'done') return status.result as T;
    if (status.state !== 'running') throw new Error(status.error?.message ?? status.state);
  }
}

const file = await wait<ImportFile>(call<{ jobId: string }>('imports.read', { fileName: 'crash.csv', base64: fs.readFileSync(csvPath).toString('base64') }).jobId);
let announced = false;
await wait(call<{ jobId: string }>('imports.commit', { fileId: file.fileId, options: { entity, mapping: file.suggestedMappings[entity as 'vendors'], unknownVendors: 'create' } }).jobId, (s) => {
  if (!announced && s.phase === 'Writing') {
    announced = true;
    process.stdout.write('writing\n');
  }
});
process.stdout.write('done\n');
service.close();
