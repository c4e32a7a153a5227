// The bundled register process (dist/electron/db-host.cjs) in a real child process, the way Electron's utility process
// runs it: the only loadable better-sqlite3 is the one whose path it is given (a copy of the Node build placed
// elsewhere); the build in node_modules fails to load, as a Node build does under Electron.
import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupFile, JobStatus, RegisterInfo, VendorPage } from '../../db/contract';
import type { HostRequest, HostResponse } from '../../db/host';
import { closeRegister, openRegister } from '../../db/connection';
import { fake, utilityProcess } from './fake-electron';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Child = ReturnType<typeof utilityProcess.fork>;

const dirs: string[] = [];
const children: Child[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-host-'));
  dirs.push(dir);
  return dir;
}

/** A copy of the Node build of better-sqlite3 outside node_modules, standing in for the Electron build in .native/. */
function addonCopy(dir: string): string {
  const original = createRequire(import.meta.url).resolve('better-sqlite3/build/Release/better_sqlite3.node');
  const copy = path.join(dir, 'native', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(copy));
  fs.copyFileSync(original, copy);
  return copy;
}

/** Starts the bundled register process and speaks its message protocol. */
function startHost(env: Record<string, string>) {
  if (!fake.ready) fake.becomeReady();
  const child = utilityProcess.fork(path.resolve('dist/electron/db-host.cjs'), [], { env: { ...process.env, ...env } });
  children.push(child);
  let nextId = 1;
  const exited = new Promise<number>((resolve) => child.on('exit', resolve));
  const send = <T>(body: DistributiveOmit<HostRequest, 'id'>): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const listener = (message: HostResponse) => {
        if (message.id !== id || 'progress' in message) return;
        child.off('message', listener);
        if (message.ok) resolve(message.value as T);
        else reject(new Error(message.error.message));
      };
      child.on('message', listener);
      child.postMessage({ ...body, id });
    });
  };
  const call = async <T>(method: string, args: unknown): Promise<T> => {
    const answer = await send<{ ok: boolean; value?: T; error?: { message: string } }>({ type: 'call', method, args, registerId: null });
    if (!answer.ok) throw new Error(`${method}: ${answer.error!.message}`);
    return answer.value as T;
  };
  const job = async <T>(method: string, args: unknown): Promise<T> => {
    const { jobId } = await call<{ jobId: string }>(method, args);
    for (;;) {
      const status = await call<JobStatus>('jobs.status', { jobId });
      if (status.state === 'done') return status.result as T;
      if (status.state !== 'running') throw new Error(`${method} ${status.state}: ${status.error?.message ?? ''}`);
    }
  };
  return { child, send, call, job, exited };
}

const vendor = (name: string) => ({ vendor: { name, serviceType: 'customer_servicing', status: 'active', tier: 1 } });

describe('the bundled register process', () => {
  it('cannot load the better-sqlite3 in node_modules when only the given binding is loadable (the premise of the next tests)', async () => {
    const dir = tempDir();
    const host = startHost({ VRR_ONLY_NATIVE_ADDON: addonCopy(dir), VRR_BACKUP_DIR: path.join(dir, 'Backups') });
    await expect(host.send({ type: 'open', path: path.join(dir, 'Risk.vrr'), create: true })).rejects.toThrow(/compiled against a different Node.js version/);
  });

  it('opens, edits, backs up and restores through the binding it was given, and closes the register cleanly when asked', async () => {
    const dir = tempDir();
    const binding = addonCopy(dir);
    const host = startHost({ VRR_NATIVE_BINDING: binding, VRR_ONLY_NATIVE_ADDON: binding, VRR_BACKUP_DIR: path.join(dir, 'Backups') });
    const file = path.join(dir, 'Risk.vrr');

    const info = await host.send<RegisterInfo>({ type: 'open', path: file, create: true });
    expect(info).toMatchObject({ name: 'Risk', path: file });
    await host.call('vendors.create', vendor('Kept'));
    const backup = await host.job<BackupFile>('backups.take', {});
    await host.call('vendors.create', vendor('Added after the backup'));

    // A restore opens the backup to check it: with the binding it was given, not the default lookup.
    await host.job<RegisterInfo>('backups.restore', { fileName: backup.fileName });
    expect((await host.call<VendorPage>('vendors.list', {})).rows.map((r) => r.name)).toEqual(['Kept']);
    await host.call('vendors.create', vendor('Last edit before quitting'));

    // Closing checkpoints the log into the file: the .vrr alone holds every edit.
    await host.send({ type: 'close' });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('Risk.vrr'))).toEqual(['Risk.vrr']);
    const copy = path.join(tempDir(), 'Copied alone.vrr');
    fs.copyFileSync(file, copy);
    const db = new Database(copy, { readonly: true });
    expect(db.prepare('SELECT name FROM vendors ORDER BY name').pluck().all()).toEqual(['Kept', 'Last edit before quitting']);
    db.close();
  });

  it('killed without being asked to close, leaves the last edits in the -wal beside the register (why quitting must ask)', async () => {
    const dir = tempDir();
    const host = startHost({ VRR_BACKUP_DIR: path.join(dir, 'Backups') });
    const file = path.join(dir, 'Risk.vrr');
    await host.send({ type: 'open', path: file, create: true });
    await host.call('vendors.create', vendor('Only in the log'));
    host.child.kill();
    expect(await host.exited).not.toBe(0);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });
});

describe('giving up a call in the bundled register process', () => {
  it('stops a long call when its page gives it up, answering it as cancelled, and goes on answering', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Large.vrr');
    const { db } = openRegister(file, { create: true });
    const now = new Date().toISOString();
    const add = db.prepare("INSERT INTO vendors (name, service_type, status, tier, created_at, updated_at) VALUES (?, 'crm', 'active', 1, ?, ?)");
    const hold = db.prepare('INSERT INTO holdings (vendor_id, category_id, records) VALUES (?, 1, ?)');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) hold.run(add.run(`Vendor ${i}`, now, now).lastInsertRowid, 1000 + i);
    })();
    closeRegister(db);
    const host = startHost({ VRR_BACKUP_DIR: path.join(dir, 'Backups') });
    await host.send({ type: 'open', path: file, create: false });

    // The cancel follows the call in the same stream, before a thread could have scored 20,000 vendors.
    const answer = new Promise<HostResponse>((resolve) => {
      const listener = (message: HostResponse) => message.id === 9001 && (host.child.off('message', listener), resolve(message));
      host.child.on('message', listener);
    });
    host.child.postMessage({ id: 9001, type: 'call', method: 'scoring.portfolio', args: {}, registerId: null } satisfies HostRequest);
    host.child.postMessage({ id: 9002, type: 'cancel', callId: 9001 } satisfies HostRequest);
    expect(await answer).toMatchObject({ ok: true, value: { ok: false, error: { code: 'CONFLICT', details: { cancelled: true } } } });
    expect((await host.call<VendorPage>('vendors.list', { limit: 1 })).total).toBe(20_000);
  });
});

describe('closing the bundled register process', () => {
  it('finishes a copy being saved before it closes the register, leaving no half-written file', async () => {
    const dir = tempDir();
    const host = startHost({ VRR_BACKUP_DIR: path.join(dir, 'Backups') });
    const file = path.join(dir, 'Risk.vrr');
    await host.send({ type: 'open', path: file, create: true });
    for (let i = 0; i < 50; i++) await host.call('vendors.create', vendor(`Vendor ${i}`));
    const target = path.join(dir, 'Copy.vrr');
    const copied = host.send({ type: 'saveCopy', target });
    await host.send({ type: 'close' });
    await expect(copied).resolves.toBeNull();
    expect(fs.readdirSync(dir).filter((name) => name.includes('.saving'))).toEqual([]);
    const db = new Database(target, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM vendors').pluck().get()).toBe(50);
    db.close();
  });

  it('stops running jobs when asked to close, leaving no partial backup and nothing beside the register', async () => {
    const dir = tempDir();
    const backups = path.join(dir, 'Backups');
    const host = startHost({ VRR_BACKUP_DIR: backups });
    const file = path.join(dir, 'Risk.vrr');
    await host.send({ type: 'open', path: file, create: true });
    const rows = ['name,service type,tier', ...Array.from({ length: 20_000 }, (_, i) => `Vendor ${i},other,2`)].join('\n');
    await host.call('imports.read', { fileName: 'vendors.csv', base64: Buffer.from(rows).toString('base64') });
    await host.call('backups.take', {});
    await host.send({ type: 'close' });
    // The backups folder exists only if a backup had started before the close: either way nothing else is left.
    expect(fs.readdirSync(dir).filter((name) => name !== 'Backups')).toEqual(['Risk.vrr']);
    const left = fs.existsSync(backups) ? (fs.readdirSync(backups, { recursive: true }) as string[]).filter((name) => name.endsWith('.vrr') || name.includes('.saving')) : [];
    expect(left.every((name) => name.endsWith(' daily.vrr'))).toBe(true);
  });
});
