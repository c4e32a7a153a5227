// Nothing of register A reaches B's window: an answer, a job's result or a notice for A that arrives after B was
// opened is dropped, and calls made for A keep A's id (so the service refuses them) rather than borrowing B's.
import { describe, expect, it } from 'vitest';
import type { ExportedFile, JobStatus } from '../../db/contract';
import { runJob } from '../../renderer/files';
import { createAppStore } from '../../renderer/store';
import { createFakeTransport, registerInfo } from './fake-transport';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('answers for a register that is no longer open', () => {
  it('never become notices, downloads or job results in the next register’s window', async () => {
    let open = 'A';
    const canaryFile: ExportedFile = { fileName: 'CANARY-A vendors.csv', mimeType: 'text/csv', base64: btoa('CANARY-A'), rows: 1 };
    const fake = createFakeTransport({
      'register.info': () => registerInfo(open, `Register ${open}`),
      'vendors.list': () => ({ rows: [], total: 0 }),
      'vendors.delete': () => ({ id: 1 }),
      'exports.table': () => ({ jobId: 'job-of-A' }),
      // A careless service would answer any id: the client must not ask with B's id, nor show what comes back.
      'jobs.status': ({ jobId }: { jobId: string }): JobStatus => ({ jobId, state: 'done', phase: 'Done', done: 1, total: 1, result: canaryFile, error: null }),
    });
    const { store, registerApi } = createAppStore(fake.transport);
    await store.getState().loadRegister();
    await flush();
    const apiOfA = registerApi(store.getState().epoch);
    const { notify } = store.getState();
    const downloads: ExportedFile[] = [];

    // A delete for A whose answer is held back, and an export job for A started just before B opens.
    fake.holdNext('vendors.delete');
    const settled: string[] = [];
    void apiOfA.vendors.delete({ id: 1, version: 1 }).then(
      () => notify('Deleted “CANARY-A vendor”.', 'success'),
      (error: unknown) => notify(error),
    ).finally(() => settled.push('delete'));
    fake.holdNext('exports.table');
    const exporting = runJob<ExportedFile>(apiOfA, () => apiOfA.exports.table({ table: 'vendors', format: 'csv' }));
    void exporting.result.then(
      (file) => downloads.push(file),
      (error: unknown) => notify(error),
    ).finally(() => settled.push('export'));

    open = 'B';
    fake.openRegister(registerInfo('B', 'Register B'));
    await flush();
    fake.releaseHeld();
    for (let i = 0; i < 5; i++) await flush();

    // The answers were dropped: the code waiting for them (a notice, a download) never ran.
    expect(settled).toEqual([]);
    expect(store.getState().register?.id).toBe('B');
    expect(store.getState().notices).toEqual([]);
    expect(downloads).toEqual([]);
    expect(JSON.stringify(store.getState())).not.toContain('CANARY-A');
    // No call for A's job went out with B's id.
    expect(fake.calls.filter((c) => c.method === 'jobs.status' && c.registerId === 'B')).toEqual([]);
    expect(fake.calls.filter((c) => c.method !== 'register.info' && c.method !== 'vendors.list').every((c) => c.registerId === 'A')).toBe(true);

    // Calls made for B after the switch carry B's id and get their answers.
    const apiOfB = registerApi(store.getState().epoch);
    await expect(apiOfB.vendors.delete({ id: 2, version: 1 })).resolves.toEqual({ id: 1 });
    expect(fake.calls.at(-1)).toMatchObject({ method: 'vendors.delete', registerId: 'B' });
  });
});
