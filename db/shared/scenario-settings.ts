// The default notification rules and breach-cost figures of scenarios (docs/scenarios.md). A register keeps its own
// copy, editable; every rule and figure names its source. The regimes' clocks follow the research note in
// /work/shared/REGULATORY.md (§3.3 APRA, §4.1 OAIC, §4.2 GDPR, §4.3 DORA, §4.4 US states, §6.2 IBM/Ponemon), checked
// against the texts it cites where they could be read.
import type { NotificationRule, ScenarioSettings } from '../contract-scenarios';

/** Member states of the European Union (ISO 3166): data stored in one of them is stored "in the EU". */
export const EU_MEMBER_STATES: readonly string[] = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

/** True when a storage country lies in a jurisdiction ('EU' covers its member states). */
export function inJurisdiction(country: string, jurisdiction: string): boolean {
  return jurisdiction === 'EU' ? EU_MEMBER_STATES.includes(country) : country === jurisdiction;
}

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${n === 1 ? one : `${one}s`}`;

/** A step's clock in words ("72 hours after we became aware"): the checklist shows it, and Settings beside the step. */
export function clockWords(step: Pick<NotificationRule['steps'][number], 'hours' | 'months' | 'from'>): string {
  if (step.hours === null) return 'as soon as practicable';
  const hours = step.hours >= 48 && step.hours % 24 === 0 && step.hours !== 72 ? plural(step.hours / 24, 'day') : plural(step.hours, 'hour');
  const parts = [step.months ? plural(step.months, 'month') : '', step.hours ? hours : ''].filter(Boolean).join(' and ') || 'at once';
  return `${parts} after ${step.from === 'aware' ? 'we became aware' : 'the previous step’s deadline'}`;
}

export const DEFAULT_SCENARIO_SETTINGS: ScenarioSettings = {
  operatesIn: ['AU'],
  rules: [
    {
      id: 'oaic-ndb',
      regime: 'OAIC Notifiable Data Breaches scheme',
      authority: 'Office of the Australian Information Commissioner (OAIC)',
      jurisdictions: ['AU'],
      storageTriggers: false,
      modes: ['breach'],
      trigger: 'personal_data',
      steps: [
        { step: 'Finish assessing the suspected eligible data breach', hours: 30 * 24, months: 0, from: 'aware' },
        { step: 'Statement to the Commissioner, once there are reasonable grounds to believe it is eligible', hours: null, months: 0, from: 'aware' },
        { step: 'Notify the individuals at risk (or publish the statement)', hours: null, months: 0, from: 'aware' },
      ],
      note: 'Eligible when a reasonable person would conclude it is likely to result in serious harm; one entity may notify for all (usually the one closest to the customers).',
      source: 'Privacy Act 1988 (Cth) Part IIIC: s 26WH(2) (assess within 30 days), s 26WK (statement as soon as practicable), s 26WL (notify individuals as soon as practicable); OAIC, “Report a data breach”.',
      sourceUrl: 'https://www.oaic.gov.au/privacy/notifiable-data-breaches/report-a-data-breach',
      sourceYear: 2018,
      enabled: true,
    },
    {
      id: 'gdpr-art33',
      regime: 'GDPR personal data breach',
      authority: 'EU supervisory authority (lead authority)',
      jurisdictions: ['EU'],
      storageTriggers: true,
      modes: ['breach'],
      trigger: 'personal_data',
      steps: [
        { step: 'Notify the supervisory authority (reasons required if later)', hours: 72, months: 0, from: 'aware' },
        { step: 'Tell the people affected when the risk to them is high', hours: null, months: 0, from: 'aware' },
      ],
      note: 'Not required when the breach is unlikely to result in a risk to people; a processor must tell its controller without undue delay (Art. 33(2)).',
      source: 'Regulation (EU) 2016/679 (GDPR) Art. 33(1) (without undue delay and, where feasible, within 72 hours of becoming aware), Art. 34(1).',
      sourceUrl: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
      sourceYear: 2016,
      enabled: true,
    },
    {
      id: 'apra-cps234',
      regime: 'APRA CPS 234 information security incident',
      authority: 'Australian Prudential Regulation Authority (APRA)',
      jurisdictions: ['AU'],
      storageTriggers: false,
      modes: ['breach'],
      trigger: 'personal_data',
      steps: [{ step: 'Notify APRA of a material information security incident', hours: 72, months: 0, from: 'aware' }],
      note: 'APRA-regulated entities only (ADIs, insurers, RSE licensees); the incident must be material. Turn this rule off if we are not APRA-regulated.',
      source: 'APRA Prudential Standard CPS 234 Information Security (notification of material incidents within 72 hours of becoming aware).',
      sourceUrl: 'https://handbook.apra.gov.au/standard/cps-234',
      sourceYear: 2019,
      enabled: true,
    },
    {
      id: 'apra-cps230',
      regime: 'APRA CPS 230 disruption outside tolerance',
      authority: 'Australian Prudential Regulation Authority (APRA)',
      jurisdictions: ['AU'],
      storageTriggers: false,
      modes: ['outage'],
      trigger: 'outside_tolerance',
      steps: [{ step: 'Notify APRA of the disruption to a critical operation outside tolerance (nature, action, likely impact, time to normal)', hours: 24, months: 0, from: 'aware' }],
      note: 'APRA-regulated entities only; a critical operation disrupted beyond its tolerance level (maximum tolerable period of disruption). Turn this rule off if we are not APRA-regulated.',
      source: 'APRA Prudential Standard CPS 230 Operational Risk Management (in force 1 July 2025): disruptions outside tolerance notified within 24 hours.',
      sourceUrl: 'https://handbook.apra.gov.au/standard/cps-230',
      sourceYear: 2025,
      enabled: true,
    },
    {
      id: 'dora-major',
      regime: 'DORA major ICT-related incident',
      authority: 'EU competent authority (financial entities)',
      jurisdictions: ['EU'],
      storageTriggers: false,
      modes: ['breach', 'outage'],
      trigger: 'critical_service',
      steps: [
        { step: 'Initial notification (4 hours after classifying it as major, 24 hours after awareness at the latest)', hours: 24, months: 0, from: 'aware' },
        { step: 'Intermediate report, 72 hours after the initial notification', hours: 72, months: 0, from: 'previous' },
        { step: 'Final report, one month after the latest intermediate report', hours: 0, months: 1, from: 'previous' },
      ],
      note: 'EU financial entities only. Major when critical services are affected and data is lost through malicious access, or two other thresholds of Delegated Reg. 2024/1772 are met: classify it first.',
      source: 'Regulation (EU) 2022/2554 (DORA) Art. 19; Delegated Regulation (EU) 2024/1772 Arts. 8–9 (classification); Delegated Regulation (EU) 2025/301 (time limits of the reports).',
      sourceUrl: 'https://eur-lex.europa.eu/eli/reg/2022/2554/oj',
      sourceYear: 2025,
      enabled: true,
    },
    {
      id: 'us-states',
      regime: 'US state breach-notification laws (basics)',
      authority: 'Affected residents; state Attorneys General above their thresholds',
      jurisdictions: ['US'],
      storageTriggers: false,
      modes: ['breach'],
      trigger: 'notifiable_data',
      steps: [
        { step: 'Notify residents in the most expedient time possible, without unreasonable delay', hours: null, months: 0, from: 'aware' },
        { step: 'Strictest common fixed limit (30 days: e.g. Colorado, Florida, Washington)', hours: 30 * 24, months: 0, from: 'aware' },
        { step: 'Attorney General where residents affected exceed the state’s threshold (Texas 250; California, Florida 500; many states 1,000)', hours: 30 * 24, months: 0, from: 'aware' },
      ],
      note: 'Triggered by a name with an SSN, government ID, card or account number with its code, credentials, medical or biometric data; encryption safe harbours and risk-of-harm exceptions vary by state; residency of the people decides which laws apply.',
      source: 'State statutes, e.g. Fla. Stat. §501.171 (30 days; agents 10 days); summaries by Davis Wright Tremaine and Carlton Fields.',
      sourceUrl: 'https://www.flsenate.gov/Laws/Statutes/2024/501.171',
      sourceYear: 2024,
      enabled: true,
    },
  ],
  cost: {
    currency: 'USD',
    perRecordLow: 165,
    perRecordHigh: 173,
    perRecordYear: 2024,
    perRecordSource: 'IBM / Ponemon Institute, Cost of a Data Breach Report: average cost per record $165 (2023 report) and $173 (2024 report); breaches of 2,100 to 113,000 records.',
    largeBreachFrom: 1_000_000,
    largeBreachLow: 42_000_000,
    largeBreachHigh: 375_000_000,
    largeBreachYear: 2024,
    largeBreachSource: 'IBM / Ponemon Institute, Cost of a Data Breach Report 2024: breaches of 1 million records or more (“mega breaches”, left out of the averages) cost from $42 million to $375 million in total.',
  },
};
