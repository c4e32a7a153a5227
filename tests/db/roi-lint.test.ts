// The RoI linter, rule by rule: each on a fixture that fails it and one that passes it.
import { describe, expect, it } from 'vitest';
import { lintRoi, type FilingIndicator } from '../../db/regulatory/lint';
import { DORA_TEMPLATE_IDS } from '../../db/regulatory/dora-schema';
import type { RoiRow, RoiTables } from '../../db/regulatory/roi';
import { sampleLei } from '../../db/regulatory/sample-roi';

const LEI = sampleLei('FIXTURE');
const LEI_TYPE = 'eba_qCO:qx2000';
const row = (record: string, cells: Record<string, string>, fields: Record<string, string> = {}): RoiRow => ({ record, cells, fields });
const ALL_REPORTED: FilingIndicator[] = DORA_TEMPLATE_IDS.map((templateID) => ({ templateID, reported: true }));

/** A small register that passes every rule: one entity, one contract with one provider and one function. */
function passing(): RoiTables {
  const t = Object.fromEntries(DORA_TEMPLATE_IDS.map((id) => [id, [] as RoiRow[]])) as RoiTables;
  const entity = { '0010': LEI, '0020': 'Payments Ltd', '0030': 'eba_GA:IE', '0040': 'eba_CT:x300', '0050': 'Central Bank of Ireland', '0060': '2026-01-15' };
  t['B_01.01'].push(row('Legal entity Payments Ltd', entity));
  t['B_01.02'].push(row('Legal entity Payments Ltd', { '0010': LEI, '0020': 'Payments Ltd', '0030': 'eba_GA:IE', '0040': 'eba_CT:x300', '0050': 'eba_RP:x53', '0060': LEI, '0070': '2026-01-01', '0080': '2025-01-01', '0090': '9999-12-31' }));
  t['B_02.01'].push(row('Contract C-1', { '0010': 'C-1', '0020': 'eba_CO:x1', '0040': 'eba_CU:EUR', '0050': '1000' }));
  t['B_05.01'].push(row('Vendor Acme', { '0010': LEI, '0020': LEI_TYPE, '0050': 'Acme', '0060': 'Acme', '0070': 'eba_CT:x212', '0080': 'eba_GA:IE', '0110': LEI, '0120': LEI_TYPE }));
  t['B_06.01'].push(row('Service Payments', { '0010': 'F1', '0020': 'eba_TA:x163', '0030': 'Payments', '0050': 'eba_BT:x28', '0070': '2025-06-01', '0080': '4', '0090': '1', '0100': 'eba_ZZ:x793' }));
  t['B_02.02'].push(
    row('Contract C-1', {
      '0010': 'C-1', '0020': LEI, '0030': LEI, '0040': LEI_TYPE, '0050': 'F1', '0060': 'eba_TA:S19', '0070': '2024-01-01', '0080': '9999-12-31',
      '0130': 'eba_GA:IE', '0150': 'eba_GA:IE', '0160': 'eba_GA:IE',
    }, { '0020': 'Entities using it' }),
  );
  return t;
}

const rules = (tables: RoiTables, indicators = ALL_REPORTED) => lintRoi(tables, indicators).filter((f) => f.severity === 'blocking');

describe('RoI linter', () => {
  it('passes a complete register', () => {
    expect(rules(passing())).toEqual([]);
  });

  it('805: an empty key cell, named by record and field', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0020'] = '';
    expect(rules(t)).toEqual([expect.objectContaining({ rule: '805', template: 'B_02.02', column: '0020', record: 'Contract C-1', field: 'Entities using it' })]);
  });

  it('805: a record spread over several rows is told once per problem', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0020'] = '';
    t['B_02.02'].push(row('Contract C-1', { ...t['B_02.02'][0]!.cells, '0150': 'eba_GA:DE' }, { '0020': 'Entities using it' }));
    expect(rules(t).map((f) => [f.rule, f.record, f.column])).toEqual([['805', 'Contract C-1', '0020']]);
  });

  it('806: two rows with the same key', () => {
    const t = passing();
    t['B_02.01'].push(row('Contract C-1 (again)', { ...t['B_02.01'][0]!.cells }));
    expect(rules(t)).toEqual([expect.objectContaining({ rule: '806', template: 'B_02.01', record: 'Contract C-1 (again)' })]);
  });

  it('807: a foreign key that is not in the referenced template', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0050'] = 'F9';
    expect(rules(t)).toEqual([expect.objectContaining({ rule: '807', template: 'B_02.02', column: '0050', message: expect.stringContaining('B_06.01') })]);
  });

  it('807: a provider referenced by code and type is matched on both', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0040'] = 'eba_qCO:qx2003';
    expect(rules(t).map((f) => f.rule)).toEqual(['807']);
  });

  it('808: a template with rows declared not reported, one not declared, and one declared twice', () => {
    const indicators = ALL_REPORTED.filter((i) => i.templateID !== 'B_06.01').map((i) => (i.templateID === 'B_05.01' ? { ...i, reported: false } : i));
    indicators.push({ templateID: 'B_02.01', reported: true });
    const found = rules(passing(), indicators);
    expect(found.map((f) => [f.rule, f.template])).toEqual([['808', 'B_02.01'], ['808', 'B_05.01'], ['808', 'B_06.01']]);
  });

  it('needs one entity maintaining the register', () => {
    const t = passing();
    t['B_01.01'] = [];
    expect(rules(t)).toEqual([expect.objectContaining({ rule: 'e23677', template: 'B_01.01', field: 'Maintains the register' })]);
  });

  it('LEI: an entity’s LEI and a provider code typed as LEI must pass the ISO 17442 check digits', () => {
    const wrong = LEI.replace(/\d$/, (d) => String((Number(d) + 1) % 10));
    const t = passing();
    t['B_01.02'][0]!.cells['0060'] = wrong;
    t['B_05.01'][0]!.cells['0110'] = wrong;
    expect(rules(t).map((f) => [f.rule, f.template, f.column])).toEqual([['LEI', 'B_01.02', '0060'], ['LEI', 'B_05.01', '0110']]);
    // The same text typed as a company registration number is not an LEI, so not checked as one.
    t['B_01.02'][0]!.cells['0060'] = LEI;
    t['B_05.01'][0]!.cells['0120'] = 'eba_qCO:qx2003';
    expect(rules(t)).toEqual([]);
  });

  it('mandatory: an empty mandatory non-key cell is a warning, not a reason to refuse', () => {
    const t = passing();
    expect(lintRoi(t, ALL_REPORTED).filter((f) => f.template === 'B_06.01')).toEqual([]);
    t['B_06.01'][0]!.cells['0080'] = '';
    const found = lintRoi(t, ALL_REPORTED);
    expect(found).toEqual([expect.objectContaining({ rule: 'e23682', severity: 'warning', template: 'B_06.01', column: '0080', record: 'Service Payments' })]);
  });
});
