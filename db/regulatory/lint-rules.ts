// The RoI linter's data-quality rules beyond the EBA's four blocking ones. None of them makes the regulator reject the
// package (only 805–808 do, EBA FAQ March 2025), so each is a warning. Sources (../shared/REGULATORY.md §1.5, §1.7):
// - the DPM-XL conditional rules as transcribed in github.com/artemeon/dpm-xl-validator src/RuleSet/DORA.php:
//   v8805 (a subsequent arrangement names its overarching one), v8816 (end date after start date), v8817/v8818 (a legal
//   person is identified by an LEI or an EUID), v8823 (an additional code has its type), v8824 (an expense has its
//   currency), v8825 (not substitutable or highly complex needs a reason), v8803 (total assets have a currency);
// - EUID: an EEA country code, then the register's code after a dot (e.g. FRRCS.123456789), and never for a provider
//   headquartered outside the EEA; supply-chain ranks (ITS Art. 1: the direct provider is rank 1, its subcontractors 2,
//   3 …; EBA FAQ 65: at rank 1 the recipient is the provider itself; at rank n the recipient is a rank n−1 provider of
//   the same arrangement and service type), a past end date without a termination reason, and stale dates: the
//   Juunior03/Dora-Incident linter (supabase/migrations/20261004000000_conformite_its.sql);
// - countries: every country cell is eba_GA: and an ISO 3166-1 alpha-2 code (the EBA's LISTCOUNTRY; eba_GA:qx2007
//   "not applicable" only in B_02.02's key columns, EBA FAQ March 2025);
// - branches: a row of B_04.01 of nature "branch" (eba_ZZ:x838) names the branch's code, and one of nature "not a
//   branch" (x839) says "Not Applicable" instead (LIST0401030; EBA FAQ 64 as the Juunior03 exporter applies it);
// - intra-group arrangements: B_02.03 links an intra-group arrangement (one signed by our own entity to provide the
//   services, B_03.03) to another arrangement, never to itself; the entity providing the services intra-group is one
//   of the group's, within the scope of consolidation (B_01.02: the full name of B_03.03 is "Entities signing the
//   contractual arrangements for providing ICT service(s) to other entity within the scope of consolidation").
import { isCountryCode } from '../shared/countries';
import type { DoraTemplateId } from './dora-schema';
import { BRANCH_NATURE, NOT_APPLICABLE_COUNTRY, NOT_A_BRANCH, yearBefore, type RoiRow, type RoiTables } from './roi';

export type Find = (template: DoraTemplateId, row: RoiRow, column: string, rule: string, message: string) => void;

/** EU member states and the other EEA countries (Iceland, Liechtenstein, Norway). */
const EEA = new Set(['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'IS', 'LI', 'NO']);
const EUID = 'eba_qCO:qx2002';
const LEI = 'eba_qCO:qx2000';
const OPEN_DATE = '9999-12-31';

function euid(tables: RoiTables, find: Find) {
  for (const row of tables['B_05.01']) {
    for (const [code, type] of [['0010', '0020'], ['0110', '0120']] as const) {
      const value = row.cells[code] ?? '';
      if (row.cells[type] !== EUID || !value) continue;
      const prefix = value.slice(0, 2);
      if (!EEA.has(prefix) || !/^[A-Z]{2}[A-Z0-9]*\..+$/.test(value)) find('B_05.01', row, code, 'EUID', `“${value}” is not an EUID: it starts with the EEA country of the business register, then the register's code and, after a dot, the company's number (e.g. FRRCS.123456789).`);
    }
    const hq = (row.cells['0080'] ?? '').replace('eba_GA:', '');
    if (row.cells['0020'] === EUID && hq && !EEA.has(hq)) find('B_05.01', row, '0020', 'EUID', `A provider headquartered outside the EEA (${hq}) has no EUID: identify it by its LEI.`);
  }
}

function ranks(tables: RoiTables, find: Find) {
  const chain = tables['B_05.02'];
  const at = (contract: string, service: string, rank: number) => new Set(chain.filter((r) => r.cells['0010'] === contract && r.cells['0020'] === service && Number(r.cells['0050']) === rank).map((r) => `${r.cells['0030']}|${r.cells['0040']}`));
  for (const row of chain) {
    const rank = Number(row.cells['0050']);
    const provider = `${row.cells['0030']}|${row.cells['0040']}`;
    const recipient = `${row.cells['0060']}|${row.cells['0070']}`;
    if (!Number.isInteger(rank) || rank < 1) find('B_05.02', row, '0050', 'rank', `“${row.cells['0050']}” is not a rank: 1 for the direct provider, 2 or more for a subcontractor.`);
    else if (rank === 1 && recipient !== provider) find('B_05.02', row, '0060', 'rank', 'At rank 1 the provider is the direct provider: it is its own recipient.');
    else if (rank > 1 && !at(row.cells['0010']!, row.cells['0020']!, rank - 1).has(recipient)) {
      find('B_05.02', row, '0060', 'rank', `The recipient ${row.cells['0060']} is not a rank ${rank - 1} provider of arrangement ${row.cells['0010']}: a rank ${rank} provider supplies a rank ${rank - 1} one.`);
    }
  }
}

function dates(tables: RoiTables, referenceDate: string | undefined, find: Find) {
  for (const row of tables['B_02.02']) {
    const start = row.cells['0070'];
    const end = row.cells['0080'];
    if (start && end && end <= start) find('B_02.02', row, '0080', 'v8816', `The end date ${end} is not after the start date ${start}.`);
    if (referenceDate && end && end !== OPEN_DATE && end < referenceDate && !row.cells['0090']) find('B_02.02', row, '0090', 'termination', `The arrangement ended on ${end}, before the reference date: say why it ended (reason for termination).`);
  }
  if (!referenceDate) return;
  const stale = yearBefore(referenceDate);
  for (const row of tables['B_07.01']) {
    const audit = row.cells['0070'];
    if (audit && audit < stale) find('B_07.01', row, '0070', 'stale', `The last audit (${audit}) is more than a year before the reference date.`);
  }
  for (const row of tables['B_06.01']) {
    const assessed = row.cells['0070'];
    if (assessed && assessed !== OPEN_DATE && assessed < stale) find('B_06.01', row, '0070', 'stale', `Criticality was last assessed on ${assessed}, more than a year before the reference date.`);
  }
}

function conditional(tables: RoiTables, find: Find) {
  for (const row of tables['B_02.01']) if (row.cells['0020'] === 'eba_CO:x3' && !row.cells['0030']) find('B_02.01', row, '0030', 'v8805', 'A subsequent or associated arrangement names its overarching arrangement.');
  for (const row of tables['B_05.01']) {
    if (row.cells['0070'] === 'eba_CT:x212' && row.cells['0020'] && row.cells['0020'] !== LEI && row.cells['0020'] !== EUID) find('B_05.01', row, '0020', 'v8817', 'A legal person is identified by its LEI or, failing that, its EUID.');
    if (row.cells['0030'] && !row.cells['0040']) find('B_05.01', row, '0040', 'v8823', 'The additional identification code needs its type.');
    if (row.cells['0100'] && !row.cells['0090']) find('B_05.01', row, '0090', 'v8824', 'The annual expense needs its currency.');
  }
  for (const row of tables['B_07.01']) {
    if ((row.cells['0050'] === 'eba_ZZ:x959' || row.cells['0050'] === 'eba_ZZ:x960') && !row.cells['0060']) find('B_07.01', row, '0060', 'v8825', 'A provider that is not substitutable, or highly complex to substitute, needs the reason.');
  }
  for (const row of tables['B_01.02']) if (row.cells['0110'] && !row.cells['0100']) find('B_01.02', row, '0100', 'v8803', 'Total assets need their currency.');
}

/** Country columns per template, and those (B_02.02's key columns) where "not applicable" is allowed. */
const COUNTRY_COLUMNS: Partial<Record<DoraTemplateId, string[]>> = {
  'B_01.01': ['0030'],
  'B_01.02': ['0030'],
  'B_01.03': ['0040'],
  'B_02.02': ['0120', '0130', '0150', '0160'],
  'B_05.01': ['0080'],
};
const NOT_APPLICABLE_ALLOWED = new Set(['B_02.02.0130', 'B_02.02.0150', 'B_02.02.0160']);

function countries(tables: RoiTables, find: Find) {
  for (const [template, columns] of Object.entries(COUNTRY_COLUMNS) as [DoraTemplateId, string[]][]) {
    for (const row of tables[template]) {
      for (const column of columns) {
        const value = row.cells[column] ?? '';
        if (!value || (value === NOT_APPLICABLE_COUNTRY && NOT_APPLICABLE_ALLOWED.has(`${template}.${column}`))) continue;
        const code = value.startsWith('eba_GA:') ? value.slice(7) : '';
        if (!isCountryCode(code)) find(template, row, column, 'country', `“${value}” is not a country: eba_GA: and an ISO 3166 two-letter code, e.g. eba_GA:DE.`);
      }
    }
  }
}

function branches(tables: RoiTables, find: Find) {
  for (const row of tables['B_04.01']) {
    const nature = row.cells['0030'] ?? '';
    const code = row.cells['0040'] ?? '';
    if (nature === BRANCH_NATURE.branch && (!code || code === NOT_A_BRANCH)) find('B_04.01', row, '0040', 'branch', 'A branch uses this arrangement: name the branch by its identification code (B_01.03).');
    else if (nature === BRANCH_NATURE.notBranch && code !== NOT_A_BRANCH) find('B_04.01', row, '0040', 'branch', `An entity that is not a branch has no branch code: c0040 says “${NOT_A_BRANCH}”.`);
    else if (nature && nature !== BRANCH_NATURE.branch && nature !== BRANCH_NATURE.notBranch) find('B_04.01', row, '0030', 'branch', `“${nature}” is not a nature of entity: ${BRANCH_NATURE.branch} (a branch) or ${BRANCH_NATURE.notBranch} (not a branch).`);
  }
}

function intraGroup(tables: RoiTables, find: Find) {
  const providedIntraGroup = new Set(tables['B_03.03'].map((r) => r.cells['0010']));
  for (const row of tables['B_02.03']) {
    const [ref, linked] = [row.cells['0010'] ?? '', row.cells['0020'] ?? ''];
    if (ref && ref === linked) find('B_02.03', row, '0020', 'intra-group', `Arrangement ${ref} is linked to itself: link it to the arrangement its intra-group provider holds with its own provider.`);
    else if (ref && !providedIntraGroup.has(ref)) find('B_02.03', row, '0010', 'intra-group', `Arrangement ${ref} is not intra-group (no entity of ours provides it, B_03.03): B_02.03 links intra-group arrangements. Check its provider's LEI.`);
  }
  const group = new Set(tables['B_01.02'].map((r) => r.cells['0010']));
  for (const row of tables['B_03.03']) {
    const lei = row.cells['0020'] ?? '';
    if (lei && !group.has(lei)) find('B_03.03', row, '0020', 'intra-group', `${lei} provides arrangement ${row.cells['0010']} intra-group but is not an entity within the scope of consolidation (B_01.02).`);
  }
}

/** Every data-quality warning on the tables; the reference date dates the stale and termination checks. */
export function qualityFindings(tables: RoiTables, referenceDate: string | undefined, find: Find): void {
  conditional(tables, find);
  euid(tables, find);
  ranks(tables, find);
  dates(tables, referenceDate, find);
  countries(tables, find);
  branches(tables, find);
  intraGroup(tables, find);
}
