// The linter run before a DORA RoI leaves the machine. Blocking: the four rules for which the EBA rejects a submission
// (805 empty key, 806 duplicate key, 807 broken foreign key, 808 filing indicators; CISO Assistant's RoI specification
// citing the EBA FAQ of March 2025), an entity maintaining the register (the package is named after its LEI), and
// LEIs failing their ISO 17442 check digits (EBA rules v8821/v8826 test the pattern; a wrong check digit is a typing
// mistake the regulator cannot match). Warnings: empty mandatory non-key cells (the DPM-XL "e" rules, as transcribed in
// artemeon/dpm-xl-validator src/RuleSet/DORA.php) and the data-quality rules of lint-rules.ts. Every finding names the
// register record and the field to fix.
import type { RoiFinding } from '../contract';
import { isValidLei } from '../shared/identifiers';
import { IDENTIFIER_TYPE_CODES } from '../shared/regulatory-codes';
import { DORA_TEMPLATES, DORA_TEMPLATE_IDS, doraTemplate, type DoraTemplate } from './dora-schema';
import { qualityFindings } from './lint-rules';
import type { RoiRow, RoiTables } from './roi';

export interface FilingIndicator {
  templateID: string;
  reported: boolean;
}

/** The DPM-XL rule requiring each template's mandatory columns. */
const MANDATORY_RULES: Record<string, string> = {
  'B_01.01': 'e23677',
  'B_01.02': 'e23676',
  'B_01.03': 'e23675',
  'B_02.01': 'e23792',
  'B_02.02': 'e23680',
  'B_04.01': 'e23683',
  'B_05.01': 'e23674',
  'B_06.01': 'e23682',
  'B_07.01': 'e23681',
};

/** Columns holding an LEI whatever the row (provider codes are checked when their type says LEI). */
const LEI_COLUMNS: Record<string, string[]> = {
  'B_01.01': ['0010'],
  'B_01.02': ['0010', '0060'],
  'B_01.03': ['0020'],
  'B_02.02': ['0020'],
  'B_03.01': ['0020'],
  'B_03.03': ['0020'],
  'B_04.01': ['0020'],
  'B_06.01': ['0040'],
};

/** Provider code → its code-type column, per template. */
const PROVIDER_CODES: Record<string, [string, string][]> = {
  'B_02.02': [['0030', '0040']],
  'B_03.02': [['0020', '0030']],
  'B_05.01': [['0010', '0020'], ['0110', '0120']],
  'B_05.02': [['0030', '0040'], ['0060', '0070']],
  'B_07.01': [['0020', '0030']],
};

const fieldOf = (template: DoraTemplate, row: RoiRow, code: string) => row.fields[code] ?? template.columns.find((c) => c.code === code)!.label;
const tuple = (row: RoiRow, codes: string[]) => JSON.stringify(codes.map((c) => row.cells[c] ?? ''));

/** The findings on the tables; with a reference date, stale dates and arrangements ended without a reason too. */
export function lintRoi(tables: RoiTables, indicators: FilingIndicator[], referenceDate?: string): RoiFinding[] {
  const findings: RoiFinding[] = [];
  // A record spread over several rows (a contract with one B_02.02 row per storage country) is told once per problem.
  const told = new Set<string>();
  const find = (template: DoraTemplate, row: RoiRow, column: string, rule: string, severity: RoiFinding['severity'], message: string) => {
    const finding = { rule, severity, template: template.id, column, record: row.record, field: fieldOf(template, row, column), message, target: row.targets?.[column] ?? row.target ?? null };
    const key = JSON.stringify(finding);
    if (!told.has(key)) findings.push(finding);
    told.add(key);
  };

  if (tables['B_01.01'].length !== 1) {
    findings.push({ rule: 'e23677', severity: 'blocking', template: 'B_01.01', column: '0010', record: 'Legal entities', field: 'Maintains the register', message: 'Choose the one legal entity that maintains the register: the package is named after its LEI.' });
  }

  for (const template of DORA_TEMPLATES) {
    const rows = tables[template.id];
    const keys = new Set<string>();
    for (const row of rows) {
      const empty = template.key.filter((c) => !row.cells[c]);
      for (const c of empty) find(template, row, c, '805', 'blocking', `Key column c${c} is empty.`);
      if (template.key.length && !empty.length) {
        const key = tuple(row, template.key);
        if (keys.has(key)) find(template, row, template.key[0]!, '806', 'blocking', `Another row of ${template.id} has the same key (${template.key.map((c) => row.cells[c]).join(', ')}).`);
        keys.add(key);
      }
      for (const column of template.columns) {
        if (column.mandatory && !template.key.includes(column.code) && !row.cells[column.code]) {
          find(template, row, column.code, MANDATORY_RULES[template.id] ?? 'mandatory', 'warning', `c${column.code} (${column.label}) is mandatory.`);
        }
      }
      for (const c of LEI_COLUMNS[template.id] ?? []) {
        const value = row.cells[c];
        if (value && !isValidLei(value)) find(template, row, c, 'LEI', 'blocking', `“${value}” is not a valid LEI (ISO 17442 check digits).`);
      }
      for (const [code, type] of PROVIDER_CODES[template.id] ?? []) {
        const value = row.cells[code];
        if (value && row.cells[type] === IDENTIFIER_TYPE_CODES.LEI && !isValidLei(value)) find(template, row, code, 'LEI', 'blocking', `“${value}” is not a valid LEI (ISO 17442 check digits).`);
      }
    }
    for (const fk of template.foreignKeys) {
      const target = doraTemplate(fk.references);
      const present = new Set(tables[fk.references].map((r) => tuple(r, fk.referencedColumns)));
      for (const row of rows) {
        if (fk.when && row.cells[fk.when.column] !== fk.when.equals) continue;
        const values = fk.columns.map((c) => row.cells[c] ?? '');
        if (values.every((v) => !v) && (fk.optional || fk.columns.every((c) => template.key.includes(c)))) continue;
        if (values.some((v) => !v) && fk.columns.some((c) => template.key.includes(c))) continue; // reported as 805
        if (!present.has(JSON.stringify(values))) {
          find(template, row, fk.columns[0]!, '807', 'blocking', `${values.join(' / ') || 'The empty value'} is not in ${target.id} (${target.name}).`);
        }
      }
    }
  }

  qualityFindings(tables, referenceDate, (template, row, column, rule, message) => find(doraTemplate(template), row, column, rule, 'warning', message));

  const declared = new Map<string, number>();
  for (const i of indicators) declared.set(i.templateID, (declared.get(i.templateID) ?? 0) + 1);
  for (const [id, count] of declared) {
    if (!(DORA_TEMPLATE_IDS as readonly string[]).includes(id)) findings.push(packageFinding('808', id, `FilingIndicators.csv names ${id}, which is not a template of the DORA module.`));
    else if (count > 1) findings.push(packageFinding('808', id, `FilingIndicators.csv names ${id} ${count} times.`));
  }
  for (const id of DORA_TEMPLATE_IDS) {
    const indicator = indicators.find((i) => i.templateID === id);
    if (!indicator) findings.push(packageFinding('808', id, `FilingIndicators.csv does not say whether ${id} is reported.`));
    else if (!indicator.reported && tables[id].length) findings.push(packageFinding('808', id, `${id} has ${tables[id].length} rows but its filing indicator says it is not reported.`));
  }
  return findings;
}

function packageFinding(rule: string, template: string, message: string): RoiFinding {
  return { rule, severity: 'blocking', template, column: null, record: 'The report package', field: 'Filing indicators', message };
}
