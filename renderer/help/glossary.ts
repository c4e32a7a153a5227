// Every term and abbreviation the app shows, in plain words. The Help view lists them; abbreviations never appear
// without their plain label elsewhere.
export interface GlossaryEntry {
  term: string;
  meaning: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  { term: 'Base incident rate', meaning: 'Incidents a year assumed of every vendor before its own history is counted (0.1 by default): a clean record lowers likelihood, never to zero.' },
  { term: 'Band', meaning: 'A figure’s level in words — high, moderate, low (or unconcentrated) — from the thresholds in Settings → Scoring. “Not rated” when nothing is recorded to rate.' },
  { term: 'CR1, CR3 (concentration ratios)', meaning: 'The share held by the largest holder (CR1) and by the three largest together (CR3).' },
  { term: 'Critical-service reliance', meaning: 'For a vendor, the sum over the critical services it supports of the reliance weight: full 1, material 0.67, low 0.33.' },
  { term: 'Data item', meaning: 'One person’s data in one data category. A vendor holding names and emails of the same 1,000 people holds 2,000 data items but 1,000 people.' },
  { term: 'Dependency share', meaning: 'The share of our customers’ data exposure held by a provider group or by any of our live vendors whose supply chain reaches it, each vendor counted once; always between 0 and 100 %.' },
  { term: 'Distinct people', meaning: 'How many different people a vendor holds data about: entered when known, otherwise at least its largest data category (shown with ≥). Never added up across vendors.' },
  { term: 'Effective number', meaning: '10,000 ÷ HHI: how many equal-sized holders would give the same concentration.' },
  { term: 'Fourth party', meaning: 'A supplier of one of our vendors that we hold no contract with (a subcontractor or sub-processor).' },
  { term: 'HHI (Herfindahl–Hirschman index)', meaning: 'Concentration index: the sum of squared percentage shares, from 0 (spread thinly) to 10,000 (one holder has everything). Used here on data held directly.' },
  { term: 'ΔHHI (change in HHI)', meaning: 'How much the index would rise or fall if a proposed vendor were signed.' },
  { term: 'Hidden concentration', meaning: 'A provider that two or more of our vendors supporting critical services depend on through their supply chains.' },
  { term: 'Impact', meaning: 'Part of severity: 0.7 × the vendor group’s dependency share (full at 30 %) + 0.3 × its critical-service reliance (full at 2).' },
  { term: 'Incident half-life', meaning: 'After this many years (2 by default) an incident counts half as much towards likelihood.' },
  { term: 'Kind factor', meaning: 'How much an incident of each kind weighs towards likelihood: cyberattack and fourth-party breach 1, insider 0.9, misconfiguration 0.8, technology fault 0.6, other 0.5.' },
  { term: 'Likelihood', meaning: 'The probability of at least one incident at the vendor within a year, from the frequency of incidents at it and in its supply chain: 1 − e^−(base rate + incident rate).' },
  { term: 'Live portfolio', meaning: 'Our direct vendors that are active, under review or offboarding. Proposed and exited vendors and fourth parties are left out of its own figures.' },
  { term: 'Maximum tolerable outage', meaning: 'How long a critical or important service may be down before the disruption is outside tolerance (the CPS 230 tolerance level), set on each service; scenarios flag an outage longer than it.' },
  { term: 'Method version', meaning: 'The version of the scoring method (now v2). Figures from different versions are never compared or drawn together.' },
  { term: 'Provider group', meaning: 'A vendor or fourth party together with every vendor of the same ultimate parent, counted as one and named after the parent.' },
  { term: 'Resilience gap', meaning: 'Part of severity: the mean of how hard the vendor is to replace (not assessed counts as the worst), no exit plan, and a review overdue or not scheduled.' },
  { term: 'Risk score', meaning: '100 × √(severity × likelihood), 0–100: high only when both severity and likelihood are high.' },
  { term: 'Scenario', meaning: 'A breach or an outage of one provider (vendor, fourth party or group) from a chosen moment: the people exposed (at least, at most), services stopped, notification deadlines and a cost range, from the register (docs/scenarios.md).' },
  { term: 'Severity', meaning: '0.7 × impact + 0.3 × resilience gap, between 0 and 1.' },
  { term: 'Single point of failure', meaning: 'A critical or important service whose vendors all belong to one provider group (direct), all depend on one provider further down their chains (hidden), or that no live vendor supports (unsupported).' },
  { term: 'Snapshot', meaning: 'The headline figures kept at a point in time, on demand and after the first change of a day; changes and trends are measured against snapshots of the same method.' },
  { term: '2023 test (US merger guidelines 2023)', meaning: 'A proposed vendor is flagged when the index after signing is above 1,800 with a rise above 100, or when its group would hold more than 30 % with a rise above 100.' },
  { term: 'Weighted exposure', meaning: 'People × the sensitivity weight of each data category, summed: the measure of how much harm a breach could do. A card number weighs 4, a name 1.' },
];
