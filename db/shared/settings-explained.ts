// Every scoring setting in force, in words: its plain label, its value and what it does. The board pack's appendix
// prints it whole; the Help view shows it too.
import type { ScoringSettings } from '../contract';
import { countryName } from './countries';
import { INCIDENT_KIND_LABELS, SUBSTITUTABILITY_LABELS } from './labels';

export interface ExplainedSetting {
  label: string;
  value: string;
  meaning: string;
}

const pct = (x: number) => `${Number((100 * x).toFixed(2))} %`;
const list = (entries: [string, number][]) => entries.map(([k, v]) => `${k} ${v}`).join(', ');

export function explainSettings(s: ScoringSettings): ExplainedSetting[] {
  return [
    { label: 'Home country', value: `${countryName(s.homeCountry)} (${s.homeCountry})`, meaning: 'Data stored elsewhere counts as stored abroad.' },
    { label: 'Reporting currency', value: s.reportingCurrency, meaning: 'Annual spend is converted into it for the spend basis.' },
    { label: 'Exchange rates', value: list(Object.entries(s.fxRates)) || 'none', meaning: `One unit of each currency in ${s.reportingCurrency}; spend in a currency without a rate is left out and listed.` },
    { label: 'Customer base', value: s.customerBase === null ? 'not set' : s.customerBase.toLocaleString('en'), meaning: 'How many distinct customers we have: people at a vendor are shown as a share of it.' },
    { label: 'Reliance weights', value: `full ${s.relianceWeights.full}, material ${s.relianceWeights.material}, low ${s.relianceWeights.low}`, meaning: 'How much a vendor counts for each critical service it supports (critical-services basis).' },
    { label: 'Concentration index (HHI) bands', value: `moderate from ${s.bands.moderate.toLocaleString('en')}, high above ${s.bands.high.toLocaleString('en')}`, meaning: 'Level bands of the Herfindahl–Hirschman index (US merger guidelines 2023 by default).' },
    {
      label: '2023 test of a change',
      value: `index after above ${s.test2023.hhi.toLocaleString('en')}, or a holder above ${pct(s.test2023.share)}, each with a rise above ${s.test2023.deltaHhi.toLocaleString('en')}`,
      meaning: 'Flags a proposed vendor whose signing would concentrate the data (procurement review); the share limit is also drawn on charts.',
    },
    { label: 'Dependency share bands', value: `moderate from ${pct(s.dependencyBands.moderate)}, high above ${pct(s.dependencyBands.high)}`, meaning: 'Bands of the share of exposure riding on one provider (also applied to the share of customers at one vendor).' },
    { label: 'Incident half-life', value: `${s.incidentHalfLifeYears} years`, meaning: 'An incident counts half as much towards likelihood after this long.' },
    { label: 'Incident kind factors', value: list(Object.entries(s.incidentKindFactors).map(([k, v]) => [INCIDENT_KIND_LABELS[k as keyof typeof INCIDENT_KIND_LABELS].toLowerCase(), v])), meaning: 'How much each kind of incident weighs towards likelihood.' },
    { label: 'Base incident rate', value: `${s.baseIncidentRate} a year`, meaning: 'Assumed of every vendor: a clean record lowers likelihood, never to zero.' },
    { label: 'Impact caps', value: `dependency share ${pct(s.impactShareCap)}, critical reliance ${s.impactCriticalCap}`, meaning: 'Impact is full at these levels (impact = 0.7 × share part + 0.3 × reliance part).' },
    { label: 'Resilience weight', value: String(s.resilienceWeight), meaning: `Severity = ${Number((1 - s.resilienceWeight).toFixed(2))} × impact + ${s.resilienceWeight} × resilience gap.` },
    {
      label: 'Resilience gap by substitutability',
      value: list(Object.entries(s.substitutabilityGap).map(([k, v]) => [SUBSTITUTABILITY_LABELS[k as keyof typeof SUBSTITUTABILITY_LABELS].toLowerCase(), v])),
      meaning: 'Not assessed counts as not substitutable: what was never assessed is never rewarded.',
    },
    { label: 'Procurement review rule', value: s.reviewRule.escalateOnNewSinglePoint ? 'escalate a new single point of failure' : 'the 2023 test only', meaning: 'Besides the 2023 test, escalate a vendor that would leave a critical service on one provider.' },
  ];
}
