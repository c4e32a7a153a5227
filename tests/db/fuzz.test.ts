// Contract fuzzing: every method, through dispatch (as IPC delivers arguments: NaN and Infinity included) and over the
// preview server's HTTP, with generated payloads — wrong types, missing and extra fields, huge strings, deep nesting,
// impossible dates, unicode edge cases, __proto__ keys, other records' ids. Every answer is an error as data (never
// INTERNAL for bad input) or a value, nothing hangs, and the register passes SQLite's integrity check after each batch.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type Envelope } from '../../db/contract';
import { startPreviewServer, type PreviewServer } from '../../db/preview/server';
import { createRegisterService, type RegisterService } from '../../db/service';
import os from 'node:os';

/** Runs per method and batch: bounded so the whole file takes seconds, while covering every method each run. */
const RUNS_PER_METHOD = Number(process.env.VRR_FUZZ_RUNS ?? 25);
const METHODS = Object.keys(contract) as (keyof typeof contract)[];

/** The field names a method's argument object knows, read from its zod schema (through refinements and pipes). */
function fieldNames(schema: z.ZodType): string[] {
  let current: unknown = schema;
  for (let depth = 0; depth < 6 && current; depth++) {
    const def = (current as { _zod?: { def?: { shape?: Record<string, unknown>; in?: unknown; innerType?: unknown; schema?: unknown } } })._zod?.def;
    if (def?.shape) return Object.keys(def.shape);
    current = def?.in ?? def?.innerType ?? def?.schema;
  }
  return [];
}

const edgeStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\u202e\u2066evil',
  '𝒱𝑒𝓃𝒹𝑜𝓇',
  '\ud800',
  'e\u0301',
  '=cmd|/C calc!A0',
  "'; DROP TABLE vendors; --",
  '<script>alert(1)</script>',
  '2026-02-30',
  '0000-00-00',
  '9999-99-99T99:99',
  '1e309',
  'NaN',
  '__proto__',
  '../../../etc/passwd',
  'x'.repeat(70_000),
);

const edgeNumbers = fc.constantFrom(0, -0, -1, 1, 2, 3, 5, 1.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, 1e308, -1e308);

function nested(depth: number): unknown {
  let value: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

const leaf = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 40 }), edgeStrings, fc.integer(), edgeNumbers, fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, leaf, tie('array'), tie('object'), fc.constantFrom(nested(50), nested(1_500))),
  array: fc.array(tie('any'), { maxLength: 4 }),
  object: fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'vendorId', 'name')), tie('any'), { maxKeys: 4 }),
})).any;

/** A payload for `method`: mostly its own field names with odd values, sometimes something else entirely. */
function payload(method: keyof typeof contract): fc.Arbitrary<unknown> {
  const names = fieldNames(contract[method].input as z.ZodType);
  const keys = fc.oneof(fc.constantFrom(...(names.length ? names : ['id'])), fc.constantFrom('__proto__', 'extra', 'constructor'));
  // As JSON delivers it: "__proto__" an own key, NaN and Infinity become null.
  const shaped = fc.dictionary(keys, value, { maxKeys: names.length + 2 }).map((entries) => JSON.parse(JSON.stringify(entries) ?? 'null') as unknown);
  const raw = fc.dictionary(keys, value, { maxKeys: names.length + 2 });
  return fc.oneof(shaped, raw, value, fc.constant(JSON.parse('{"__proto__": {"polluted": true}}')));
}

function expectErrorAsData(answer: Envelope<unknown>, method: string, args: unknown): void {
  expect(typeof answer.ok, method).toBe('boolean');
  if (!answer.ok) {
    expect(['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN'], `${method} ${answer.error.message.slice(0, 300)} ← ${JSON.stringify(args)?.slice(0, 300)}`).toContain(answer.error.code);
    expect(typeof answer.error.message).toBe('string');
  }
}

async function intactAfterBatch(service: RegisterService): Promise<void> {
  expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  expect(await service.checkIntegrity()).toEqual([]);
}

let dir: string;
let file: string;
let service: RegisterService;

/** A folder for the whole file (helpers' tempDir is removed after each test). */
const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-fuzz-'));

beforeAll(() => {
  dir = folder();
  file = path.join(dir, 'Fuzzed.vrr');
  service = createRegisterService({ actor: 'fuzz', backupDir: path.join(dir, 'Backups') });
  service.open(file, { create: true, sample: true });
});
afterAll(() => {
  service.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('contract fuzzing', () => {
  it.each(METHODS)('%s through dispatch answers bad input as data', async (method) => {
    fc.assert(
      fc.property(payload(method), (args) => {
        expectErrorAsData(service.call(method, args), method, args);
      }),
      { numRuns: RUNS_PER_METHOD, seed: Number(process.env.VRR_FUZZ_SEED ?? 20260401) + METHODS.indexOf(method) },
    );
    await intactAfterBatch(service);
  });

  it('leaves an intact register behind, with no leftovers beside it', async () => {
    // Let jobs the fuzzing started (backups, exports, reads) finish.
    for (let i = 0; i < 200 && fs.readdirSync(dir).some((name) => /\.(saving|restoring|creating)/.test(name)); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    service.close();
    const { openRegister } = await import('../../db/connection');
    const opened = openRegister(file);
    try {
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(opened.db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      opened.db.close();
    }
    service.open(file);
  });
});

describe('contract fuzzing over HTTP', () => {
  let preview: PreviewServer;
  let httpDir: string;
  beforeAll(async () => {
    httpDir = folder();
    const staticDir = path.join(httpDir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');
    preview = await startPreviewServer({
      registerPath: path.join(httpDir, 'Over HTTP.vrr'),
      sample: true,
      staticDir,
      pageHeaders: { contentSecurityPolicy: "default-src 'self'", contentTypes: {} },
    });
  });
  afterAll(async () => {
    await preview.close();
    fs.rmSync(httpDir, { recursive: true, force: true });
  });

  it('answers every method’s generated payloads as data, never a 500', async () => {
    const runs = Math.max(3, Math.round(RUNS_PER_METHOD / 5));
    for (const method of METHODS) {
      const samples = fc.sample(payload(method), { numRuns: runs, seed: 7 + METHODS.indexOf(method) });
      for (const args of samples) {
        const body = JSON.stringify(args) ?? 'null';
        const response = await fetch(`${preview.url}api/${encodeURIComponent(method)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        expect(response.status, `${method} ${body.slice(0, 200)}`).toBeLessThan(500);
        if (response.status === 200) expectErrorAsData((await response.json()) as Envelope<unknown>, method, args);
      }
    }
    // Unknown and malformed method names, too.
    for (const name of ['nope', '__proto__', 'constructor', 'vendors.__proto__', '%E0%A4%A', 'vendors/../../x']) {
      const response = await fetch(`${preview.url}api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status, name).toBeLessThan(500);
    }
    await intactAfterBatch(preview.service);
  });
});
