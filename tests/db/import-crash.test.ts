// A large import killed with SIGKILL at random moments while it is being written leaves the register exactly as it
// was: same row counts, same content, and the file opens normally.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { openRegister } from '../../db/connection';
import { createRegisterService } from '../../db/service';
import { tempDir } from './helpers';

const CHILD = path.join(import.meta.dirname, 'crash', 'import-child.ts');
const KILLS_REQUIRED = 20;

function contentHash(file: string): { counts: Record<string, number>; hash: string } {
  const { db } = openRegister(file);
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
    const hash = createHash('sha256');
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const rows = (db.prepare(`SELECT * FROM "${table}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
      counts[table] = rows.length;
      hash.update(table).update(rows.join('\n'));
    }
    return { counts, hash: hash.digest('hex') };
  } finally {
    db.close();
  }
}

function runChild(register: string, csv: string, killAfterMs: number | null): Promise<{ finished: boolean; writingMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, register, csv, 'vendors'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let killed = false;
    let writingAt = 0;
    let doneAt = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!writingAt && out.includes('writing')) writingAt = performance.now();
      if (!doneAt && out.includes('done')) doneAt = performance.now();
      if (killAfterMs !== null && writingAt && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ finished: out.includes('done'), writingMs: doneAt - writingAt });
      else reject(new Error(`child exited with ${code}: ${err}`));
    });
  });
}

describe('an import killed mid-write', () => {
  it(`leaves the register exactly as before, ${KILLS_REQUIRED} times out of ${KILLS_REQUIRED}`, async () => {
    const dir = tempDir();
    const base = path.join(dir, 'Base.vrr');
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    service.open(base, { create: true, sample: true });
    service.close();
    const csv = path.join(dir, 'vendors.csv');
    const rows = Array.from({ length: 8_000 }, (_, i) => `Imported vendor ${i},Payment gateway,${1000 + i},AUD,${i % 50 === 0 ? 'Stratus Cloud; Shared Platform' : ''}`);
    fs.writeFileSync(csv, ['Vendor,Service type,Annual spend,Currency,Depends on', ...rows].join('\n'));

    const before = contentHash(base);
    const complete = path.join(dir, 'Complete.vrr');
    fs.copyFileSync(base, complete);
    const full = await runChild(complete, csv, null);
    expect(full.finished).toBe(true);
    const after = contentHash(complete);
    expect(after.counts.vendors).toBe(before.counts.vendors! + 8_001);

    let killsMidWrite = 0;
    for (let attempt = 0; attempt < 60 && killsMidWrite < KILLS_REQUIRED; attempt++) {
      const work = path.join(dir, `Work ${attempt}.vrr`);
      fs.copyFileSync(base, work);
      // Killed at a random moment between the first row written and the end of the import (the last fifth of which
      // is the commit and the snapshot after it).
      const { finished } = await runChild(work, csv, Math.floor(Math.random() * 0.8 * full.writingMs));
      const state = contentHash(work);
      if (state.hash === before.hash) {
        expect(state.counts).toEqual(before.counts);
        expect(finished).toBe(false);
        killsMidWrite++;
      } else {
        // The kill came after the commit: the import is there whole (the daily snapshot after it may be missing).
        const { snapshots: _s, ...rows } = state.counts;
        const { snapshots: _a, ...expected } = after.counts;
        expect(rows).toEqual(expected);
      }
      fs.rmSync(work, { force: true });
    }
    expect(killsMidWrite).toBe(KILLS_REQUIRED);
  }, 240_000);
});
