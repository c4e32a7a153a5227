// A job belongs to the register it was started on: once another register is open, its status and result are not
// given out, whatever register id the request carries.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegisterInfo } from '../../db/contract';
import { createRegisterService } from '../../db/service';
import { ok, tempDir, vendor } from './helpers';

describe('jobs across registers', () => {
  it('does not give register A’s job to register B, with B’s id or none', () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    try {
      service.open(path.join(dir, 'A.vrr'), { create: true });
      ok(service, 'vendors.create', { vendor: vendor({ name: 'CANARY-A vendor' }) });
      const { jobId } = ok<{ jobId: string }>(service, 'exports.json', {});
      const b = service.open(path.join(dir, 'B.vrr'), { create: true }) as RegisterInfo;
      for (const registerId of [b.id, null]) {
        const answer = service.call('jobs.status', { jobId }, registerId);
        expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
        expect(JSON.stringify(answer)).not.toContain('CANARY-A');
        expect(service.call('jobs.cancel', { jobId }, registerId)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
    } finally {
      service.close();
    }
  });
});
