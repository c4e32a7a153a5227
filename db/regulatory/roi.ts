// The DORA Register of Information built from the register: one row set per template of dora-schema.ts, each cell
// already in its reported form (eba_XX:code, ISO dates, plain numbers), each row naming the register record it comes
// from and, per column, the field to fix, so the linter can say where a finding is.
//
// What is derived rather than typed (sources in REGULATORY.md §1.3, §6.3 of the project notes):
// - the arrangements reported are the contracts in force during the year up to the reference date (started on or
//   before it, not ended a year or more before it): one terminated during that year is reported once more, with its end
//   date and the reason it ended, and not the year after (EIOPA Q&A DORA 253-3393, 2025); the providers are their vendors and every vendor down their chains of dependencies (B_05.02 ranks);
// - a provider's code is its LEI, else its other identifier with that identifier's type, else its ACN as a company
//   registration number (REGULATORY.md §1.5: Australian providers without an LEI);
// - the function of an arrangement is each business service its vendor supports, with that link's reliance;
// - data is stored by a provider that holds any data in the register, in the countries of those holdings, with a
//   sensitiveness from the highest weight of the categories it holds: ≥ 3 high, ≥ 2 medium, else low (§6.3 [D]);
// - the ultimate parent's code is the parent vendor's, or the provider's own when it has no parent (EBA FAQ 99);
// - an arrangement is intra-group when its provider is one of our legal entities in scope (the vendor's LEI is the
//   entity's, as Juunior03/Dora-Incident paquetEba.js tells an intra-group provider): that entity signs it to provide
//   the ICT services (B_03.03, "Entities signing the contractual arrangements for providing ICT service(s) to other
//   entity within the scope of consolidation"), and its reintegration, when not assessed, is "not applicable"
//   (eba_ZZ:x0, REGULATORY.md §1.3);
// - the links of B_02.03 are those kept on the arrangement (contract_links), to arrangements reported for the same
//   year: a link to a contract that ended before the year is history, not reported;
// - B_04.01 has one row per entity using the arrangement, of nature "not a branch" (eba_ZZ:x839, branch code
//   "Not Applicable", EBA FAQ 64), and one per branch it uses it through (eba_ZZ:x838, with the branch's code);
// - a function whose impact of discontinuing is not set is reported as "assessment not performed" (eba_ZZ:x799), as the
//   Regulatory view calls it "Not assessed".
import type { RoiTarget } from '../contract';
import type { RegisterDb } from '../connection';
import {
  ALTERNATIVES_CODES,
  ARRANGEMENT_FIELD,
  ARRANGEMENT_TYPE_CODES,
  BRANCH_FIELD,
  IDENTIFIER_TYPE_CODES,
  PARENT_CODE_FIELD,
  PROVIDER_CODE_FIELD,
  REINTEGRATION_CODES,
  SERVICE_IMPACT_CODES,
  SUBSTITUTION_REASON_CODES,
  TERMINATION_REASON_CODES,
  type ArrangementType,
  type IdentifierType,
} from '../shared/regulatory-codes';
import type { DoraTemplateId } from './dora-schema';

export interface RoiRow {
  cells: Record<string, string>;
  /** The register record the row comes from, in words. */
  record: string;
  /** Column code → the field of that record to fix, in words (columns not listed are named by the schema). */
  fields: Record<string, string>;
  /** The record the app opens to fix the row, and per column another one where the field lives elsewhere. */
  target?: RoiTarget;
  targets?: Record<string, RoiTarget>;
}

export type RoiTables = Record<DoraTemplateId, RoiRow[]>;

/** "Not applicable" in a key column of countries (EBA FAQ, March 2025). */
export const NOT_APPLICABLE_COUNTRY = 'eba_GA:qx2007';
/** Open-ended dates. */
export const OPEN_DATE = '9999-12-31';
/** B_04.01.0030, nature of the entity making use of the ICT services (LIST0401030). */
export const BRANCH_NATURE = { branch: 'eba_ZZ:x838', notBranch: 'eba_ZZ:x839' } as const;
/** B_04.01.0040 of a row that is not a branch's (EBA FAQ 64). */
export const NOT_A_BRANCH = 'Not Applicable';
/** B_07.01.0090, reintegration "not applicable": an intra-group provider's service. */
export const REINTEGRATION_NOT_APPLICABLE = 'eba_ZZ:x0';
/** B_06.01.0100 and B_07.01.0100, "assessment not performed". */
export const IMPACT_NOT_ASSESSED = 'eba_ZZ:x799';

const country = (c: unknown) => (c ? `eba_GA:${String(c)}` : '');
const currency = (c: unknown) => (c ? `eba_CU:${String(c)}` : '');
const yesNo = (b: boolean) => `eba_BT:${b ? 'x28' : 'x29'}`;
const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const level = (v: unknown) => ({ low: 'eba_ZZ:x791', medium: 'eba_ZZ:x792', high: 'eba_ZZ:x793' })[String(v)] ?? '';
const RELIANCE_CODES: Record<string, string> = { low: 'eba_ZZ:x795', material: 'eba_ZZ:x796', full: 'eba_ZZ:x797' };
const SUBSTITUTABILITY_CODES: Record<string, string> = { not_substitutable: 'eba_ZZ:x959', difficult: 'eba_ZZ:x960', medium: 'eba_ZZ:x961', easy: 'eba_ZZ:x962' };

/** The sensitiveness of the data a provider stores, from the highest weight of the categories it holds. */
export function sensitivenessOf(maxWeight: number): 'low' | 'medium' | 'high' {
  return maxWeight >= 3 ? 'high' : maxWeight >= 2 ? 'medium' : 'low';
}

/** The entity's own definitions (B_99.01) of the options this register derives. */
export const B_99_01_DEFINITIONS: Record<string, string> = {
  '0040': 'Low: the highest sensitivity weight of the data categories the provider holds is below 2 (ENISA data-processing-context scale).',
  '0050': 'Medium: the highest sensitivity weight of the data categories the provider holds is at least 2 and below 3.',
  '0060': 'High: the highest sensitivity weight of the data categories the provider holds is 3 or more (government identifiers, bank, card, health data).',
  '0100': 'Not substitutable: no alternative provider could deliver the service.',
  '0110': 'Highly complex: substitution is possible only with major migration effort and time.',
  '0120': 'Medium complexity: substitution needs a planned migration.',
  '0130': 'Easily substitutable: alternatives are available and migration is routine.',
};

interface Provider {
  vendorId: number;
  name: string;
  code: string;
  type: string;
}

type Row = Record<string, unknown>;

/** A vendor's RoI identifier: LEI, else its other identifier with its type, else its ACN as a CRN. */
export function providerCode(v: Row): { code: string; type: string } {
  if (v.lei) return { code: String(v.lei), type: IDENTIFIER_TYPE_CODES.LEI };
  if (v.other_identifier && v.other_identifier_type) return { code: String(v.other_identifier), type: IDENTIFIER_TYPE_CODES[v.other_identifier_type as IdentifierType] };
  if (v.acn) return { code: String(v.acn), type: IDENTIFIER_TYPE_CODES.CRN };
  return { code: '', type: '' };
}

const PROVIDER_FIELD = PROVIDER_CODE_FIELD;

/** A contract's code from a code list, or empty when not set. */
const coded = <T extends string>(codes: Record<T, string>, value: unknown) => (value ? (codes[value as T] ?? '') : '');

/** The same day a year earlier: a contract ended on or before it is no longer reported; an audit before it is stale. */
export const yearBefore = (date: string) => `${Number(date.slice(0, 4)) - 1}${date.slice(4)}`;

export function buildRoi(db: RegisterDb, { referenceDate, reportingDate }: { referenceDate: string; reportingDate: string }): RoiTables {
  const entities = db.prepare('SELECT * FROM legal_entities WHERE deleted_on IS NULL OR deleted_on >= ? ORDER BY maintains_register DESC, name').all(referenceDate) as Row[];
  const maintainer = entities.find((e) => e.maintains_register === 1);
  const entityById = new Map(entities.map((e) => [e.id as number, e]));
  const contracts = db
    .prepare(
      `SELECT c.* FROM contracts c JOIN vendors v ON v.id = c.vendor_id
       WHERE v.direct = 1 AND (c.start_date IS NULL OR c.start_date <= ?) AND (c.end_date IS NULL OR c.end_date > ?) ORDER BY c.reference`,
    )
    .all(referenceDate, yearBefore(referenceDate)) as Row[];
  const contractRef = new Map((db.prepare('SELECT id, reference FROM contracts').all() as Row[]).map((c) => [c.id as number, String(c.reference)]));
  const inForce = new Set(
    db.prepare('SELECT id FROM contracts WHERE (start_date IS NULL OR start_date <= ?) AND (end_date IS NULL OR end_date > ?)').pluck().all(referenceDate, yearBefore(referenceDate)) as number[],
  );
  const entityByLei = new Map(entities.map((e) => [String(e.lei), e]));
  const branches = db.prepare('SELECT * FROM branches ORDER BY name').all() as Row[];
  const branchesUsed = db.prepare('SELECT branch_id FROM contract_branches WHERE contract_id = ? ORDER BY branch_id').pluck();
  const linksOf = db.prepare('SELECT linked_id FROM contract_links WHERE contract_id = ? ORDER BY linked_id').pluck();
  const vendors = new Map((db.prepare('SELECT * FROM vendors').all() as Row[]).map((v) => [v.id as number, v]));
  const suppliersOf = db.prepare('SELECT supplier_id FROM dependencies WHERE vendor_id = ? ORDER BY supplier_id').pluck();
  const usingEntities = db.prepare('SELECT entity_id, signed FROM contract_entities WHERE contract_id = ? ORDER BY entity_id');
  const functionsOf = db.prepare('SELECT s.*, sv.reliance FROM service_vendors sv JOIN services s ON s.id = sv.service_id WHERE sv.vendor_id = ? ORDER BY s.name');
  const storage = db.prepare('SELECT DISTINCT storage_country FROM holdings WHERE vendor_id = ? AND storage_country IS NOT NULL ORDER BY storage_country').pluck();
  const heaviest = db.prepare('SELECT max(c.weight) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ?').pluck();

  const provider = (vendorId: number): Provider => {
    const v = vendors.get(vendorId)!;
    return { vendorId, name: String(v.name), ...providerCode(v) };
  };
  const providerFields = (...codes: string[]) => Object.fromEntries(codes.map((c) => [c, PROVIDER_FIELD]));
  const t = Object.fromEntries(
    ['B_01.01', 'B_01.02', 'B_01.03', 'B_02.01', 'B_02.02', 'B_02.03', 'B_03.01', 'B_03.02', 'B_03.03', 'B_04.01', 'B_05.01', 'B_05.02', 'B_06.01', 'B_07.01', 'B_99.01'].map((id) => [id, [] as RoiRow[]]),
  ) as RoiTables;

  if (maintainer) {
    t['B_01.01'].push({
      record: `Legal entity ${String(maintainer.name)}`,
      cells: { '0010': text(maintainer.lei), '0020': text(maintainer.name), '0030': country(maintainer.country), '0040': `eba_CT:${String(maintainer.entity_type)}`, '0050': text(maintainer.competent_authority), '0060': reportingDate },
      fields: { '0010': 'LEI', '0050': 'Competent authority' },
      target: { kind: 'legalEntity', id: maintainer.id as number },
    });
  }
  for (const b of branches) {
    const head = entityById.get(b.entity_id as number);
    if (!head) continue;
    t['B_01.03'].push({
      record: `Branch ${String(b.name)}`,
      cells: { '0010': text(b.code), '0020': text(head.lei), '0030': text(b.name), '0040': country(b.country) },
      fields: { '0010': BRANCH_FIELD.code, '0020': BRANCH_FIELD.entityId, '0030': BRANCH_FIELD.name, '0040': BRANCH_FIELD.country },
      target: { kind: 'branch', id: b.id as number },
    });
  }
  for (const e of entities) {
    t['B_01.02'].push({
      record: `Legal entity ${String(e.name)}`,
      cells: {
        '0010': text(e.lei),
        '0020': text(e.name),
        '0030': country(e.country),
        '0040': `eba_CT:${String(e.entity_type)}`,
        '0050': `eba_RP:${String(e.hierarchy)}`,
        '0060': text(e.parent_lei),
        '0070': text(e.updated_on),
        '0080': text(e.integrated_on),
        '0090': text(e.deleted_on ?? OPEN_DATE),
        '0100': currency(e.currency),
        '0110': text(e.total_assets),
      },
      fields: { '0010': 'LEI', '0060': 'LEI of the direct parent', '0080': 'Date of integration in the register' },
      target: { kind: 'legalEntity', id: e.id as number },
    });
  }

  const reportedProviders = new Map<number, Provider>();
  const functions = new Map<number, Row>();
  const seen = (table: DoraTemplateId) => {
    const keys = new Set<string>();
    return (row: RoiRow) => {
      const key = JSON.stringify(row.cells);
      if (!keys.has(key)) t[table].push(row);
      keys.add(key);
    };
  };
  const addChain = seen('B_05.02');
  const addSigner = seen('B_03.02');

  for (const c of contracts) {
    const ref = String(c.reference);
    const record = `Contract ${ref}`;
    const vendorId = c.vendor_id as number;
    const vendor = vendors.get(vendorId)!;
    const p = provider(vendorId);
    reportedProviders.set(vendorId, p);
    const serviceType = c.ict_service_type ? `eba_TA:${String(c.ict_service_type)}` : '';
    const target: RoiTarget = { kind: 'contract', id: c.id as number };
    const atVendor: RoiTarget = { kind: 'vendor', id: vendorId };
    const vendorColumns = (...codes: string[]) => Object.fromEntries(codes.map((code) => [code, atVendor]));

    t['B_02.01'].push({
      record,
      cells: { '0010': ref, '0020': c.arrangement_type ? ARRANGEMENT_TYPE_CODES[c.arrangement_type as ArrangementType] : '', '0030': c.overarching_id ? (contractRef.get(c.overarching_id as number) ?? '') : '', '0040': currency(c.currency), '0050': text(c.annual_value) },
      fields: { '0010': 'Reference', '0020': 'Type of arrangement', '0030': 'Overarching arrangement', '0040': 'Currency', '0050': 'Annual value' },
      target,
    });
    addSigner({ record, cells: { '0010': ref, '0020': p.code, '0030': p.type }, fields: providerFields('0020', '0030'), target, targets: vendorColumns('0020', '0030') });

    const users = (usingEntities.all(c.id) as { entity_id: number; signed: number }[]).filter((u) => entityById.has(u.entity_id));
    const viaBranches = (branchesUsed.all(c.id) as number[]).map((id) => branches.find((b) => b.id === id)!);
    for (const u of users) {
      const lei = text(entityById.get(u.entity_id)!.lei);
      if (u.signed === 1) t['B_03.01'].push({ record, cells: { '0010': ref, '0020': lei, '0030': 'true' }, fields: { '0020': 'Entities using it' }, target });
      t['B_04.01'].push({ record, cells: { '0010': ref, '0020': lei, '0030': BRANCH_NATURE.notBranch, '0040': NOT_A_BRANCH }, fields: { '0020': 'Entities using it' }, target });
      for (const b of viaBranches.filter((branch) => branch.entity_id === u.entity_id)) {
        t['B_04.01'].push({ record, cells: { '0010': ref, '0020': lei, '0030': BRANCH_NATURE.branch, '0040': text(b.code) }, fields: { '0040': ARRANGEMENT_FIELD.usingBranches }, target });
      }
    }
    // Intra-group: the provider is one of our entities, which signs the arrangement to provide the services (B_03.03).
    const providingEntity = vendor.lei ? entityByLei.get(String(vendor.lei)) : undefined;
    if (providingEntity) t['B_03.03'].push({ record, cells: { '0010': ref, '0020': text(providingEntity.lei), '0031': 'true' }, fields: { '0020': PROVIDER_FIELD }, target: atVendor });
    for (const linkedId of linksOf.all(c.id) as number[]) {
      if (!inForce.has(linkedId)) continue;
      const linked = contractRef.get(linkedId)!;
      t['B_02.03'].push({
        record,
        cells: { '0010': ref, '0020': linked, '0030': 'true' },
        fields: { '0010': ARRANGEMENT_FIELD.linkedIds, '0020': ARRANGEMENT_FIELD.linkedIds },
        target,
      });
    }

    const stored = storage.all(vendorId) as string[];
    const held = heaviest.get(vendorId) as number | null;
    const linked = functionsOf.all(vendorId) as Row[];
    for (const f of linked) functions.set(f.id as number, f);
    // One row per using entity × function × storage country (ITS Art. 4(2)); an absent entity or function stays an
    // empty key cell, which the linter reports against this contract.
    for (const lei of users.length ? users.map((u) => text(entityById.get(u.entity_id)!.lei)) : ['']) {
      for (const f of linked.length ? linked : [null]) {
        for (const where of stored.length ? stored.map(country) : [NOT_APPLICABLE_COUNTRY]) {
          t['B_02.02'].push({
            record,
            cells: {
              '0010': ref,
              '0020': lei,
              '0030': p.code,
              '0040': p.type,
              '0050': text(f?.function_code),
              '0060': serviceType,
              '0070': text(c.start_date),
              '0080': text(c.end_date ?? OPEN_DATE),
              '0090': coded(TERMINATION_REASON_CODES, c.termination_reason),
              '0100': text(c.notice_days),
              '0110': text(c.provider_notice_days),
              '0120': country(c.governing_law),
              '0130': c.provision_country ? country(c.provision_country) : NOT_APPLICABLE_COUNTRY,
              '0140': yesNo(held !== null),
              '0150': where,
              '0160': c.processing_country ? country(c.processing_country) : NOT_APPLICABLE_COUNTRY,
              '0170': held === null ? '' : level(sensitivenessOf(held)),
              '0180': f ? (RELIANCE_CODES[String(f.reliance)] ?? '') : '',
            },
            fields: {
              ...providerFields('0030', '0040'),
              '0020': 'Entities using it',
              '0050': f ? `Function identifier of the service “${String(f.name)}”` : `Services ${String(vendor.name)} supports`,
              '0060': 'ICT service type',
              '0070': 'Start date',
              '0110': 'Provider’s notice period',
              '0090': ARRANGEMENT_FIELD.terminationReason,
              '0120': 'Governing law',
            },
            target,
            targets: { ...vendorColumns('0030', '0040'), '0050': f ? { kind: 'service', id: f.id as number } : atVendor },
          });
        }
      }
    }

    t['B_07.01'].push({
      record,
      cells: {
        '0010': ref,
        '0020': p.code,
        '0030': p.type,
        '0040': serviceType,
        '0050': SUBSTITUTABILITY_CODES[String(vendor.substitutability)] ?? '',
        '0060': coded(SUBSTITUTION_REASON_CODES, c.substitution_reason),
        '0070': text(c.last_audit_on),
        '0080': yesNo(vendor.exit_plan === 1),
        '0090': c.reintegration ? coded(REINTEGRATION_CODES, c.reintegration) : providingEntity ? REINTEGRATION_NOT_APPLICABLE : '',
        '0100': coded(SERVICE_IMPACT_CODES, c.service_discontinuing_impact),
        '0110': coded(ALTERNATIVES_CODES, c.alternatives_identified),
        '0120': text(c.alternative_providers),
      },
      // Substitutability and the exit plan are the vendor's (the scoring reads them); the rest of the assessment is the
      // contract's, one per arrangement × provider × service type as the template's key is.
      fields: {
        ...providerFields('0020', '0030'),
        '0040': 'ICT service type',
        '0050': `Substitutability of ${String(vendor.name)}`,
        '0060': ARRANGEMENT_FIELD.substitutionReason,
        '0070': ARRANGEMENT_FIELD.lastAuditOn,
        '0080': `Exit plan of ${String(vendor.name)}`,
        '0090': ARRANGEMENT_FIELD.reintegration,
        '0100': ARRANGEMENT_FIELD.serviceDiscontinuingImpact,
        '0110': ARRANGEMENT_FIELD.alternativesIdentified,
        '0120': ARRANGEMENT_FIELD.alternativeProviders,
      },
      target,
      targets: { ...vendorColumns('0020', '0030', '0050', '0080') },
    });

    // The supply chain: the direct provider at rank 1 (its own recipient, EBA FAQ 65), then each dependency one rank
    // further, its recipient the vendor that depends on it; a vendor already on the path is not walked again.
    const walk = (recipient: Provider, rank: number, path: Set<number>) => {
      for (const supplierId of suppliersOf.all(recipient.vendorId) as number[]) {
        if (path.has(supplierId)) continue;
        const s = provider(supplierId);
        reportedProviders.set(supplierId, s);
        addChain({
          record: `Dependency of ${recipient.name} on ${s.name}`,
          cells: { '0010': ref, '0020': serviceType, '0030': s.code, '0040': s.type, '0050': String(rank), '0060': recipient.code, '0070': recipient.type },
          fields: { ...providerFields('0030', '0040', '0060', '0070'), '0020': `ICT service type of contract ${ref}` },
          target: { kind: 'vendor', id: recipient.vendorId },
          targets: { '0030': { kind: 'vendor', id: supplierId }, '0040': { kind: 'vendor', id: supplierId }, '0020': target },
        });
        walk(s, rank + 1, new Set([...path, supplierId]));
      }
    };
    addChain({ record, cells: { '0010': ref, '0020': serviceType, '0030': p.code, '0040': p.type, '0050': '1', '0060': p.code, '0070': p.type }, fields: { ...providerFields('0030', '0040', '0060', '0070'), '0020': 'ICT service type' }, target, targets: vendorColumns('0030', '0040', '0060', '0070') });
    walk(p, 2, new Set([vendorId]));
  }

  for (const p of reportedProviders.values()) {
    const v = vendors.get(p.vendorId)!;
    const parent = v.ultimate_parent_id ? providerCode(vendors.get(v.ultimate_parent_id as number)!) : p;
    const direct = contracts.some((c) => c.vendor_id === p.vendorId);
    t['B_05.01'].push({
      record: `Vendor ${p.name}`,
      cells: {
        '0010': p.code,
        '0020': p.type,
        '0030': '',
        '0040': '',
        '0050': text(v.legal_name ?? v.name),
        '0060': text(v.legal_name ?? v.name),
        '0070': `eba_CT:${v.person_type === 'individual' ? 'x213' : 'x212'}`,
        '0080': country(v.hq_country),
        '0090': direct ? currency(v.spend_currency) : '',
        '0100': direct ? text(v.annual_spend) : '',
        '0110': parent.code,
        '0120': parent.type,
      },
      fields: { ...providerFields('0010', '0020'), '0080': 'Country of HQ', '0110': v.ultimate_parent_id ? `${PARENT_CODE_FIELD} ${String(vendors.get(v.ultimate_parent_id as number)!.name)}` : PROVIDER_FIELD },
      target: { kind: 'vendor', id: p.vendorId },
      ...(v.ultimate_parent_id ? { targets: { '0110': { kind: 'vendor', id: v.ultimate_parent_id as number }, '0120': { kind: 'vendor', id: v.ultimate_parent_id as number } } } : {}),
    });
  }

  for (const f of functions.values()) {
    t['B_06.01'].push({
      record: `Service ${String(f.name)}`,
      cells: {
        '0010': text(f.function_code),
        '0020': f.licensed_activity ? `eba_TA:${String(f.licensed_activity)}` : '',
        '0030': text(f.name),
        '0040': text(maintainer?.lei),
        '0050': yesNo(f.criticality !== 'other'),
        '0060': '',
        '0070': text(f.criticality_assessed_on),
        '0080': text(f.rto_hours),
        '0090': text(f.rpo_hours),
        '0100': f.discontinuing_impact ? level(f.discontinuing_impact) : IMPACT_NOT_ASSESSED,
      },
      fields: { '0010': 'Function identifier', '0020': 'Licensed activity', '0040': 'Entity maintaining the register', '0070': 'Date criticality was last assessed', '0080': 'RTO (hours)', '0090': 'RPO (hours)', '0100': 'Impact of discontinuing' },
      target: { kind: 'service', id: f.id as number },
    });
  }

  t['B_99.01'].push({ record: 'Definitions of this register’s method', cells: { ...B_99_01_DEFINITIONS }, fields: {} });
  return t;
}
