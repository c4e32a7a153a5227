// The default weights and thresholds of the scoring method v2 (docs/scoring.md). A register keeps its own copy,
// editable in Settings, and every result carries the settings it was computed with.
import type { ScoringSettings } from '../contract';

/** HHI level bands of the US merger guidelines: 2023 (the default) and 2010. */
export const GUIDELINE_BANDS = {
  2023: { moderate: 1000, high: 1800 },
  2010: { moderate: 1500, high: 2500 },
} as const;

export const DEFAULT_SCORING_SETTINGS: ScoringSettings = {
  homeCountry: 'AU',
  reportingCurrency: 'AUD',
  // Annual spend in other currencies is converted at these rates (1 unit = rate × reporting currency).
  fxRates: { USD: 1.55, EUR: 1.68, GBP: 1.98, NZD: 0.91, SGD: 1.17, CHF: 1.78, JPY: 0.0102, INR: 0.018, PHP: 0.027 },
  customerBase: null,
  relianceWeights: { full: 1, material: 0.67, low: 0.33 },
  bands: { ...GUIDELINE_BANDS[2023] },
  test2023: { hhi: 1800, deltaHhi: 100, share: 0.3 },
  dependencyBands: { moderate: 0.15, high: 0.3 },
  incidentHalfLifeYears: 2,
  incidentKindFactors: { cyberattack: 1, fourth_party_breach: 1, insider: 0.9, misconfiguration: 0.8, technology_fault: 0.6, other: 0.5 },
  baseIncidentRate: 0.1,
  impactShareCap: 0.3,
  impactCriticalCap: 2,
  resilienceWeight: 0.3,
  substitutabilityGap: { easy: 0, medium: 0.33, difficult: 0.67, not_substitutable: 1 },
  reviewRule: { escalateOnNewSinglePoint: true },
};
