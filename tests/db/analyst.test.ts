// Nothing waits behind analytics: long calls are answered by analyst threads on their own read-only connections, the
// calls made meanwhile are answered at once, a call whose answer is no longer wanted is cancelled, and another
// program still finds the register in use. Proven by the order things happen in, never by timing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeRegister, openRegister } from '../../db/connection';
import { startPreviewServer } from '../../db/preview/server';
import { createAnalysts } from '../../db/analyst';
import { readerAddress } from '../../db/connection';
import { createRegisterService } from '../../db/service';
import type { Envelope, PortfolioScore } from '../../db/contract';
import { tempDir } from './helpers';

/** A register of `n` live vendors holding data, each relying on one of a hundred fourth parties. */
function seededRegister(n: number): string {
  const file = path.join(tempDir(), 'large.vrr');
  const { db } = openRegister(file, { create: true });
  const now = new Date().toISOString();
  const add = db.prepare('INSERT INTO vendors (name, service_type, status, tier, direct, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)');
  const hold = db.prepare('INSERT INTO holdings (vendor_id, category_id, records, storage_country) VALUES (?, ?, ?, ?)');
  const link = db.prepare('INSERT INTO dependencies (vendor_id, supplier_id) VALUES (?, ?)');
  db.transaction(() => {
    const providers = Array.from({ length: 100 }, (_, p) => Number(add.run(`Provider ${p}`, 'cloud_hosting', 'active', 0, now, now).lastInsertRowid));
    for (let i = 0; i < n; i++) {
      const id = Number(add.run(`Vendor ${i}`, 'crm', 'active', 1, now, now).lastInsertRowid);
      hold.run(id, 1 + (i % 7), 1000 + ((i * 37) % 5000), i % 3 ? 'AU' : 'US');
      link.run(id, providers[i % providers.length]!);
    }
  })();
  closeRegister(db);
  return file;
}

function openService(file: string) {
  const service = createRegisterService({ actor: 'tester' });
  service.open(file);
  return service;
}

describe('analysts', () => {
  it('end the threads answering nothing when told to rest, and answer the next call on a fresh one', async () => {
    const file = seededRegister(500);
    const service = openService(file);
    const analysts = createAnalysts({ address: readerAddress(file)!, filePath: file, backupRoot: tempDir(), actor: 'tester' });
    try {
      await Promise.all([analysts.run('scoring.portfolio', {}), analysts.run('scoring.portfolio', {})]);
      expect([analysts.threads(), analysts.running()]).toEqual([2, 0]);
      const busy = analysts.run('scoring.portfolio', {});
      analysts.rest();
      // The thread answering the call is left to finish it; the idle one has ended.
      expect([analysts.threads(), analysts.running()]).toEqual([1, 1]);
      expect(await busy).toMatchObject({ ok: true, value: { vendorCount: 500 } });
      analysts.rest();
      expect(analysts.threads()).toBe(0);
      expect(await analysts.run('scoring.portfolio', {})).toMatchObject({ ok: true, value: { vendorCount: 500 } });
      expect(analysts.threads()).toBe(1);
    } finally {
      await analysts.close();
      service.close();
    }
  });

  it('answer a short call while a long analytic call is in progress, with the figures the register connection gives', async () => {
    const service = openService(seededRegister(2_000));
    try {
      const long = service.request('scoring.portfolio', {});
      expect(service.analysing()).toBe(1);
      const short = await service.request('vendors.list', { limit: 5 });
      expect(short).toMatchObject({ ok: true, value: { rows: expect.any(Array) } });
      // Answered while the long call was still being worked on, not after it.
      expect(service.analysing()).toBe(1);
      const portfolio = (await long) as Envelope<PortfolioScore>;
      expect(service.analysing()).toBe(0);
      const inThread = service.call('scoring.portfolio', {}) as Envelope<PortfolioScore>;
      if (!portfolio.ok || !inThread.ok) throw new Error('scoring failed');
      expect({ ...portfolio.value, asOf: null, riskMatrix: null }).toEqual({ ...inThread.value, asOf: null, riskMatrix: null });
      expect(portfolio.value.vendorCount).toBe(2_000);
    } finally {
      service.close();
    }
  });

  it('answer a breach scenario on a thread too, with the figures the register connection gives', async () => {
    const service = openService(seededRegister(2_000));
    try {
      const scenario = { target: { kind: 'vendor', id: 1 }, mode: 'breach', startsAt: '2026-07-01T09:00' };
      const long = service.request('scenarios.run', { scenario });
      expect(service.analysing()).toBe(1);
      expect(await service.request('vendors.list', { limit: 5 })).toMatchObject({ ok: true });
      expect(service.analysing()).toBe(1);
      const inThread = (await long) as Envelope<{ asOf?: string }>;
      const here = service.call('scenarios.run', { scenario }) as Envelope<{ asOf?: string }>;
      if (!inThread.ok || !here.ok) throw new Error('the scenario failed');
      expect({ ...inThread.value, asOf: null }).toEqual({ ...here.value, asOf: null });
    } finally {
      service.close();
    }
  });

  it('stop a long call whose answer is no longer wanted, and answer the next one on a fresh thread', async () => {
    const service = openService(seededRegister(2_000));
    try {
      const unwanted = new AbortController();
      const long = service.request('board.pack', { periodDays: 91 }, null, unwanted.signal);
      expect(service.analysing()).toBe(1);
      unwanted.abort();
      expect(await long).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { cancelled: true } } });
      expect(service.analysing()).toBe(0);
      expect(await service.request('scoring.vendor', { id: 150 })).toMatchObject({ ok: true, value: { vendorId: 150 } });
    } finally {
      service.close();
    }
  });

  it('see the register as it is when their call begins, writes made before it included', async () => {
    const service = openService(seededRegister(200));
    try {
      const created = service.call('vendors.create', { vendor: { name: 'Newcomer', serviceType: 'crm', status: 'active', tier: 1 } });
      if (!created.ok) throw new Error(created.error.message);
      const id = (created.value as { id: number }).id;
      expect(service.call('holdings.save', { holding: { vendorId: id, categoryId: 1, records: 10_000_000, storageCountry: 'NZ' } }).ok).toBe(true);
      const portfolio = (await service.request('scoring.portfolio', {})) as Envelope<PortfolioScore>;
      expect(portfolio).toMatchObject({ ok: true, value: { vendorCount: 201, bases: { exposure: { cr1Holder: 'Newcomer' } } } });
    } finally {
      service.close();
    }
  });

  it('leave the register in use for another program, even to read it', async () => {
    const file = seededRegister(50);
    const service = openService(file);
    try {
      expect((await service.request('scoring.portfolio', {})).ok).toBe(true);
      const other = spawnSync(process.execPath, ['-e', `const D = require('better-sqlite3'); try { new D(process.argv[1], { timeout: 100 }).prepare('SELECT count(*) FROM vendors').get(); console.log('read'); } catch (e) { console.log(e.code); }`, file], { encoding: 'utf8' });
      expect(other.stdout.trim()).toBe('SQLITE_BUSY');
    } finally {
      service.close();
    }
  });
});

describe('the preview server', () => {
  it('answers a short request while a long one is in progress, and cancels a long one its page gave up', async () => {
    const file = seededRegister(20_000);
    const preview = await startPreviewServer({ registerPath: file, staticDir: tempDir(), secret: 'test-secret', pageHeaders: { contentSecurityPolicy: "default-src 'self'", contentTypes: {} } });
    const post = (method: string, args: unknown, signal?: AbortSignal) =>
      fetch(`${preview.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(args), signal }).then((r) => r.json() as Promise<Envelope<unknown>>);
    try {
      const order: string[] = [];
      const long = post('board.summary', { periodDays: 91 }).then((answer) => order.push('long') && answer);
      const short = post('vendors.list', { limit: 5 }).then((answer) => order.push(`short while ${preview.service.analysing()} long call in progress`) && answer);
      await Promise.all([long, short]);
      expect(order).toEqual(['short while 1 long call in progress', 'long']);

      const page = new AbortController();
      const abandoned = post('scoring.portfolio', {}, page.signal).catch(() => 'aborted');
      while (preview.service.analysing() === 0) await new Promise((resolve) => setImmediate(resolve));
      page.abort();
      expect(await abandoned).toBe('aborted');
      while (preview.service.analysing() > 0) await new Promise((resolve) => setImmediate(resolve));
      expect(preview.service.analysing()).toBe(0);
    } finally {
      await preview.close();
    }
  });
});
