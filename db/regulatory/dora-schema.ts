// The DORA Register of Information as the EBA reporting framework 4.0 (DORA module) receives it: the 15 templates of
// Commission Implementing Regulation (EU) 2024/2956, Annex I, each with its DPM 4.0 column codes, primary key, foreign
// keys and mandatory columns. The export writes these columns and the linter checks against them, so this file is the
// one place a code or key is stated.
//
// Sources (see also ../shared/REGULATORY.md §1.2–1.7 of the project notes):
// - Template names and the supply-chain rank (Art. 1–3): Implementing Regulation (EU) 2024/2956, OJ L, 2.12.2024,
//   text as published on EUR-Lex (32024R2956; read via legalize.dev/eu/law/32024R2956).
// - Column codes in DPM 4.0 order (which differ from the ITS numbering for B_05.01 and B_06.01, and give B_03.03 the
//   code 0031): the plain-csv exporter of github.com/Juunior03/Dora-Incident, src/components/registre/paquetEba.js
//   (COLONNES), built on the EBA's sample package and annotated templates.
// - Keys (rules 805–807) and "Not applicable" sentinels: intuitem/ciso-assistant-community,
//   documentation/dora-roi-specification.md, and EBA FAQ (March 2025) as cited there.
// - Mandatory columns: the EBA DPM-XL rules e23674–e23683 and e23792 as transcribed in
//   github.com/artemeon/dpm-xl-validator src/RuleSet/DORA.php. An empty mandatory non-key cell is a warning, not a
//   rejection (EBA FAQ, March 2025).

export const DORA_TEMPLATE_IDS = [
  'B_01.01',
  'B_01.02',
  'B_01.03',
  'B_02.01',
  'B_02.02',
  'B_02.03',
  'B_03.01',
  'B_03.02',
  'B_03.03',
  'B_04.01',
  'B_05.01',
  'B_05.02',
  'B_06.01',
  'B_07.01',
  'B_99.01',
] as const;
export type DoraTemplateId = (typeof DORA_TEMPLATE_IDS)[number];

export interface DoraColumn {
  /** The DPM 4.0 column code without its "c" (the CSV header is `c${code}`). */
  code: string;
  label: string;
  /** Reported in every row (DPM-XL "e" rules); empty is a warning. Key columns are always required (rule 805). */
  mandatory?: boolean;
}

export interface DoraForeignKey {
  columns: string[];
  references: DoraTemplateId;
  referencedColumns: string[];
  /** The reference may be left empty (e.g. the overarching arrangement of a standalone one). */
  optional?: boolean;
  /** The reference holds only in rows where this column has this value (a branch's code only in a branch's row). */
  when?: { column: string; equals: string };
}

export interface DoraTemplate {
  id: DoraTemplateId;
  name: string;
  columns: DoraColumn[];
  /** Primary key columns (rules 805 and 806); empty for B_99.01, which has one row and no key. */
  key: string[];
  foreignKeys: DoraForeignKey[];
}

const col = (code: string, label: string, mandatory = false): DoraColumn => (mandatory ? { code, label, mandatory } : { code, label });
const CONTRACT_FK: DoraForeignKey = { columns: ['0010'], references: 'B_02.01', referencedColumns: ['0010'] };
const providerFk = (code: string, type: string): DoraForeignKey => ({ columns: [code, type], references: 'B_05.01', referencedColumns: ['0010', '0020'] });

/** What each B_99.01 column defines: the entity's own meaning of one option of another template's column. */
export const B_99_01_OPTIONS: Readonly<Record<string, string>> = {
  '0010': 'B_02.01.0020 standalone arrangement',
  '0020': 'B_02.01.0020 overarching arrangement',
  '0030': 'B_02.01.0020 subsequent or associated arrangement',
  '0040': 'B_02.02.0170 low sensitiveness',
  '0050': 'B_02.02.0170 medium sensitiveness',
  '0060': 'B_02.02.0170 high sensitiveness',
  '0070': 'B_06.01.0110 (ITS numbering) low impact of discontinuing the function',
  '0080': 'B_06.01.0110 (ITS numbering) medium impact of discontinuing the function',
  '0090': 'B_06.01.0110 (ITS numbering) high impact of discontinuing the function',
  '0100': 'B_07.01.0050 not substitutable',
  '0110': 'B_07.01.0050 highly complex substitutability',
  '0120': 'B_07.01.0050 medium complexity in terms of substitutability',
  '0130': 'B_07.01.0050 easily substitutable',
  '0140': 'B_07.01.0090 easy reintegration',
  '0150': 'B_07.01.0090 difficult reintegration',
  '0160': 'B_07.01.0090 highly complex reintegration',
  '0170': 'B_07.01.0100 low impact of discontinuing the ICT services',
  '0180': 'B_07.01.0100 medium impact of discontinuing the ICT services',
  '0190': 'B_07.01.0100 high impact of discontinuing the ICT services',
};

export const DORA_TEMPLATES: readonly DoraTemplate[] = [
  {
    id: 'B_01.01',
    name: 'Entity maintaining the register of information',
    columns: [col('0010', 'LEI of the entity maintaining the register', true), col('0020', 'Name of the entity', true), col('0030', 'Country of the entity', true), col('0040', 'Type of entity', true), col('0050', 'Competent authority', true), col('0060', 'Date of the reporting', true)],
    key: ['0010'],
    foreignKeys: [],
  },
  {
    id: 'B_01.02',
    name: 'List of entities within the scope of the register of information',
    columns: [
      col('0010', 'LEI of the entity'),
      col('0020', 'Name of the entity', true),
      col('0030', 'Country of the entity', true),
      col('0040', 'Type of entity', true),
      col('0050', 'Hierarchy of the entity within the group', true),
      col('0060', 'LEI of the direct parent undertaking', true),
      col('0070', 'Date of last update', true),
      col('0080', 'Date of integration in the register', true),
      col('0090', 'Date of deletion in the register', true),
      col('0100', 'Currency'),
      col('0110', 'Value of total assets'),
    ],
    key: ['0010'],
    foreignKeys: [],
  },
  {
    id: 'B_01.03',
    name: 'List of branches',
    columns: [col('0010', 'Identification code of the branch', true), col('0020', 'LEI of the head office of the branch', true), col('0030', 'Name of the branch', true), col('0040', 'Country of the branch', true)],
    key: ['0010', '0020'],
    foreignKeys: [{ columns: ['0020'], references: 'B_01.02', referencedColumns: ['0010'] }],
  },
  {
    id: 'B_02.01',
    name: 'Contractual arrangements – general information',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'Type of contractual arrangement', true), col('0030', 'Overarching contractual arrangement reference number'), col('0040', 'Currency of the amount reported', true), col('0050', 'Annual expense or estimated cost of the contractual arrangement for the past year', true)],
    key: ['0010'],
    foreignKeys: [{ columns: ['0030'], references: 'B_02.01', referencedColumns: ['0010'], optional: true }],
  },
  {
    id: 'B_02.02',
    name: 'Contractual arrangements – specific information',
    columns: [
      col('0010', 'Contractual arrangement reference number'),
      col('0020', 'LEI of the entity making use of the ICT service(s)'),
      col('0030', 'Identification code of the ICT third-party service provider'),
      col('0040', 'Type of code to identify the ICT third-party service provider', true),
      col('0050', 'Function identifier', true),
      col('0060', 'Type of ICT services', true),
      col('0070', 'Start date of the contractual arrangement', true),
      col('0080', 'End date of the contractual arrangement', true),
      col('0090', 'Reason of the termination or ending of the contractual arrangement'),
      col('0100', 'Notice period for the financial entity making use of the ICT service(s)'),
      col('0110', 'Notice period for the ICT third-party service provider'),
      col('0120', 'Country of the governing law of the contractual arrangement'),
      col('0130', 'Country of provision of the ICT services'),
      col('0140', 'Storage of data'),
      col('0150', 'Location of the data at rest (storage)'),
      col('0160', 'Location of management of the data (processing)'),
      col('0170', 'Sensitiveness of the data stored by the ICT third-party service provider'),
      col('0180', 'Level of reliance on the ICT service supporting the critical or important function'),
    ],
    key: ['0010', '0020', '0030', '0040', '0050', '0060', '0130', '0150', '0160'],
    foreignKeys: [
      CONTRACT_FK,
      { columns: ['0020'], references: 'B_01.02', referencedColumns: ['0010'] },
      providerFk('0030', '0040'),
      { columns: ['0050'], references: 'B_06.01', referencedColumns: ['0010'] },
    ],
  },
  {
    id: 'B_02.03',
    name: 'List of intra-group contractual arrangements',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'Contractual arrangement linked to the contractual arrangement referred in B_02.03.0010'), col('0030', 'Link')],
    key: ['0010', '0020'],
    foreignKeys: [CONTRACT_FK, { columns: ['0020'], references: 'B_02.01', referencedColumns: ['0010'] }],
  },
  {
    id: 'B_03.01',
    name: 'Entities signing the contractual arrangements for receiving ICT service(s) or on behalf of the entities making use of the ICT service(s)',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'LEI of the entity signing the contractual arrangement'), col('0030', 'Link')],
    key: ['0010', '0020'],
    foreignKeys: [CONTRACT_FK],
  },
  {
    id: 'B_03.02',
    name: 'ICT third-party service providers signing the contractual arrangements for providing ICT service(s)',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'Identification code of ICT third-party service provider'), col('0030', 'Type of code to identify the ICT third-party service provider')],
    key: ['0010', '0020', '0030'],
    foreignKeys: [CONTRACT_FK, providerFk('0020', '0030')],
  },
  {
    id: 'B_03.03',
    name: 'Entities signing the contractual arrangements for providing ICT service(s) (intra-group)',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'LEI of the entity providing ICT services'), col('0031', 'Link')],
    key: ['0010', '0020'],
    foreignKeys: [CONTRACT_FK],
  },
  {
    id: 'B_04.01',
    name: 'Entities making use of the ICT services',
    columns: [col('0010', 'Contractual arrangement reference number'), col('0020', 'LEI of the entity making use of the ICT service(s)'), col('0030', 'Nature of the entity making use of the ICT service(s)', true), col('0040', 'Identification code of the branch')],
    key: ['0010', '0020', '0040'],
    // A branch's row (nature eba_ZZ:x838) names a branch of B_01.03 and its head office; other rows say "Not
    // Applicable" in 0040 (EBA FAQ 64, as the Juunior03/Dora-Incident exporter writes it).
    foreignKeys: [CONTRACT_FK, { columns: ['0040', '0020'], references: 'B_01.03', referencedColumns: ['0010', '0020'], when: { column: '0030', equals: 'eba_ZZ:x838' } }],
  },
  {
    id: 'B_05.01',
    name: 'ICT third-party service providers',
    columns: [
      col('0010', 'Identification code of ICT third-party service provider'),
      col('0020', 'Type of code to identify the ICT third-party service provider'),
      col('0030', 'Additional identification code of ICT third-party service provider'),
      col('0040', 'Type of additional identification code'),
      col('0050', 'Legal name of the ICT third-party service provider', true),
      col('0060', 'Name of the ICT third-party service provider in Latin alphabet', true),
      col('0070', 'Type of person of the ICT third-party service provider', true),
      col('0080', 'Country of the ICT third-party service provider’s headquarters', true),
      col('0090', 'Currency of the amount reported in B_05.01.0100'),
      col('0100', 'Total annual expense or estimated cost of the ICT third-party service provider'),
      col('0110', 'Identification code of the ICT third-party service provider’s ultimate parent undertaking', true),
      col('0120', 'Type of code to identify the ICT third-party service provider’s ultimate parent undertaking'),
    ],
    key: ['0010', '0020'],
    foreignKeys: [],
  },
  {
    id: 'B_05.02',
    name: 'ICT service supply chains',
    columns: [
      col('0010', 'Contractual arrangement reference number'),
      col('0020', 'Type of ICT services'),
      col('0030', 'Identification code of the ICT third-party service provider'),
      col('0040', 'Type of code to identify the ICT third-party service provider'),
      col('0050', 'Rank'),
      col('0060', 'Identification code of the recipient of sub-contracted ICT services'),
      col('0070', 'Type of code to identify the recipient of sub-contracted ICT services'),
    ],
    key: ['0010', '0020', '0030', '0040', '0050', '0060', '0070'],
    foreignKeys: [CONTRACT_FK, providerFk('0030', '0040'), providerFk('0060', '0070')],
  },
  {
    id: 'B_06.01',
    name: 'Functions identification',
    columns: [
      col('0010', 'Function identifier'),
      col('0020', 'Licenced activity', true),
      col('0030', 'Function name', true),
      col('0040', 'LEI of the financial entity'),
      col('0050', 'Criticality or importance assessment', true),
      col('0060', 'Reasons for criticality or importance'),
      col('0070', 'Date of the last assessment of criticality or importance', true),
      col('0080', 'Recovery time objective of the function', true),
      col('0090', 'Recovery point objective of the function', true),
      col('0100', 'Impact of discontinuing the function', true),
    ],
    key: ['0010'],
    foreignKeys: [],
  },
  {
    id: 'B_07.01',
    name: 'Assessment of the ICT services',
    columns: [
      col('0010', 'Contractual arrangement reference number'),
      col('0020', 'Identification code of the ICT third-party service provider'),
      col('0030', 'Type of code to identify the ICT third-party service provider'),
      col('0040', 'Type of ICT services'),
      col('0050', 'Substitutability of the ICT third-party service provider', true),
      col('0060', 'Reason if the ICT third-party service provider is considered not substitutable or difficult to be substitutable'),
      col('0070', 'Date of the last audit on the ICT third-party service provider', true),
      col('0080', 'Existence of an exit plan', true),
      col('0090', 'Possibility of reintegration of the contracted ICT service', true),
      col('0100', 'Impact of discontinuing the ICT services', true),
      col('0110', 'Are there alternative ICT third-party service providers identified?', true),
      col('0120', 'Identification of alternative ICT TPP'),
    ],
    key: ['0010', '0020', '0030', '0040'],
    foreignKeys: [CONTRACT_FK, providerFk('0020', '0030')],
  },
  {
    id: 'B_99.01',
    name: 'Definitions from entities making use of the ICT services',
    columns: Object.entries(B_99_01_OPTIONS).map(([code, label]) => col(code, label)),
    key: [],
    foreignKeys: [],
  },
];

export function doraTemplate(id: DoraTemplateId): DoraTemplate {
  return DORA_TEMPLATES.find((t) => t.id === id)!;
}

/** The plain-csv file of a template inside the package's reports/ folder (lower case, as in the EBA sample package). */
export const templateFileName = (id: DoraTemplateId) => `${id.toLowerCase()}.csv`;

/** The report package's fixed parts (xBRL report package 2023, xBRL-CSV 2021, EBA DORA 4.0 entry point). */
export const DORA_PACKAGE = {
  reportPackageType: 'https://xbrl.org/report-package/2023',
  reportType: 'https://xbrl.org/2021/xbrl-csv',
  entryPoint: 'http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json',
  /** The module part of the package name. */
  module: 'DORA010100_DORA',
} as const;
