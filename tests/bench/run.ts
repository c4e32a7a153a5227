// npm run bench: times register queries at several sizes and prints a table (not part of npm test).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICE_TYPES, VENDOR_STATUSES } from '../../db/contract';
import { openRegister } from '../../db/connection';
import { createRegisterService } from '../../db/service';

const SIZES = [10_000, 100_000];
const RUNS = 7;

function seed(file: string, vendors: number): void {
  const { db } = openRegister(file, { create: true });
  const insert = db.prepare(
    `INSERT INTO vendors (name, legal_name, service_type, status, tier, hq_country, owner, annual_spend, spend_currency, next_review_due, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'AUD', ?, ?, ?)`,
  );
  const countries = ['AU', 'US', 'GB', 'PH', 'IN', 'SG', 'IE', 'NZ'];
  const now = new Date().toISOString();
  db.transaction(() => {
    for (let i = 0; i < vendors; i++) {
      const month = String((i % 12) + 1).padStart(2, '0');
      insert.run(
        `Vendor ${i}`,
        `Vendor ${i} Pty Ltd`,
        SERVICE_TYPES[i % SERVICE_TYPES.length],
        VENDOR_STATUSES[i % VENDOR_STATUSES.length],
        (i % 3) + 1,
        countries[i % countries.length],
        `Owner ${i % 97}`,
        (i * 7919) % 5_000_000,
        `2027-${month}-15`,
        now,
        now,
      );
    }
  })();
  db.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const QUERIES: [string, object][] = [
  ['list first page (by name)', {}],
  ['sort by annual spend, desc', { sortBy: 'annualSpend', sortDir: 'desc' }],
  ['sort by next review', { sortBy: 'nextReviewDue' }],
  ['search "vendor 123"', { search: 'vendor 123' }],
  ['filter active chat vendors', { statuses: ['active'], serviceTypes: ['chat_messaging'] }],
  ['filter + search + sort', { statuses: ['active'], search: '12', sortBy: 'owner' }],
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'vrr-bench-'));
const rows: string[][] = [];
try {
  for (const size of SIZES) {
    const file = path.join(work, `bench-${size}.vrr`);
    const seedStart = performance.now();
    seed(file, size);
    const seedMs = performance.now() - seedStart;
    const openStart = performance.now();
    const service = createRegisterService({ actor: 'bench' });
    service.open(file);
    const openMs = performance.now() - openStart;
    rows.push([size.toLocaleString('en'), 'create register + insert vendors', seedMs.toFixed(0)]);
    rows.push([size.toLocaleString('en'), 'open (checks + quick_check)', openMs.toFixed(1)]);
    for (const [label, query] of QUERIES) {
      const times: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const start = performance.now();
        const result = service.call('vendors.list', { ...query, limit: 500 });
        times.push(performance.now() - start);
        if (!result.ok) throw new Error(result.error.message);
      }
      rows.push([size.toLocaleString('en'), `vendors.list: ${label}`, median(times).toFixed(2)]);
    }
    service.close();
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

const header = ['vendors', 'operation', 'median ms'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows) console.log(line(row));
