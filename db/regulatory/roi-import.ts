// Imports a DORA Register of Information plain-csv package (as roi.export writes it, or another tool) into an empty
// register, so a team can move to this app. Columns are read by their DPM 4.0 codes (c0010…), never by position;
// rows are joined by their keys, never by order. All or nothing: every unreadable value, unknown column, missing
// file and broken key is reported with its file, row and column, and then nothing is written.
//
// What lands where (the reverse of roi.ts): B_01.01/B_01.02 → our legal entities; B_05.01 → vendors (code by type:
// LEI, else the other identifier with its type; the ultimate parent linked when it is a provider of the package);
// B_06.01 → business services with their function fields; B_02.01 + B_02.02 → contracts with their RoI fields, the
// using entities (B_04.01, signed per B_03.01) and the services each provider supports (with the reliance);
// B_05.02 ranks ≥ 2 → dependencies (the recipient depends on the provider); B_07.01 → substitutability and exit plan
// on the vendor, the rest of the assessment (reason, last audit, reintegration, impact, alternatives) on the contract;
// B_01.03 → the branches of our entities, and B_04.01 rows of a branch → the branches using each arrangement;
// B_02.03 → the links between arrangements. B_03.03 is not kept as such: an arrangement is intra-group here when its
// provider's LEI is one of our entities' (roi.ts), so a B_03.03 row that this does not reproduce is said as a warning.
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { ApiError, type MethodArgs, type RoiFinding, type RoiImportReport } from '../contract';
import type { RegisterDb } from '../connection';
import type { ContractCall } from '../sample';
import {
  ALTERNATIVES_CODES,
  ARRANGEMENT_TYPE_CODES,
  ENTITY_TYPES,
  HIERARCHIES,
  IDENTIFIER_TYPE_CODES,
  REINTEGRATION_CODES,
  SERVICE_IMPACT_CODES,
  SUBSTITUTION_REASON_CODES,
  TERMINATION_REASON_CODES,
  type IdentifierType,
} from '../shared/regulatory-codes';
import { DORA_TEMPLATES, DORA_TEMPLATE_IDS, doraTemplate, templateFileName, type DoraTemplateId } from './dora-schema';
import { lintRoi } from './lint';
import { BRANCH_NATURE, OPEN_DATE, REINTEGRATION_NOT_APPLICABLE, type RoiRow, type RoiTables } from './roi';

/** The templates an import needs: entities, arrangements, providers, supply chain, functions. */
const REQUIRED: DoraTemplateId[] = ['B_01.01', 'B_01.02', 'B_02.01', 'B_02.02', 'B_05.01', 'B_05.02', 'B_06.01'];

const invert = <K extends string>(codes: Record<K, string>) => Object.fromEntries(Object.entries(codes).map(([k, v]) => [v, k])) as Record<string, K>;
const IDENTIFIER_TYPES_BY_CODE = invert(IDENTIFIER_TYPE_CODES);
const ARRANGEMENT_TYPES_BY_CODE = invert(ARRANGEMENT_TYPE_CODES);
const LEVELS_BY_CODE: Record<string, 'low' | 'medium' | 'high' | null> = { 'eba_ZZ:x791': 'low', 'eba_ZZ:x792': 'medium', 'eba_ZZ:x793': 'high', 'eba_ZZ:x799': null };
const RELIANCE_BY_CODE: Record<string, 'low' | 'material' | 'full'> = { 'eba_ZZ:x794': 'low', 'eba_ZZ:x795': 'low', 'eba_ZZ:x796': 'material', 'eba_ZZ:x797': 'full' };
const SUBSTITUTABILITY_BY_CODE: Record<string, 'not_substitutable' | 'difficult' | 'medium' | 'easy'> = { 'eba_ZZ:x959': 'not_substitutable', 'eba_ZZ:x960': 'difficult', 'eba_ZZ:x961': 'medium', 'eba_ZZ:x962': 'easy' };
const TERMINATION_BY_CODE = invert(TERMINATION_REASON_CODES);
const SUBSTITUTION_REASON_BY_CODE = invert(SUBSTITUTION_REASON_CODES);
// eba_ZZ:x0 is "not applicable", used for intra-group providers: the register keeps it as not set.
const REINTEGRATION_BY_CODE = { ...invert(REINTEGRATION_CODES), 'eba_ZZ:x0': null };
const SERVICE_IMPACT_BY_CODE = invert(SERVICE_IMPACT_CODES);
const ALTERNATIVES_BY_CODE = invert(ALTERNATIVES_CODES);

/** Why an import stopped: the findings, each with its file, row and column. */
const refused = (findings: RoiFinding[]) =>
  new ApiError('VALIDATION', `The package was not imported: ${findings.length} finding${findings.length === 1 ? '' : 's'} to fix first. Nothing was written.`, { findings });

interface Located {
  row: RoiRow;
  template: DoraTemplateId;
}

/** The package's template files by template id, each read by its header's column codes. */
function readPackage(bytes: Uint8Array, findings: RoiFinding[]): RoiTables {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new ApiError('VALIDATION', 'This file is not a zip archive: choose the .zip report package.');
  }
  const tables = Object.fromEntries(DORA_TEMPLATE_IDS.map((id) => [id, [] as RoiRow[]])) as RoiTables;
  for (const template of DORA_TEMPLATES) {
    const file = templateFileName(template.id);
    const path = Object.keys(entries).find((p) => p.toLowerCase().endsWith(`reports/${file}`));
    if (!path) {
      if (REQUIRED.includes(template.id)) findings.push({ rule: 'file', severity: 'blocking', template: template.id, column: null, record: 'The report package', field: `reports/${file}`, message: `reports/${file} (${template.name}) is missing.` });
      continue;
    }
    const parsed = Papa.parse<string[]>(strFromU8(entries[path]!).replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    const [header = [], ...rows] = parsed.data;
    const known = new Set(template.columns.map((c) => c.code));
    const codes = header.map((h, i) => {
      const code = h.trim().replace(/^c/i, '');
      if (!known.has(code)) findings.push({ rule: 'column', severity: 'blocking', template: template.id, column: h, record: `${file}, header`, field: `column ${i + 1}`, message: `“${h}” is not a column code of ${template.id} (${template.name}).` });
      return code;
    });
    rows.forEach((cells, i) => {
      const record = `${file}, row ${i + 2}`;
      if (cells.length !== header.length) findings.push({ rule: 'row', severity: 'blocking', template: template.id, column: null, record, field: 'the whole row', message: `The row has ${cells.length} cells; the header has ${header.length}.` });
      tables[template.id].push({ record, cells: Object.fromEntries(codes.map((c, j) => [c, (cells[j] ?? '').trim()])), fields: {} });
    });
  }
  return tables;
}

/** Reads coded values, noting a finding (file, row, column) for each one it cannot read. */
function valueReader(findings: RoiFinding[]) {
  const fail = ({ row, template }: Located, code: string, message: string) => {
    findings.push({ rule: 'value', severity: 'blocking', template, column: code, record: row.record, field: doraTemplate(template).columns.find((c) => c.code === code)?.label ?? `c${code}`, message });
    return null;
  };
  const raw = (at: Located, code: string) => at.row.cells[code] ?? '';
  const prefixed = (at: Located, code: string, prefix: string, pattern: RegExp, what: string) => {
    const v = raw(at, code);
    if (!v || v === 'eba_GA:qx2007') return null;
    const bare = v.startsWith(prefix) ? v.slice(prefix.length) : '';
    return pattern.test(bare) ? bare : fail(at, code, `“${v}” is not ${what}.`);
  };
  return {
    text: (at: Located, code: string) => raw(at, code) || null,
    country: (at: Located, code: string) => prefixed(at, code, 'eba_GA:', /^[A-Z]{2}$/, 'a country (eba_GA:XX)'),
    currency: (at: Located, code: string) => prefixed(at, code, 'eba_CU:', /^[A-Z]{3}$/, 'a currency (eba_CU:XXX)'),
    date: (at: Located, code: string) => {
      const v = raw(at, code);
      if (!v || v === OPEN_DATE) return null;
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : fail(at, code, `“${v}” is not a date (yyyy-mm-dd).`);
    },
    number: (at: Located, code: string) => {
      const v = raw(at, code);
      if (!v) return null;
      const n = Number(v);
      return Number.isFinite(n) && n >= 0 ? n : fail(at, code, `“${v}” is not a number of 0 or more.`);
    },
    coded: <T>(at: Located, code: string, values: Record<string, T>, what: string): T | null => {
      const v = raw(at, code);
      if (!v) return null;
      return v in values ? values[v]! : fail(at, code, `“${v}” is not ${what} this register keeps.`);
    },
  };
}

const at = (template: DoraTemplateId) => (row: RoiRow): Located => ({ row, template });
const providerKey = (code: string, type: string) => `${type}|${code}`;

export async function importRoi(db: RegisterDb, { fileName, base64 }: MethodArgs<'roi.import'>, call: ContractCall): Promise<RoiImportReport> {
  const held = db.prepare('SELECT (SELECT count(*) FROM vendors) + (SELECT count(*) FROM services) + (SELECT count(*) FROM contracts) + (SELECT count(*) FROM legal_entities)').pluck().get() as number;
  if (held > 0) throw new ApiError('CONFLICT', `This register is not empty: a Register of Information is imported only into an empty register, so nothing is merged by guess. Make a new register (File → New register…) and import “${fileName}” there.`);

  const findings: RoiFinding[] = [];
  const tables = readPackage(Buffer.from(base64, 'base64'), findings);
  if (findings.length) throw refused(findings);
  // The EBA's own integrity rules first: keys present and unique, every foreign key found (805–807).
  const lint = lintRoi(tables, DORA_TEMPLATE_IDS.map((templateID) => ({ templateID, reported: true })));
  findings.push(...lint.filter((f) => f.severity === 'blocking'));
  const warnings = lint.filter((f) => f.severity === 'warning');
  if (findings.length) throw refused(findings);

  const read = valueReader(findings);
  const t = (id: DoraTemplateId) => tables[id].map(at(id));
  const maintainer = t('B_01.01')[0]!;
  const maintainerLei = maintainer.row.cells['0010'];

  // Plan every write first, so each unreadable value is reported before anything is written.
  const entities = t('B_01.02').map((e) => ({
    at: e,
    entity: {
      lei: e.row.cells['0010']!,
      name: read.text(e, '0020') ?? '',
      country: read.country(e, '0030'),
      entityType: read.coded(e, '0040', Object.fromEntries(ENTITY_TYPES.map((v) => [`eba_CT:${v}`, v])), 'a type of entity'),
      hierarchy: read.coded(e, '0050', Object.fromEntries(HIERARCHIES.map((v) => [`eba_RP:${v}`, v])), 'a place in the group'),
      parentLei: read.text(e, '0060'),
      integratedOn: read.date(e, '0080'),
      deletedOn: read.date(e, '0090'),
      currency: read.currency(e, '0100'),
      totalAssets: read.number(e, '0110'),
      maintainsRegister: e.row.cells['0010'] === maintainerLei,
      competentAuthority: e.row.cells['0010'] === maintainerLei ? read.text(maintainer, '0050') : null,
    },
  }));

  const branches = t('B_01.03').map((b) => ({ at: b, headLei: b.row.cells['0020']!, branch: { code: b.row.cells['0010']!, name: read.text(b, '0030') ?? b.row.cells['0010']!, country: read.country(b, '0040') } }));
  const groupLeis = new Set(entities.map((e) => e.entity.lei));

  // B_07.01: the assessment of each provider's service, kept on the vendor (the first row per provider).
  const assessment = new Map<string, Located>();
  for (const a of t('B_07.01')) if (!assessment.has(providerKey(a.row.cells['0020']!, a.row.cells['0030']!))) assessment.set(providerKey(a.row.cells['0020']!, a.row.cells['0030']!), a);
  const directKeys = new Set([...t('B_02.02').map((r) => providerKey(r.row.cells['0030']!, r.row.cells['0040']!)), ...t('B_05.02').filter((r) => r.row.cells['0050'] === '1').map((r) => providerKey(r.row.cells['0030']!, r.row.cells['0040']!))]);
  const providerRows = t('B_05.01');
  const providerKeys = new Set(providerRows.map((p) => providerKey(p.row.cells['0010']!, p.row.cells['0020']!)));
  const names = new Map<string, string>();
  const providers = providerRows.map((p) => {
    const code = p.row.cells['0010']!;
    const type = read.coded(p, '0020', IDENTIFIER_TYPES_BY_CODE, 'a type of identifier');
    const key = providerKey(code, p.row.cells['0020']!);
    const name = read.text(p, '0060') ?? read.text(p, '0050') ?? code;
    const clash = names.get(name.toLowerCase());
    if (clash) findings.push({ rule: 'value', severity: 'blocking', template: 'B_05.01', column: '0060', record: p.row.record, field: 'Name in Latin alphabet', message: `“${name}” is also the name of ${clash}: vendor names must differ.` });
    names.set(name.toLowerCase(), p.row.record);
    const parentKey = providerKey(p.row.cells['0110'] ?? '', p.row.cells['0120'] ?? '');
    const a = assessment.get(key);
    const exitPlan = a ? read.text(a, '0080') : null;
    return {
      at: p,
      key,
      parentKey: parentKey !== key && p.row.cells['0110'] ? parentKey : null,
      otherIdentifierType: type && type !== 'LEI' ? (type as IdentifierType) : null,
      vendor: {
        name,
        legalName: read.text(p, '0050'),
        lei: type === 'LEI' ? code : null,
        otherIdentifier: type && type !== 'LEI' ? code : null,
        hqCountry: read.country(p, '0080'),
        spendCurrency: read.currency(p, '0090'),
        annualSpend: read.number(p, '0100'),
        direct: directKeys.has(key),
        tier: directKeys.has(key) ? 2 : 3,
        substitutability: a ? read.coded(a, '0050', SUBSTITUTABILITY_BY_CODE, 'a substitutability') : null,
        exitPlan: exitPlan === 'eba_BT:x28' || exitPlan === 'true',
      },
      personType: p.row.cells['0070'] === 'eba_CT:x213' ? ('individual' as const) : ('legal' as const),
    };
  });

  // An ultimate parent that is not itself a provider of the package becomes a vendor of its own (not direct), known by
  // its identifier only, so the providers of one group are still counted as one.
  const parents = [...new Map(providers.filter((p) => p.parentKey && !providerKeys.has(p.parentKey)).map((p) => [p.parentKey!, p])).values()].map((child) => {
    const code = child.at.row.cells['0110']!;
    const type = read.coded(child.at, '0120', IDENTIFIER_TYPES_BY_CODE, 'a type of identifier');
    return {
      at: child.at,
      key: child.parentKey!,
      otherIdentifierType: type && type !== 'LEI' ? (type as IdentifierType) : null,
      vendor: {
        name: `Ultimate parent ${code}`,
        lei: type === 'LEI' ? code : null,
        otherIdentifier: type && type !== 'LEI' ? code : null,
        direct: false,
        tier: 3,
        notes: `Named in the imported Register of Information only as the ultimate parent of ${child.vendor.name}: add its name.`,
      },
    };
  });

  const functions = t('B_06.01').map((f) => ({
    at: f,
    service: { name: read.text(f, '0030') ?? f.row.cells['0010']!, criticality: f.row.cells['0050'] === 'eba_BT:x28' ? ('critical' as const) : ('other' as const) },
    fn: {
      functionCode: f.row.cells['0010']!,
      licensedActivity: read.text(f, '0020')?.replace(/^eba_TA:/, '') ?? null,
      criticalityAssessedOn: read.date(f, '0070'),
      rtoHours: read.number(f, '0080'),
      rpoHours: read.number(f, '0090'),
      discontinuingImpact: read.coded(f, '0100', LEVELS_BY_CODE, 'an impact level'),
    },
  }));

  for (const s of t('B_05.02')) {
    if (!/^[1-9]\d*$/.test(s.row.cells['0050'] ?? '')) findings.push({ rule: 'value', severity: 'blocking', template: 'B_05.02', column: '0050', record: s.row.record, field: 'Rank', message: `“${s.row.cells['0050']}” is not a rank (1 for the direct provider, 2 or more for a subcontractor).` });
  }

  const specifics = t('B_02.02');
  // B_07.01 per arrangement: its key adds the provider and the service type, which a contract here has one of each.
  const assessmentOf = (a: Located) => {
    // An intra-group provider's "not applicable" comes back from its provider being one of our entities (roi.ts).
    const intraGroup = a.row.cells['0030'] === IDENTIFIER_TYPE_CODES.LEI && groupLeis.has(a.row.cells['0020']!);
    if (a.row.cells['0090'] === REINTEGRATION_NOT_APPLICABLE && !intraGroup) {
      warnings.push({ rule: 'import', severity: 'warning', template: 'B_07.01', column: '0090', record: a.row.record, field: 'Possibility of reintegration', message: 'Reintegration “not applicable” is for an intra-group provider, and this provider is not one of our entities (its LEI is in no row of B_01.02): kept as not set.' });
    }
    return assessmentFields(a);
  };
  const assessmentFields = (a: Located) => ({
    substitutionReason: read.coded(a, '0060', SUBSTITUTION_REASON_BY_CODE, 'a reason a provider is hard to substitute'),
    lastAuditOn: read.date(a, '0070'),
    reintegration: read.coded(a, '0090', REINTEGRATION_BY_CODE, 'a possibility of reintegration'),
    serviceDiscontinuingImpact: read.coded(a, '0100', SERVICE_IMPACT_BY_CODE, 'an impact of discontinuing'),
    alternativesIdentified: read.coded(a, '0110', ALTERNATIVES_BY_CODE, 'an answer on alternative providers'),
    alternativeProviders: read.text(a, '0120'),
  });
  const signers = new Set(t('B_03.01').map((s) => `${s.row.cells['0010']}|${s.row.cells['0020']}`));
  const contracts = t('B_02.01').map((c) => {
    const ref = c.row.cells['0010']!;
    const rows = specifics.filter((s) => s.row.cells['0010'] === ref);
    const first = rows[0];
    const signer = t('B_03.02').find((s) => s.row.cells['0010'] === ref);
    const provider = first ? providerKey(first.row.cells['0030']!, first.row.cells['0040']!) : signer ? providerKey(signer.row.cells['0020']!, signer.row.cells['0030']!) : null;
    if (!provider) findings.push({ rule: 'value', severity: 'blocking', template: 'B_02.01', column: '0010', record: c.row.record, field: 'Contractual arrangement reference number', message: `Arrangement ${ref} names no provider in B_02.02 or B_03.02.` });
    const using = new Set([...rows.map((r) => r.row.cells['0020']!), ...t('B_04.01').filter((u) => u.row.cells['0010'] === ref).map((u) => u.row.cells['0020']!)].filter(Boolean));
    const assessments = t('B_07.01').filter((a) => a.row.cells['0010'] === ref);
    const assessment = assessments[0] ? assessmentOf(assessments[0]) : {};
    // A second assessment of the same arrangement (another service type in another tool) has no place here: said, not dropped silently.
    for (const other of assessments.slice(1)) {
      if (JSON.stringify(assessmentFields(other)) !== JSON.stringify(assessment)) {
        warnings.push({ rule: 'import', severity: 'warning', template: 'B_07.01', column: null, record: other.row.record, field: 'the whole row', message: `Arrangement ${ref} has another assessment here; the register keeps one per contract, the one of ${assessments[0]!.row.record}.` });
      }
    }
    const viaBranches = t('B_04.01').filter((u) => u.row.cells['0010'] === ref && u.row.cells['0030'] === BRANCH_NATURE.branch).map((u) => ({ lei: u.row.cells['0020']!, code: u.row.cells['0040']! }));
    const linked = t('B_02.03').filter((l) => l.row.cells['0010'] === ref).map((l) => l.row.cells['0020']!);
    for (const g of t('B_03.03').filter((r) => r.row.cells['0010'] === ref)) {
      if (provider !== providerKey(g.row.cells['0020']!, IDENTIFIER_TYPE_CODES.LEI)) {
        warnings.push({ rule: 'import', severity: 'warning', template: 'B_03.03', column: '0020', record: g.row.record, field: 'LEI of the entity providing ICT services', message: `Arrangement ${ref} is provided intra-group by ${g.row.cells['0020']}, but its provider is not identified by that LEI: the register makes an arrangement intra-group when its provider's LEI is one of our entities', so ${ref} is not kept as intra-group.` });
      }
    }
    const links = new Map<string, Located>();
    for (const r of rows) if (r.row.cells['0050'] && !links.has(r.row.cells['0050'])) links.set(r.row.cells['0050'], r);
    return {
      at: c,
      ref,
      provider,
      contract: {
        reference: ref,
        currency: read.currency(c, '0040'),
        annualValue: read.number(c, '0050'),
        startDate: first ? read.date(first, '0070') : null,
        endDate: first ? read.date(first, '0080') : null,
        noticeDays: first ? read.number(first, '0100') : null,
      },
      arrangementType: read.coded(c, '0020', ARRANGEMENT_TYPES_BY_CODE, 'a type of arrangement'),
      overarching: read.text(c, '0030'),
      fields: {
        ...(first
          ? {
              ictServiceType: read.text(first, '0060')?.replace(/^eba_TA:/, '') ?? null,
              governingLaw: read.country(first, '0120'),
              providerNoticeDays: read.number(first, '0110'),
              provisionCountry: read.country(first, '0130'),
              processingCountry: read.country(first, '0160'),
              terminationReason: read.coded(first, '0090', TERMINATION_BY_CODE, 'a reason for termination'),
            }
          : {}),
        ...assessment,
      },
      using: [...using].map((lei) => ({ lei, signed: signers.size === 0 || signers.has(`${ref}|${lei}`) })),
      viaBranches,
      linked,
      links: [...links.entries()].map(([functionCode, r]) => ({ functionCode, at: r, reliance: read.coded(r, '0180', RELIANCE_BY_CODE, 'a level of reliance') })),
      storage: [...new Set(rows.map((r) => r.row.cells['0150']).filter((v) => v && v !== 'eba_GA:qx2007'))],
    };
  });
  if (findings.length) throw refused(findings);

  for (const c of contracts) {
    for (const link of c.links.filter((l) => l.reliance === null)) {
      warnings.push({ rule: 'import', severity: 'warning', template: 'B_02.02', column: '0180', record: link.at.row.record, field: 'Level of reliance', message: `No level of reliance for function ${link.functionCode}: linked as material; check it.` });
    }
    if (c.storage.length) {
      warnings.push({ rule: 'import', severity: 'warning', template: 'B_02.02', column: '0150', record: c.at.row.record, field: 'Location of the data at rest', message: `Data stored in ${c.storage.map((s) => s!.replace('eba_GA:', '')).join(', ')}: the register keeps storage countries per data holding; add ${c.ref}'s provider's holdings to keep them.` });
    }
  }

  // Write, all in one transaction: the first refusal stops it, names its row, and nothing stays written.
  let current: Located | null = null;
  const write: ContractCall = (method, args) => {
    try {
      return call(method, args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const where = current!;
      throw refused([{ rule: 'write', severity: 'blocking', template: where.template, column: null, record: where.row.record, field: 'the whole row', message }]);
    }
  };
  let dependencies = 0;
  db.transaction(() => {
    const entityIds = new Map<string, number>();
    for (const e of entities) {
      current = e.at;
      entityIds.set(e.entity.lei, write('legalEntities.save', { entity: e.entity as never }).id);
    }
    const branchIds = new Map<string, number>();
    for (const b of branches) {
      current = b.at;
      branchIds.set(`${b.headLei}|${b.branch.code}`, write('branches.save', { branch: { ...b.branch, entityId: entityIds.get(b.headLei)! } as never }).id);
    }
    const vendorIds = new Map<string, number>();
    for (const p of parents) {
      current = p.at;
      const vendor = write('vendors.create', { vendor: p.vendor });
      vendorIds.set(p.key, vendor.id);
      write('providers.save', { vendorId: vendor.id, provider: { otherIdentifierType: p.otherIdentifierType } });
    }
    // Parents first, so each other provider can name its ultimate parent when it is made.
    for (const p of [...providers].sort((a, b) => Number(a.parentKey !== null) - Number(b.parentKey !== null))) {
      current = p.at;
      const notes = 'Imported from a DORA Register of Information package; check its tier and service type.';
      const vendor = write('vendors.create', { vendor: { ...p.vendor, substitutability: p.vendor.substitutability ?? null, ultimateParentId: p.parentKey ? (vendorIds.get(p.parentKey) ?? null) : null, notes } as never });
      vendorIds.set(p.key, vendor.id);
      write('providers.save', { vendorId: vendor.id, provider: { otherIdentifierType: p.otherIdentifierType, personType: p.personType } });
    }
    const serviceIds = new Map<string, number>();
    for (const f of functions) {
      current = f.at;
      const service = write('services.save', { service: f.service });
      write('functions.save', { serviceId: service.id, fn: f.fn });
      serviceIds.set(f.fn.functionCode, service.id);
    }
    const contractIds = new Map<string, number>();
    for (const c of contracts) {
      current = c.at;
      contractIds.set(c.ref, write('contracts.save', { contract: { ...c.contract, vendorId: vendorIds.get(c.provider!)! } as never }).id);
    }
    for (const c of contracts) {
      current = c.at;
      const contractId = contractIds.get(c.ref)!;
      write('arrangements.save', {
        contractId,
        arrangement: {
          ...c.fields,
          arrangementType: c.arrangementType,
          overarchingId: c.overarching ? (contractIds.get(c.overarching) ?? null) : null,
          usingEntities: c.using.map((u) => ({ entityId: entityIds.get(u.lei)!, signed: u.signed })),
          usingBranches: c.viaBranches.map((b) => branchIds.get(`${b.lei}|${b.code}`)!),
          linkedIds: c.linked.map((ref) => contractIds.get(ref)!),
        } as never,
      });
      for (const link of c.links) {
        current = link.at;
        const serviceId = serviceIds.get(link.functionCode)!;
        const linked = db.prepare('SELECT 1 FROM service_vendors WHERE service_id = ? AND vendor_id = ?').get(serviceId, vendorIds.get(c.provider!)!);
        if (!linked) write('services.link', { serviceId, vendorId: vendorIds.get(c.provider!)!, reliance: link.reliance ?? 'material' });
      }
    }
    const linked = new Set<string>();
    for (const s of t('B_05.02').filter((r) => Number(r.row.cells['0050']) >= 2)) {
      current = s;
      const vendorId = vendorIds.get(providerKey(s.row.cells['0060']!, s.row.cells['0070']!))!;
      const supplierId = vendorIds.get(providerKey(s.row.cells['0030']!, s.row.cells['0040']!))!;
      if (linked.has(`${vendorId}|${supplierId}`)) continue;
      linked.add(`${vendorId}|${supplierId}`);
      write('dependencies.add', { vendorId, supplierId });
      dependencies += 1;
    }
  })();

  return { legalEntities: entities.length, branches: branches.length, providers: providers.length, arrangements: contracts.length, functions: functions.length, dependencies, warnings };
}
