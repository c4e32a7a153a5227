// The RoI linter's findings as a CSV report for Excel, saved beside an exported package (never inside it: the EBA's
// filing rules refuse files the taxonomy does not declare). Formula-neutralised like every export, with a BOM so Excel
// reads UTF-8. Pure, so the Regulatory view builds it from the findings it already shows.
import type { RoiFinding } from '../contract';
import { neutralise } from './import-report';

const cell = (text: string) => {
  const safe = neutralise(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export function roiFindingsCsv(findings: RoiFinding[]): string {
  const rows = [
    ['Severity', 'Rule', 'Template', 'Column', 'Record', 'Field to fix', 'Finding'],
    ...findings.map((f) => [f.severity === 'blocking' ? 'Blocking' : 'Warning', f.rule, f.template, f.column ? `c${f.column}` : '', f.record, f.field, f.message]),
  ];
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** The report's file name beside the package: the package's own name with "findings". */
export const roiFindingsFileName = (packageFileName: string) => packageFileName.replace(/\.zip$/i, '') + ' findings.csv';
