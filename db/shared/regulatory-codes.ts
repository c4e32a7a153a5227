// Code lists of the DORA Register of Information (EBA DPM 4.0 values) for the fields the register keeps, with labels.
// Sources: Implementing Regulation (EU) 2024/2956 Annex III (ICT service types, via nomox.eu); the DPM 4.0 value lists
// as mapped by github.com/Juunior03/Dora-Incident src/components/registre/paquetEba.js and
// intuitem/ciso-assistant-community backend/core/dora.py (see ../../REGULATORY.md §1.4 of the project notes).

/** LIST0101040, type of entity: the values a register of this app's users needs first (the list has 24). */
export const ENTITY_TYPES = ['x12', 'x599', 'x300', 'x302', 'x309', 'x303', 'x317', 'x318'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];
export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  x12: 'Credit institution',
  x599: 'Investment firm',
  x300: 'Payment institution',
  x302: 'Electronic money institution',
  x309: 'Insurance or reinsurance undertaking',
  x303: 'Crypto-asset service provider',
  x317: 'Non-financial entity: ICT intra-group service provider',
  x318: 'Other non-financial entity',
};

/** LIST0102050, hierarchy of the entity within the group. */
export const HIERARCHIES = ['x53', 'x551', 'x56', 'x21', 'x210'] as const;
export type Hierarchy = (typeof HIERARCHIES)[number];
export const HIERARCHY_LABELS: Record<Hierarchy, string> = {
  x53: 'Ultimate parent',
  x551: 'Parent other than the ultimate parent',
  x56: 'Subsidiary',
  x21: 'Entity outside the group',
  x210: 'Outsourcing',
};

/** B_02.01.0020, type of contractual arrangement (eba_CO). */
export const ARRANGEMENT_TYPES = ['standalone', 'overarching', 'subsequent'] as const;
export type ArrangementType = (typeof ARRANGEMENT_TYPES)[number];
export const ARRANGEMENT_TYPE_CODES: Record<ArrangementType, string> = { standalone: 'eba_CO:x1', overarching: 'eba_CO:x2', subsequent: 'eba_CO:x3' };
export const ARRANGEMENT_TYPE_LABELS: Record<ArrangementType, string> = { standalone: 'Standalone', overarching: 'Overarching', subsequent: 'Subsequent or associated' };

/** Annex III of Reg. (EU) 2024/2956: types of ICT services (eba_TA:S01 … S19). */
export const ICT_SERVICE_TYPES = ['S01', 'S02', 'S03', 'S04', 'S05', 'S06', 'S07', 'S08', 'S09', 'S10', 'S11', 'S12', 'S13', 'S14', 'S15', 'S16', 'S17', 'S18', 'S19'] as const;
export type IctServiceType = (typeof ICT_SERVICE_TYPES)[number];
export const ICT_SERVICE_TYPE_LABELS: Record<IctServiceType, string> = {
  S01: 'ICT project management',
  S02: 'ICT development',
  S03: 'ICT help desk and first level support',
  S04: 'ICT security management services',
  S05: 'Provision of data',
  S06: 'Data analysis',
  S07: 'ICT, facilities and hosting services (excluding cloud services)',
  S08: 'Computation',
  S09: 'Non-cloud data storage',
  S10: 'Telecom carrier',
  S11: 'Network infrastructure',
  S12: 'Hardware and physical devices',
  S13: 'Software licencing (excluding SaaS)',
  S14: 'ICT operation management (including maintenance)',
  S15: 'ICT consulting',
  S16: 'ICT risk management',
  S17: 'Cloud services: IaaS',
  S18: 'Cloud services: PaaS',
  S19: 'Cloud services: SaaS',
};

/** The field a finding on a provider's code names: the app opens the provider's identifiers for it. */
export const PROVIDER_CODE_FIELD = 'LEI, or another identifier and its type, or ACN';

/** Types of a provider's identifier other than the LEI (eba_qCO; the LEI is qx2000). */
export const IDENTIFIER_TYPES = ['EUID', 'CRN', 'VAT', 'NIN', 'PNR'] as const;
export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];
export const IDENTIFIER_TYPE_CODES: Record<IdentifierType | 'LEI', string> = {
  LEI: 'eba_qCO:qx2000',
  NIN: 'eba_qCO:qx2001',
  EUID: 'eba_qCO:qx2002',
  CRN: 'eba_qCO:qx2003',
  VAT: 'eba_qCO:qx2004',
  PNR: 'eba_qCO:qx2005',
};
export const IDENTIFIER_TYPE_LABELS: Record<IdentifierType, string> = {
  EUID: 'EUID (EU business register)',
  CRN: 'Company registration number',
  VAT: 'VAT number',
  NIN: 'National identification number',
  PNR: 'Passport number',
};

export const PERSON_TYPES = ['legal', 'individual'] as const;
export type PersonType = (typeof PERSON_TYPES)[number];

/** Low / medium / high, used for data sensitiveness (B_02.02.0170) and impact of discontinuing (B_06.01.0100). */
export const LEVELS = ['low', 'medium', 'high'] as const;
export type Level = (typeof LEVELS)[number];

// APRA CPS 230 (Operational Risk Management): the register of material service providers (para 51). Sources:
// CPS 230 paras 49–51 and 59 (handbook.apra.gov.au); APRA, "Final targeted amendments to CPS 230" (30 April 2026),
// for the categories of non-traditional service providers listed in the Attachment to CPS 230.

/** Why an arrangement is material (CPS 230: relied on for a critical operation, material operational risk, or deemed by para 50). */
export const MATERIAL_BASES = ['critical_operation', 'material_risk', 'deemed'] as const;
export type MaterialBasis = (typeof MATERIAL_BASES)[number];
export const MATERIAL_BASIS_LABELS: Record<MaterialBasis, string> = {
  critical_operation: 'Relied on to undertake a critical operation',
  material_risk: 'Exposes us to material operational risk',
  deemed: 'Deemed material (para 50)',
};

/** Categories of non-traditional service providers in the Attachment to CPS 230 (in force 1 July 2026). */
export const NTSP_CATEGORIES = ['government', 'regulator', 'central_bank', 'exchange', 'clearing_settlement', 'payment_system', 'messaging'] as const;
export type NtspCategory = (typeof NTSP_CATEGORIES)[number];
export const NTSP_CATEGORY_LABELS: Record<NtspCategory, string> = {
  government: 'Government agency',
  regulator: 'Financial regulator',
  central_bank: 'Central bank',
  exchange: 'Financial market exchange',
  clearing_settlement: 'Operator of a clearing and settlement facility',
  payment_system: 'Operator of a payment system or scheme',
  messaging: 'Financial messaging infrastructure',
};
