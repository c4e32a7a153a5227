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
/** The field a finding on a provider's ultimate parent's code names, followed by the parent's name: its identifiers open too. */
export const PARENT_CODE_FIELD = 'Identifier of the ultimate parent';

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

// The DORA RoI fields of migration 0140: why an arrangement ended (B_02.02.0090) and the assessment of its ICT service
// (B_07.01.0060, 0090, 0100, 0110). Codes: the EBA DPM 4.0 lists LIST0202090, LIST0701060, LIST0701090, LIST0601100
// and LIST0601050, as in intuitem/ciso-assistant-community backend/core/dora.py and its RoI specification (confirmed
// against Juunior03/Dora-Incident paquetEba.js).

/** LIST0202090, reason of the termination or ending of the arrangement (eba_CO:x4 … x9). */
export const TERMINATION_REASONS = ['expired', 'breach', 'impediments', 'data_security', 'authority', 'other'] as const;
export type TerminationReason = (typeof TERMINATION_REASONS)[number];
export const TERMINATION_REASON_CODES: Record<TerminationReason, string> = {
  expired: 'eba_CO:x4',
  breach: 'eba_CO:x5',
  impediments: 'eba_CO:x6',
  data_security: 'eba_CO:x7',
  authority: 'eba_CO:x8',
  other: 'eba_CO:x9',
};
export const TERMINATION_REASON_LABELS: Record<TerminationReason, string> = {
  expired: 'Not for cause: expired and not renewed',
  breach: 'For cause: the provider breached the law, regulations or the contract',
  impediments: 'For cause: impediments of the provider that could alter the function',
  data_security: 'For cause: the provider’s weaknesses in managing and securing sensitive data',
  authority: 'As requested by the competent authority',
  other: 'Other reasons',
};

/** LIST0701060, why a provider is not substitutable or highly complex to substitute. */
export const SUBSTITUTION_REASONS = ['no_alternatives', 'migration', 'both'] as const;
export type SubstitutionReason = (typeof SUBSTITUTION_REASONS)[number];
export const SUBSTITUTION_REASON_CODES: Record<SubstitutionReason, string> = { no_alternatives: 'eba_ZZ:x963', migration: 'eba_ZZ:x964', both: 'eba_ZZ:x965' };
export const SUBSTITUTION_REASON_LABELS: Record<SubstitutionReason, string> = {
  no_alternatives: 'No real alternative',
  migration: 'Migration or reintegration',
  both: 'Both',
};

/** LIST0701090, possibility of reintegrating the service. */
export const REINTEGRATIONS = ['easy', 'difficult', 'highly_complex'] as const;
export type Reintegration = (typeof REINTEGRATIONS)[number];
export const REINTEGRATION_CODES: Record<Reintegration, string> = { easy: 'eba_ZZ:x798', difficult: 'eba_ZZ:x966', highly_complex: 'eba_ZZ:x967' };
export const REINTEGRATION_LABELS: Record<Reintegration, string> = { easy: 'Easy', difficult: 'Difficult', highly_complex: 'Highly complex' };

/** LIST0601100, impact of discontinuing the ICT service, with "assessment not performed". */
export const SERVICE_IMPACTS = ['low', 'medium', 'high', 'not_assessed'] as const;
export type ServiceImpact = (typeof SERVICE_IMPACTS)[number];
export const SERVICE_IMPACT_CODES: Record<ServiceImpact, string> = { low: 'eba_ZZ:x791', medium: 'eba_ZZ:x792', high: 'eba_ZZ:x793', not_assessed: 'eba_ZZ:x799' };
export const SERVICE_IMPACT_LABELS: Record<ServiceImpact, string> = { low: 'Low', medium: 'Medium', high: 'High', not_assessed: 'Assessment not performed' };

/** LIST0601050, are alternative providers identified. */
export const ALTERNATIVES = ['yes', 'no', 'not_assessed'] as const;
export type Alternatives = (typeof ALTERNATIVES)[number];
export const ALTERNATIVES_CODES: Record<Alternatives, string> = { yes: 'eba_BT:x28', no: 'eba_BT:x29', not_assessed: 'eba_BT:x21' };
export const ALTERNATIVES_LABELS: Record<Alternatives, string> = { yes: 'Yes', no: 'No', not_assessed: 'Assessment not performed' };

/** These fields as the Regulatory view's contract form labels them and the RoI linter's findings name them (a finding opens the form at the label that begins so). */
export const ARRANGEMENT_FIELD = {
  terminationReason: 'Reason for termination or ending',
  substitutionReason: 'Why it is hard to substitute',
  lastAuditOn: 'Date of the last audit',
  reintegration: 'Possibility of reintegration',
  serviceDiscontinuingImpact: 'Impact of discontinuing',
  alternativesIdentified: 'Alternative providers identified',
  alternativeProviders: 'Which alternative providers',
  usingBranches: 'Branches using it',
  linkedIds: 'Linked arrangements',
} as const;

/** A branch's fields (B_01.03) as the Regulatory view's branch form labels them and the linter's findings name them. */
export const BRANCH_FIELD = {
  code: 'Identification code',
  entityId: 'Head office',
  name: 'Name',
  country: 'Country',
} as const;
