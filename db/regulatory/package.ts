// The DORA RoI as an xBRL-CSV "plain-csv" report package of the EBA DORA 4.0 taxonomy:
//   {LEI}.{IND|CON}_{CC}_DORA010100_DORA_{refDate}_{yyyymmddhhmmssfff}.zip
//     {same name}/META-INF/reportPackage.json, reports/report.json, reports/parameters.csv,
//     reports/FilingIndicators.csv, reports/b_01.01.csv … b_99.01.csv
// Sources: xBRL report package 2023 and xBRL-CSV 2021 document types; the EBA's sample package as reproduced by
// Juunior03/Dora-Incident paquetEba.js and described by Copla and the CISO Assistant RoI specification §5 (package
// naming, parameters, every template declared reported to satisfy rule 808); the CSV conventions there: UTF-8, comma,
// quotes doubled, CRLF line endings, a header of DPM column codes.
import { zipSync, strToU8 } from 'fflate';
import { ApiError, type MethodArgs, type RoiExport } from '../contract';
import type { RegisterDb } from '../connection';
import { DORA_PACKAGE, DORA_TEMPLATES, DORA_TEMPLATE_IDS, templateFileName } from './dora-schema';
import { lintRoi, type FilingIndicator } from './lint';
import { buildRoi, type RoiTables } from './roi';

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvLines = (rows: string[][]) => rows.map((r) => `${r.map(csvCell).join(',')}\r\n`).join('');

/** yyyymmddhhmmssfff in UTC. */
const timestamp = (d: Date) => d.toISOString().replace(/\D/g, '').slice(0, 17);

export interface RoiPackage {
  /** The package's name, without .zip: also its top folder. */
  name: string;
  /** Path inside the zip → text. */
  files: Record<string, string>;
  tables: RoiTables;
  indicators: FilingIndicator[];
}

export function roiPackage(db: RegisterDb, { referenceDate, level }: MethodArgs<'roi.lint'>, now = new Date()): RoiPackage {
  const tables = buildRoi(db, { referenceDate: referenceDate!, reportingDate: now.toISOString().slice(0, 10) });
  const maintainer = tables['B_01.01'][0]?.cells;
  const lei = maintainer?.['0010'] ?? '';
  const country = (maintainer?.['0030'] ?? '').replace('eba_GA:', '');
  const currency = (db.prepare("SELECT currency FROM legal_entities WHERE maintains_register = 1").pluck().get() as string | null | undefined) ?? 'EUR';
  const name = `${lei}.${level}_${country}_${DORA_PACKAGE.module}_${referenceDate}_${timestamp(now)}`;
  const indicators = DORA_TEMPLATE_IDS.map((templateID) => ({ templateID, reported: true }));
  const files: Record<string, string> = {
    [`${name}/META-INF/reportPackage.json`]: `${JSON.stringify({ documentInfo: { documentType: DORA_PACKAGE.reportPackageType } }, null, 2)}\n`,
    [`${name}/reports/report.json`]: `${JSON.stringify({ documentInfo: { documentType: DORA_PACKAGE.reportType, extends: [DORA_PACKAGE.entryPoint] } }, null, 2)}\n`,
    [`${name}/reports/parameters.csv`]: csvLines([
      ['name', 'value'],
      ['entityID', `rs:${lei}.${level}`],
      ['refPeriod', referenceDate!],
      ['baseCurrency', `iso4217:${currency}`],
      ['decimalsInteger', '0'],
      ['decimalsMonetary', '-3'],
    ]),
    [`${name}/reports/FilingIndicators.csv`]: csvLines([['templateID', 'reported'], ...indicators.map((i) => [i.templateID, String(i.reported)])]),
  };
  for (const template of DORA_TEMPLATES) {
    const codes = template.columns.map((c) => c.code);
    files[`${name}/reports/${templateFileName(template.id)}`] = csvLines([codes.map((c) => `c${c}`), ...tables[template.id].map((row) => codes.map((c) => row.cells[c] ?? ''))]);
  }
  return { name, files, tables, indicators };
}

/** The linter's findings on the package the register would export now. */
export const lintRegister = (db: RegisterDb, options: MethodArgs<'roi.lint'>) => {
  const pkg = roiPackage(db, options);
  return lintRoi(pkg.tables, pkg.indicators, options.referenceDate!);
};

/**
 * The zipped package, refused (VALIDATION, with the findings) while any finding is blocking. A package with warnings
 * goes ahead, and its warnings come with it: the report goes beside the package, never into it (a package holds only
 * the files the taxonomy declares; the EBA's filing rules refuse extra files).
 */
export function exportRoi(db: RegisterDb, options: MethodArgs<'roi.export'>, now = new Date()): RoiExport {
  const pkg = roiPackage(db, options, now);
  const findings = lintRoi(pkg.tables, pkg.indicators, options.referenceDate!);
  const blocking = findings.filter((f) => f.severity === 'blocking');
  if (blocking.length) {
    throw new ApiError('VALIDATION', `The register cannot be exported yet: ${blocking.length} finding${blocking.length === 1 ? '' : 's'} would make the regulator reject it.`, { findings: blocking });
  }
  const zip = zipSync(Object.fromEntries(Object.entries(pkg.files).map(([path, content]) => [path, strToU8(content)])));
  return { fileName: `${pkg.name}.zip`, mimeType: 'application/zip', base64: Buffer.from(zip).toString('base64'), rows: Object.values(pkg.tables).reduce((n, rows) => n + rows.length, 0), findings };
}
