// The sample register's DORA RoI data: the invented group's legal entities (its EU payment institution maintains the
// register, and has a branch in Frankfurt), the RoI fields of each sample contract, and the business services as functions. Identifiers are made up
// (LEIs spelling "VRRSAMPLE…" with valid check digits); the real companies in the sample keep no invented identifier,
// so the linter shows what a team would still have to fill in for them.
import type { ContractCall } from '../sample';
import { withLeiCheckDigits } from '../shared/identifiers';
import type { Alternatives, IctServiceType, MaterialBasis, Reintegration, ServiceImpact, TerminationReason } from '../shared/regulatory-codes';

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

/**
 * Contract reference → the assessment of its service (B_07.01): days since the last audit, reintegration, impact of
 * discontinuing, alternatives identified (and which), and why it ends when notice has been given (B_02.02.0090).
 * Contracts not listed are left unassessed, so the linter shows what a team would still fill in.
 */
const ASSESSMENTS: Record<string, [auditedDaysAgo: number, Reintegration, ServiceImpact, Alternatives, alternatives: string | null, TerminationReason | null]> = {
  'HCC-2021-07': [200, 'difficult', 'high', 'yes', 'Two Manila contact-centre operators shortlisted in the 2025 market scan', null],
  'ANZ-MSA-2018': [150, 'highly_complex', 'high', 'no', null, null],
  'SKY-GDS-2016': [320, 'highly_complex', 'high', 'yes', 'Amadeus, Sabre', null],
  'AFM-2023-11': [90, 'easy', 'low', 'not_assessed', null, 'expired'],
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
  // The payment institution's Frankfurt branch (B_01.03) uses the reservation system, whose data is processed in Germany.
  const frankfurt = call('branches.save', { branch: { entityId: payments.id, code: 'SCPE-DE-FRA', name: 'Southern Cross Payments Europe, Frankfurt branch', country: 'DE' } });
  const BRANCH_USERS = new Set(['SKY-GDS-2016']);
  for (const contract of call('contracts.list', {})) {
    const fields = ARRANGEMENTS[contract.reference];
    if (!fields) continue;
    const [ictServiceType, provisionCountry, processingCountry, governingLaw, providerNoticeDays] = fields;
    const assessed = ASSESSMENTS[contract.reference];
    const hardToSubstitute = ['not_substitutable', 'difficult'].includes(call('vendors.get', { id: contract.vendorId }).substitutability ?? '');
    const assessment = assessed && {
      lastAuditOn: isoDaysFrom(now, -assessed[0]),
      reintegration: assessed[1],
      serviceDiscontinuingImpact: assessed[2],
      alternativesIdentified: assessed[3],
      alternativeProviders: assessed[4],
      terminationReason: assessed[5],
      substitutionReason: hardToSubstitute ? (assessed[3] === 'no' ? ('no_alternatives' as const) : ('migration' as const)) : null,
    };
    call('arrangements.save', {
      contractId: contract.id,
      arrangement: {
        arrangementType: 'standalone',
        ictServiceType,
        provisionCountry,
        processingCountry,
        governingLaw,
        providerNoticeDays,
        usingEntities: [{ entityId: payments.id, signed: true }],
        usingBranches: BRANCH_USERS.has(contract.reference) ? [frankfurt.id] : [],
        ...assessment,
      },
    });
  }
  for (const [index, fn] of call('functions.list', {}).entries()) {
    call('functions.save', { serviceId: fn.serviceId, fn: { functionCode: `F${index + 1}`, discontinuingImpact: IMPACT[fn.criticality], criticalityAssessedOn: isoDaysFrom(now, -120) } });
  }
}

/** Contract reference → why it is material under CPS 230, whether it is offshoring, days ago APRA was told (para 59). */
const MATERIAL: Record<string, [MaterialBasis, offshoring: boolean, notifiedDaysAgo: number | null]> = {
  'HCC-2021-07': ['critical_operation', true, 1_400],
  '247-CHAT-2019': ['material_risk', true, null],
  'ANZ-MSA-2018': ['critical_operation', false, 2_500],
  'STR-ENT-2020': ['deemed', true, 1_750],
  'SKY-GDS-2016': ['critical_operation', true, 3_200],
  'FPR-2022': ['material_risk', false, 1_050],
};

/** Tolerance levels of the sample's critical operations beyond the maximum outage: extent of data loss, minimum service. */
const TOLERANCES: Record<string, [dataLoss: string, minimumService: string]> = {
  'Customer contact centre': ['No loss of logged customer cases', 'Urgent travel disruption calls answered within 30 minutes'],
  'Flight booking and check-in': ['No confirmed booking lost', 'Airport check-in for departing flights'],
  'Card payments': ['No authorised payment lost', 'Refunds and payments queued, processed within 24 hours'],
  'Online retail orders': ['Orders of the last 15 minutes', 'Orders taken, delivery promised later'],
  'Mobile app': ['None: the app holds no record of its own', 'Boarding passes shown offline'],
};

/** The sample's CPS 230 fields: material arrangements with their basis, offshoring and APRA dates; critical operations' tolerances. */
export function populateSampleCps230(call: ContractCall, now: Date): void {
  for (const contract of call('contracts.list', {})) {
    const fields = MATERIAL[contract.reference];
    if (!fields) continue;
    const [materialBasis, offshoring, notifiedDaysAgo] = fields;
    const notified = notifiedDaysAgo === null ? null : isoDaysFrom(now, -notifiedDaysAgo);
    call('cps230.saveArrangement', { contractId: contract.id, arrangement: { materialBasis, offshoring, apraNotifiedOn: notified, offshoringConsultedOn: offshoring ? notified : null } });
  }
  for (const operation of call('cps230.operations', {})) {
    const tolerance = TOLERANCES[operation.name];
    if (!tolerance) continue;
    call('cps230.saveOperation', { serviceId: operation.serviceId, operation: { criticalOperation: true, maxOutageHours: operation.maxOutageHours, dataLossTolerance: tolerance[0], minServiceLevel: tolerance[1] } });
  }
}
