// The RoI linter, rule by rule: each on a fixture that fails it and one that passes it.
import { describe, expect, it } from 'vitest';
import { lintRoi, type FilingIndicator } from '../../db/regulatory/lint';
import { DORA_TEMPLATE_IDS } from '../../db/regulatory/dora-schema';
import type { RoiRow, RoiTables } from '../../db/regulatory/roi';
import { sampleLei } from '../../db/regulatory/sample-roi';
import { roiFindingsCsv, roiFindingsFileName } from '../../db/shared/roi-findings';

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

describe('RoI linter: data-quality warnings, each with a failing and a passing fixture', () => {
  const REF = '2025-12-31';
  const EUID = 'eba_qCO:qx2002';
  const warned = (t: RoiTables, rule: string) => lintRoi(t, ALL_REPORTED, REF).filter((f) => f.rule === rule);
  const withChain = () => {
    const t = passing();
    const X = sampleLei('SUBCONTRACTOR');
    t['B_05.01'].push(row('Vendor Sub', { '0010': X, '0020': LEI_TYPE, '0050': 'Sub', '0060': 'Sub', '0070': 'eba_CT:x212', '0080': 'eba_GA:IE', '0110': X, '0120': LEI_TYPE }));
    t['B_05.02'].push(row('Contract C-1', { '0010': 'C-1', '0020': 'eba_TA:S19', '0030': LEI, '0040': LEI_TYPE, '0050': '1', '0060': LEI, '0070': LEI_TYPE }));
    t['B_05.02'].push(row('Dependency of Acme on Sub', { '0010': 'C-1', '0020': 'eba_TA:S19', '0030': X, '0040': LEI_TYPE, '0050': '2', '0060': LEI, '0070': LEI_TYPE }));
    return { t, X };
  };

  it('a complete register raises none of them', () => {
    const { t } = withChain();
    const quality = new Set(['EUID', 'rank', 'v8816', 'termination', 'stale', 'v8805', 'v8817', 'v8823', 'v8824', 'v8825', 'v8803', 'country', 'branch', 'intra-group']);
    expect(lintRoi(t, ALL_REPORTED, REF).filter((f) => quality.has(f.rule))).toEqual([]);
  });

  it('EUID: an EEA country prefix and a dot; no EUID for a provider outside the EEA', () => {
    const t = passing();
    const provider = t['B_05.01'][0]!;
    Object.assign(provider.cells, { '0010': 'FRRCS.123456789', '0020': EUID, '0080': 'eba_GA:FR', '0110': 'FRRCS.123456789', '0120': EUID });
    expect(warned(t, 'EUID')).toEqual([]);
    provider.cells['0010'] = 'USRCS.123456789';
    provider.cells['0110'] = 'FRRCS123456789';
    expect(warned(t, 'EUID').map((f) => [f.column, f.record])).toEqual([['0010', 'Vendor Acme'], ['0110', 'Vendor Acme']]);
    Object.assign(provider.cells, { '0010': 'FRRCS.123456789', '0110': 'FRRCS.123456789', '0080': 'eba_GA:US' });
    expect(warned(t, 'EUID')).toEqual([expect.objectContaining({ column: '0020', message: expect.stringContaining('outside the EEA (US)') })]);
  });

  it('rank: rank 1 is its own recipient, rank n+1 supplies a rank n provider of the same arrangement', () => {
    expect(warned(withChain().t, 'rank')).toEqual([]);
    const { t, X } = withChain();
    t['B_05.02'][0]!.cells['0060'] = X;
    t['B_05.02'][1]!.cells['0050'] = '3';
    t['B_05.02'].push(row('Dependency of Sub on Acme', { ...t['B_05.02'][1]!.cells, '0050': 'two' }));
    expect(warned(t, 'rank').map((f) => [f.record, f.column, f.message.slice(0, 30)])).toEqual([
      ['Contract C-1', '0060', 'At rank 1 the provider is the '],
      ['Dependency of Acme on Sub', '0060', `The recipient ${LEI} i`.slice(0, 30)],
      ['Dependency of Sub on Acme', '0050', '“two” is not a rank: 1 for the'],
    ]);
  });

  it('v8816: the end date is after the start date', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0080'] = '2025-06-30';
    expect(warned(t, 'v8816')).toEqual([]);
    t['B_02.02'][0]!.cells['0080'] = '2023-12-31';
    expect(warned(t, 'v8816')).toEqual([expect.objectContaining({ template: 'B_02.02', column: '0080', record: 'Contract C-1' })]);
  });

  it('termination: an arrangement ended before the reference date says why', () => {
    const t = passing();
    t['B_02.02'][0]!.cells['0080'] = '2025-06-30';
    expect(warned(t, 'termination')).toEqual([expect.objectContaining({ column: '0090', record: 'Contract C-1' })]);
    t['B_02.02'][0]!.cells['0090'] = 'eba_ZZ:x4';
    expect(warned(t, 'termination')).toEqual([]);
  });

  it('stale: a last audit or a criticality assessment more than a year before the reference date', () => {
    const t = passing();
    t['B_07.01'].push(row('Contract C-1', { '0010': 'C-1', '0020': LEI, '0030': LEI_TYPE, '0040': 'eba_TA:S19', '0050': 'eba_ZZ:x962', '0070': '2025-03-01', '0080': 'eba_BT:x28' }));
    expect(warned(t, 'stale')).toEqual([]);
    t['B_07.01'][0]!.cells['0070'] = '2024-12-30';
    t['B_06.01'][0]!.cells['0070'] = '2024-06-01';
    expect(warned(t, 'stale').map((f) => [f.template, f.column])).toEqual([['B_07.01', '0070'], ['B_06.01', '0070']]);
    // Without a reference date there is nothing to be stale against.
    expect(lintRoi(t, ALL_REPORTED).filter((f) => f.rule === 'stale')).toEqual([]);
  });

  it('v8805: a subsequent arrangement names its overarching arrangement', () => {
    const t = passing();
    t['B_02.01'][0]!.cells['0020'] = 'eba_CO:x3';
    expect(warned(t, 'v8805')).toEqual([expect.objectContaining({ column: '0030', record: 'Contract C-1' })]);
    t['B_02.01'].push(row('Contract C-0', { '0010': 'C-0', '0020': 'eba_CO:x2', '0040': 'eba_CU:EUR', '0050': '0' }));
    t['B_02.01'][0]!.cells['0030'] = 'C-0';
    expect(warned(t, 'v8805')).toEqual([]);
  });

  it('v8817: a legal person is identified by an LEI or an EUID', () => {
    const t = passing();
    t['B_05.01'][0]!.cells['0020'] = 'eba_qCO:qx2003';
    expect(warned(t, 'v8817')).toEqual([expect.objectContaining({ column: '0020', record: 'Vendor Acme' })]);
    t['B_05.01'][0]!.cells['0070'] = 'eba_CT:x213';
    expect(warned(t, 'v8817')).toEqual([]);
  });

  it('v8823 and v8824: an additional code has its type, an expense its currency', () => {
    const t = passing();
    Object.assign(t['B_05.01'][0]!.cells, { '0030': 'IE123', '0100': '1000' });
    expect([...warned(t, 'v8823'), ...warned(t, 'v8824')].map((f) => f.column)).toEqual(['0040', '0090']);
    Object.assign(t['B_05.01'][0]!.cells, { '0040': 'eba_qCO:qx2004', '0090': 'eba_CU:EUR' });
    expect([...warned(t, 'v8823'), ...warned(t, 'v8824')]).toEqual([]);
  });

  it('v8825: not substitutable or highly complex needs its reason', () => {
    const t = passing();
    t['B_07.01'].push(row('Contract C-1', { '0010': 'C-1', '0020': LEI, '0030': LEI_TYPE, '0040': 'eba_TA:S19', '0050': 'eba_ZZ:x959', '0070': '2025-06-01', '0080': 'eba_BT:x28' }));
    expect(warned(t, 'v8825')).toEqual([expect.objectContaining({ column: '0060' })]);
    t['B_07.01'][0]!.cells['0060'] = 'eba_ZZ:x963';
    expect(warned(t, 'v8825')).toEqual([]);
  });

  it('v8803: total assets have their currency', () => {
    const t = passing();
    t['B_01.02'][0]!.cells['0110'] = '5000000';
    expect(warned(t, 'v8803')).toEqual([expect.objectContaining({ column: '0100', record: 'Legal entity Payments Ltd' })]);
    t['B_01.02'][0]!.cells['0100'] = 'eba_CU:EUR';
    expect(warned(t, 'v8803')).toEqual([]);
  });
});

describe('RoI linter: branches (B_01.03, B_04.01) and intra-group arrangements (B_02.03, B_03.03)', () => {
  const REF = '2025-12-31';
  const found = (t: RoiTables) => lintRoi(t, ALL_REPORTED, REF);
  const onRule = (t: RoiTables, rule: string) => found(t).filter((f) => f.rule === rule).map((f) => [f.template, f.column, f.record]);
  const branchRow = (cells: Record<string, string> = {}) => row('Branch Frankfurt', { '0010': 'FRA', '0020': LEI, '0030': 'Frankfurt', '0040': 'eba_GA:DE', ...cells }, { '0020': 'Head office' });
  const usedBy = (nature: string, code: string) => row('Contract C-1', { '0010': 'C-1', '0020': LEI, '0030': nature, '0040': code });
  /** The passing register with a branch using C-1 through its head office, and an intra-group arrangement G-1 linked to C-1. */
  function withBranchAndGroup(): RoiTables {
    const t = passing();
    t['B_01.03'].push(branchRow());
    t['B_04.01'].push(usedBy('eba_ZZ:x839', 'Not Applicable'), usedBy('eba_ZZ:x838', 'FRA'));
    t['B_02.01'].push(row('Contract G-1', { '0010': 'G-1', '0020': 'eba_CO:x1', '0040': 'eba_CU:EUR', '0050': '10' }));
    t['B_03.03'].push(row('Contract G-1', { '0010': 'G-1', '0020': LEI, '0031': 'true' }));
    t['B_02.03'].push(row('Contract G-1', { '0010': 'G-1', '0020': 'C-1', '0030': 'true' }));
    return t;
  }

  it('passes a register with a branch and an intra-group arrangement', () => {
    expect(found(withBranchAndGroup()).filter((f) => f.severity === 'blocking' || ['country', 'branch', 'intra-group'].includes(f.rule))).toEqual([]);
  });

  it('805 and 806: a branch without its code, and two branches with the same code at the same head office', () => {
    const t = withBranchAndGroup();
    t['B_01.03'].push(branchRow({ '0010': '' }));
    expect(rules(t).map((f) => [f.rule, f.template, f.column])).toEqual([['805', 'B_01.03', '0010']]);
    t['B_01.03'][1]!.cells['0010'] = 'FRA';
    expect(rules(t).map((f) => [f.rule, f.template, f.column])).toEqual([['806', 'B_01.03', '0010']]);
    t['B_01.03'][1]!.cells['0010'] = 'MUC';
    expect(rules(t)).toEqual([]);
  });

  it('807: a branch whose head office is not an entity in scope, named at the head office field', () => {
    const t = withBranchAndGroup();
    t['B_01.03'][0]!.cells['0020'] = sampleLei('ELSEWHERE');
    t['B_04.01'].pop();
    expect(rules(t)).toEqual([expect.objectContaining({ rule: '807', template: 'B_01.03', column: '0020', record: 'Branch Frankfurt', field: 'Head office', message: expect.stringContaining('B_01.02') })]);
  });

  it('807: a branch’s row of B_04.01 names a branch of B_01.03 of the same head office; other rows say Not Applicable', () => {
    const t = withBranchAndGroup();
    t['B_04.01'][1]!.cells['0040'] = 'MUC';
    expect(rules(t).map((f) => [f.rule, f.template, f.column])).toEqual([['807', 'B_04.01', '0040']]);
    t['B_04.01'][1]!.cells['0040'] = 'FRA';
    t['B_04.01'][1]!.cells['0020'] = sampleLei('SCARGROUP');
    expect(rules(t).map((f) => [f.rule, f.template, f.column])).toEqual([['807', 'B_04.01', '0040']]);
  });

  it('branch: the nature of the entity and the branch code agree', () => {
    const t = withBranchAndGroup();
    expect(onRule(t, 'branch')).toEqual([]);
    t['B_04.01'][0]!.cells['0040'] = 'FRA';
    t['B_04.01'].push(usedBy('eba_ZZ:x838', 'Not Applicable'), usedBy('eba_ZZ:x999', 'Not Applicable'));
    expect(onRule(t, 'branch')).toEqual([['B_04.01', '0040', 'Contract C-1'], ['B_04.01', '0040', 'Contract C-1'], ['B_04.01', '0030', 'Contract C-1']]);
  });

  it('country: a branch’s country (and every other country cell) is an ISO 3166 code; "not applicable" only in B_02.02’s key', () => {
    const t = withBranchAndGroup();
    t['B_02.02'][0]!.cells['0150'] = 'eba_GA:qx2007';
    expect(onRule(t, 'country')).toEqual([]);
    t['B_01.03'][0]!.cells['0040'] = 'eba_GA:XX';
    t['B_05.01'][0]!.cells['0080'] = 'IE';
    t['B_02.02'][0]!.cells['0120'] = 'eba_GA:qx2007';
    expect(onRule(t, 'country')).toEqual([['B_01.03', '0040', 'Branch Frankfurt'], ['B_02.02', '0120', 'Contract C-1'], ['B_05.01', '0080', 'Vendor Acme']]);
  });

  it('807: both arrangements of a B_02.03 link are in B_02.01', () => {
    const t = withBranchAndGroup();
    t['B_02.03'][0]!.cells['0020'] = 'C-9';
    expect(rules(t)).toEqual([expect.objectContaining({ rule: '807', template: 'B_02.03', column: '0020', message: expect.stringContaining('C-9') })]);
  });

  it('intra-group: a link starts at an intra-group arrangement and ends at another; its provider is in the scope of consolidation', () => {
    const t = withBranchAndGroup();
    expect(onRule(t, 'intra-group')).toEqual([]);
    t['B_02.03'].push(row('Contract C-1', { '0010': 'C-1', '0020': 'G-1', '0030': 'true' }), row('Contract G-1', { '0010': 'G-1', '0020': 'G-1', '0030': 'true' }));
    t['B_03.03'][0]!.cells['0020'] = sampleLei('ELSEWHERE');
    expect(onRule(t, 'intra-group')).toEqual([['B_02.03', '0010', 'Contract C-1'], ['B_02.03', '0020', 'Contract G-1'], ['B_03.03', '0020', 'Contract G-1']]);
  });
});

describe('the findings report beside a package', () => {
  it('lists every finding with its template cell, record and field, formula-neutralised, for Excel', () => {
    const csv = roiFindingsCsv([
      { rule: 'v8817', severity: 'warning', template: 'B_05.01', column: '0020', record: '=HYPERLINK("x")', field: 'Type of code', message: 'An LEI or, failing that, an EUID.' },
      { rule: '808', severity: 'blocking', template: 'B_06.01', column: null, record: 'The report package', field: 'Filing indicators', message: 'x' },
    ]);
    expect(csv.startsWith('\uFEFFSeverity,Rule,Template,Column,Record,Field to fix,Finding\r\n')).toBe(true);
    expect(csv).toContain(`Warning,v8817,B_05.01,c0020,"'=HYPERLINK(""x"")",Type of code,"An LEI or, failing that, an EUID."\r\n`);
    expect(csv).toContain('Blocking,808,B_06.01,,The report package,Filing indicators,x\r\n');
    expect(roiFindingsFileName('X.IND_IE_DORA010100_DORA_2025-12-31_1.zip')).toBe('X.IND_IE_DORA010100_DORA_2025-12-31_1 findings.csv');
  });
});
