// The import report as a CSV file for Excel: formula-neutralised (the same rule as every export), with a BOM so
// Excel reads UTF-8 accents, and saying plainly where and why its lists stop. Pure, so the Import screen builds it.
import type { ImportReport, ImportRowPreview } from '../contract';

// OWASP CSV injection: text starting with = + - @ tab or CR gets an apostrophe in front. Apostrophes already in
// front of such text get one more, so the import can always remove exactly one.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function restoreNeutralised(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text) ? text.slice(1) : text;
}

/** What became of a row: added, updated (or found unchanged), or skipped — or nothing, when the import was refused. */
export function rowOutcome(action: ImportRowPreview['action'], committed: boolean): string {
  if (action === 'error') return 'skipped (errors)';
  if (!committed) return 'not imported';
  return action === 'create' ? 'added' : 'updated or unchanged';
}

const BOM = '\uFEFF';

export function importReportCsv(report: ImportReport): string {
  const cell = (value: string | number) => (typeof value === 'number' ? String(value) : `"${neutralise(value).replace(/"/g, '""')}"`);
  const line = (...values: (string | number)[]) => values.map(cell).join(',');
  const lines = [
    line('File', report.fileName),
    line('Imported', report.committed ? 'yes' : 'no'),
    line('Rows', report.rows),
    line('Added', report.created),
    line('Updated', report.updated),
    line('Unchanged', report.unchanged),
    line('Skipped', report.skipped),
    line('Rows with errors', report.withErrors),
    line('Warnings', report.warningCount),
    line('Filtered out', report.filteredOut),
    ...report.leftOut.map((r) => line('Left out', `row ${r.line} (${r.kind}): ${r.text}`)),
    '',
    line('Problems by cause'),
    line('Level', 'Column', 'Rows', 'Cause'),
    ...report.causes.map((c) => line(c.level, c.column ?? '', c.count, c.cause)),
    '',
    line('Problems by row'),
    ...(report.issueCount > report.issues.length
      ? [line(`This list stops at ${report.issues.length.toLocaleString('en')} of ${report.issueCount.toLocaleString('en')} problems (errors first): the check keeps that many to stay fast. Every problem is counted above by cause; fix these and check again to see the rest.`)]
      : []),
    line('Row', 'Column', 'Level', 'Problem'),
    ...report.issues.map((i) => line(i.line, i.column ?? '', i.level, i.message)),
    '',
    line('Rows'),
    ...(report.preview.length < report.rows
      ? [line(`This list stops at ${report.preview.length.toLocaleString('en')} of ${report.rows.toLocaleString('en')} rows (rows with errors first, then the first others): the check keeps that many for the preview.`)]
      : []),
    line('Row', 'Outcome', 'Record'),
    ...report.preview.map((row) => line(row.line, rowOutcome(row.action, report.committed), row.label)),
  ];
  return BOM + lines.join('\r\n') + '\r\n';
}
