// The sample register's DORA RoI data: the invented group's legal entities (its EU payment institution maintains the
// register), the RoI fields of each sample contract, and the business services as functions. Identifiers are made up
// (LEIs spelling "VRRSAMPLE…" with valid check digits); the real companies in the sample keep no invented identifier,
// so the linter shows what a team would still have to fill in for them.
import type { ContractCall } from '../sample';
import { withLeiCheckDigits } from '../shared/identifiers';
import type { IctServiceType } from '../shared/regulatory-codes';

/** A made-up LEI for sample data, e.g. sampleLei('HARBOURLINE'). */
export const sampleLei = (tag: string) => withLeiCheckDigits(`VRRSAMPLE${tag}`.padEnd(18, '0').slice(0, 18));

/** Contract reference → its ICT service type, countries of provision and processing, governing law, provider's notice. */
const ARRANGEMENTS: Record<string, [IctServiceType, provision: string, processing: string, law: string, providerNoticeDays: number]> = {
  'HCC-2021-07': ['S19', 'AU', 'PH', 'IE', 180],
  '247-CHAT-2019': ['S19', 'US', 'US', 'IE', 90],
  'ANZ-MSA-2018': ['S07', 'AU', 'AU', 'AU', 90],
  'OC-2022-03': ['S19', 'AU', 'AU', 'IE', 180],
  'AFM-2023-11': ['S02', 'AU', 'AU', 'IE', 60],
  'STR-ENT-2020': ['S17', 'US', 'US', 'IE', 365],
  'SKY-GDS-2016': ['S19', 'ES', 'DE', 'ES', 180],
  'FPR-2022': ['S19', 'AU', 'AU', 'IE', 90],
};

const IMPACT = { critical: 'high', important: 'medium', other: 'low' } as const;

function isoDaysFrom(now: Date, days: number): string {
  return new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

export function populateSampleRoi(call: ContractCall, now: Date): void {
  const group = call('legalEntities.save', {
    entity: { lei: sampleLei('SCARGROUP'), name: 'Southern Cross Air & Retail Limited', country: 'AU', entityType: 'x318', hierarchy: 'x53', currency: 'AUD', integratedOn: isoDaysFrom(now, -400) },
  });
  const payments = call('legalEntities.save', {
    entity: {
      lei: sampleLei('SCPAYEU'),
      name: 'Southern Cross Payments Europe Limited',
      country: 'IE',
      entityType: 'x300',
      hierarchy: 'x56',
      parentLei: group.lei,
      competentAuthority: 'Central Bank of Ireland',
      currency: 'EUR',
      integratedOn: isoDaysFrom(now, -400),
      maintainsRegister: true,
    },
  });
  for (const contract of call('contracts.list', {})) {
    const fields = ARRANGEMENTS[contract.reference];
    if (!fields) continue;
    const [ictServiceType, provisionCountry, processingCountry, governingLaw, providerNoticeDays] = fields;
    call('arrangements.save', {
      contractId: contract.id,
      arrangement: { arrangementType: 'standalone', ictServiceType, provisionCountry, processingCountry, governingLaw, providerNoticeDays, usingEntities: [{ entityId: payments.id, signed: true }] },
    });
  }
  for (const [index, fn] of call('functions.list', {}).entries()) {
    call('functions.save', { serviceId: fn.serviceId, fn: { functionCode: `F${index + 1}`, discontinuingImpact: IMPACT[fn.criticality], criticalityAssessedOn: isoDaysFrom(now, -120) } });
  }
}
