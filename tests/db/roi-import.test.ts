// Round trip: the sample's DORA RoI package imports into an empty register with the same providers, arrangements,
// functions, entities and supply chain (compared by identifiers, not row ids); a damaged package is refused with its
// findings (file, row, column) and leaves the register empty; a register that is not empty is refused.
import { strToU8, zipSync } from 'fflate';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { ExportedFile, RoiFinding, RoiImportReport } from '../../db/contract';
import { templateFileName, type DoraTemplateId } from '../../db/regulatory/dora-schema';
import type { RegisterService } from '../../db/service';
import { job, ok, serviceWithRegister } from './helpers';
import { identifyRealCompanies, sampleService, unzip } from './roi-sample';

const today = new Date().toISOString().slice(0, 10);

async function samplePackage(): Promise<Record<string, string>> {
  const service = sampleService();
  try {
    identifyRealCompanies(service);
    return unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
  } finally {
    service.close();
  }
}

const zip = (files: Record<string, string>) => Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([p, text]) => [p, strToU8(text)])))).toString('base64');
const pathOf = (files: Record<string, string>, id: DoraTemplateId) => Object.keys(files).find((p) => p.endsWith(`/reports/${templateFileName(id)}`))!;
const rowsOf = (files: Record<string, string>, id: DoraTemplateId) => {
  const [header, ...rows] = Papa.parse<string[]>(files[pathOf(files, id)]!.trimEnd(), { newline: '\r\n' }).data;
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
};
/** A template's rows by the given columns, as a sorted list of tuples: what a comparison by identifiers sees. */
const keys = (files: Record<string, string>, id: DoraTemplateId, columns: string[]) => [...new Set(rowsOf(files, id).map((r) => columns.map((c) => r[c]).join(' | ')))].sort();

async function importInto(service: RegisterService, files: Record<string, string>) {
  return job<RoiImportReport>(service, 'roi.import', { fileName: 'package.zip', base64: zip(files) });
}

/** The findings of a refused import (the job's error details). */
async function refusal(service: RegisterService, files: Record<string, string>): Promise<RoiFinding[]> {
  const { jobId } = ok<{ jobId: string }>(service, 'roi.import', { fileName: 'package.zip', base64: zip(files) });
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 2));
    const status = ok<{ state: string; error?: { details?: { findings?: RoiFinding[] } } }>(service, 'jobs.status', { jobId });
    if (status.state === 'done') throw new Error('The damaged package was imported.');
    if (status.state !== 'running') return status.error?.details?.findings ?? [];
  }
}

const registerCounts = (service: RegisterService) => ({
  vendors: ok<{ rows: unknown[] }>(service, 'vendors.list', { limit: 10 }).rows.length,
  services: ok<unknown[]>(service, 'services.list', {}).length,
  contracts: ok<unknown[]>(service, 'contracts.list', {}).length,
  entities: ok<unknown[]>(service, 'legalEntities.list', {}).length,
});

describe('RoI import', () => {
  it('imports the sample’s package into an empty register with the same providers, arrangements, functions, entities and supply chain', async () => {
    const source = await samplePackage();
    const { service } = serviceWithRegister('Imported');
    const report = await importInto(service, source);
    expect(report).toMatchObject({ providers: rowsOf(source, 'B_05.01').length, arrangements: rowsOf(source, 'B_02.01').length, functions: rowsOf(source, 'B_06.01').length, legalEntities: rowsOf(source, 'B_01.02').length });

    const again = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    const same = (id: DoraTemplateId, columns: string[]) => expect(keys(again, id, columns), `${id} ${columns.join(',')}`).toEqual(keys(source, id, columns));
    same('B_01.01', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050']);
    same('B_01.02', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050', 'c0060', 'c0100']);
    same('B_05.01', ['c0010', 'c0020', 'c0050', 'c0070', 'c0080', 'c0090', 'c0100', 'c0110', 'c0120']);
    same('B_02.01', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050']);
    same('B_02.02', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050', 'c0060', 'c0070', 'c0080', 'c0090', 'c0100', 'c0110', 'c0120', 'c0130', 'c0160', 'c0180']);
    same('B_05.02', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050', 'c0060', 'c0070']);
    same('B_06.01', ['c0010', 'c0020', 'c0030', 'c0050', 'c0070', 'c0080', 'c0090', 'c0100']);
    same('B_07.01', ['c0010', 'c0020', 'c0030', 'c0040', 'c0050', 'c0060', 'c0070', 'c0080', 'c0090', 'c0100', 'c0110', 'c0120']);
    // The sample assesses some services and ends one contract: the round trip is not of empty cells only.
    expect(rowsOf(source, 'B_07.01').filter((r) => r.c0070 && r.c0090 && r.c0110).length).toBeGreaterThan(2);
    expect(rowsOf(source, 'B_02.02').some((r) => r.c0090 === 'eba_CO:x4')).toBe(true);
    // Where the register has no place for a value (storage countries belong to data holdings), it says so.
    expect(report.warnings.some((w) => w.rule === 'import' && w.column === '0150')).toBe(true);
  });

  it('reads columns by their codes, not their order', async () => {
    const source = await samplePackage();
    const file = pathOf(source, 'B_05.01');
    const [header, ...rows] = Papa.parse<string[]>(source[file]!.trimEnd(), { newline: '\r\n' }).data;
    const reversed = (r: string[]) => [...r].reverse();
    const shuffled = { ...source, [file]: Papa.unparse([reversed(header!), ...rows.map(reversed)], { newline: '\r\n' }) };
    const { service } = serviceWithRegister('Shuffled');
    await importInto(service, shuffled);
    const again = unzip(await job<ExportedFile>(service, 'roi.export', { referenceDate: today }));
    expect(keys(again, 'B_05.01', ['c0010', 'c0020', 'c0050', 'c0080'])).toEqual(keys(source, 'B_05.01', ['c0010', 'c0020', 'c0050', 'c0080']));
  });

  it('refuses a damaged package with every finding named by file, row and column, and writes nothing', async () => {
    const source = await samplePackage();
    const damaged = { ...source };
    delete damaged[pathOf(source, 'B_06.01')];
    const providers = pathOf(source, 'B_05.01');
    damaged[providers] = damaged[providers]!.replace(/^c0010,c0020,c0030/, 'c0010,c0020,c0999');
    const { service } = serviceWithRegister('Damaged');
    const findings = await refusal(service, damaged);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'column', template: 'B_05.01', column: 'c0999', record: 'b_05.01.csv, header', field: 'column 3' }),
      expect.objectContaining({ rule: 'file', template: 'B_06.01', record: 'The report package', field: 'reports/b_06.01.csv' }),
    ]);

    // A broken foreign key: a function no B_06.01 row has.
    const specific = pathOf(source, 'B_02.02');
    const lines = source[specific]!.split('\r\n');
    const header = lines[0]!.split(',');
    const cells = Papa.parse<string[]>(lines[1]!).data[0]!;
    cells[header.indexOf('c0050')] = 'F99';
    const broken = { ...source, [specific]: [lines[0], Papa.unparse([cells]), ...lines.slice(2)].join('\r\n') };
    expect(await refusal(service, broken)).toEqual([expect.objectContaining({ rule: '807', template: 'B_02.02', column: '0050', record: 'b_02.02.csv, row 2', message: expect.stringContaining('F99') })]);

    // An unreadable value.
    const entities = pathOf(source, 'B_01.02');
    const badType = { ...source, [entities]: source[entities]!.replace('eba_CT:x300', 'eba_CT:x999') };
    expect(await refusal(service, badType)).toEqual([expect.objectContaining({ rule: 'value', template: 'B_01.02', column: '0040', record: expect.stringMatching(/^b_01\.02\.csv, row \d+$/), message: expect.stringContaining('x999') })]);

    expect(registerCounts(service)).toEqual({ vendors: 0, services: 0, contracts: 0, entities: 0 });
  });

  it('says which values it keeps as not set: a reintegration "not applicable" (intra-group) and a second assessment of an arrangement', async () => {
    const source = await samplePackage();
    const assessments = pathOf(source, 'B_07.01');
    const [header, first, ...rest] = Papa.parse<string[]>(source[assessments]!.trimEnd(), { newline: '\r\n' }).data;
    const notApplicable = [...first!];
    notApplicable[header!.indexOf('c0090')] = 'eba_ZZ:x0';
    const second = [...first!];
    second[header!.indexOf('c0040')] = 'eba_TA:S01';
    second[header!.indexOf('c0090')] = 'eba_ZZ:x798';
    const edited = { ...source, [assessments]: Papa.unparse([header!, notApplicable, ...rest, second], { newline: '\r\n' }) };
    const { service } = serviceWithRegister('Intra-group');
    const report = await importInto(service, edited);
    const imported = report.warnings.filter((w) => w.rule === 'import' && w.template === 'B_07.01');
    expect(imported).toEqual([
      expect.objectContaining({ column: '0090', record: 'b_07.01.csv, row 2', message: expect.stringMatching(/not applicable/) }),
      expect.objectContaining({ column: null, record: `b_07.01.csv, row ${rest.length + 3}`, message: expect.stringMatching(/keeps one per contract/) }),
    ]);
  });

  it('refuses a register that is not empty, saying why', async () => {
    const source = await samplePackage();
    const { service } = serviceWithRegister('Busy');
    ok(service, 'services.save', { service: { name: 'Payments', criticality: 'critical' } });
    const { jobId } = ok<{ jobId: string }>(service, 'roi.import', { fileName: 'package.zip', base64: zip(source) });
    let status: { state: string; error?: { message: string } };
    do {
      await new Promise((resolve) => setTimeout(resolve, 2));
      status = ok(service, 'jobs.status', { jobId });
    } while (status.state === 'running');
    expect(status.error?.message).toMatch(/not empty.*New register/);
    expect(registerCounts(service)).toMatchObject({ vendors: 0, services: 1 });
  });
});
