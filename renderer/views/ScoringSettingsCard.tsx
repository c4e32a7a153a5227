import { useState } from 'react';
import { INCIDENT_KINDS } from '../../db/shared/vocabulary';
import type { ScoringSettings } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { INCIDENT_KIND_LABELS } from '../../db/shared/labels';
import { DEFAULT_SCORING_SETTINGS, GUIDELINE_BANDS } from '../../db/shared/scoring-settings';
import { Field } from '../components/Field';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

/** Every number of the settings as the text typed, keyed by its path ("bands.high"). */
type Draft = Record<string, string>;

const NUMBER_PATHS = [
  'customerBase',
  'bands.moderate',
  'bands.high',
  'test2023.hhi',
  'test2023.deltaHhi',
  'test2023.share',
  'dependencyBands.moderate',
  'dependencyBands.high',
  'relianceWeights.full',
  'relianceWeights.material',
  'relianceWeights.low',
  'impactShareCap',
  'impactCriticalCap',
  'resilienceWeight',
  'incidentHalfLifeYears',
  'baseIncidentRate',
  'substitutabilityGap.easy',
  'substitutabilityGap.medium',
  'substitutabilityGap.difficult',
  'substitutabilityGap.not_substitutable',
  ...INCIDENT_KINDS.map((k) => `incidentKindFactors.${k}`),
];
/** Paths that may be left empty (sent as null). */
const OPTIONAL_PATHS = new Set(['customerBase']);

function get(settings: ScoringSettings, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], settings);
}

function toDraft(settings: ScoringSettings): Draft {
  const draft: Draft = {
    homeCountry: settings.homeCountry,
    reportingCurrency: settings.reportingCurrency,
    fxRates: Object.entries(settings.fxRates)
      .map(([currency, rate]) => `${currency} ${rate}`)
      .join(', '),
  };
  for (const path of NUMBER_PATHS) draft[path] = String(get(settings, path) ?? '');
  draft.escalateOnNewSinglePoint = String(settings.reviewRule.escalateOnNewSinglePoint);
  return draft;
}

/** Rebuilds the settings object; numbers that do not parse are sent as they are, for the service to name them. */
function fromDraft(draft: Draft): unknown {
  const settings: Record<string, unknown> = {
    homeCountry: draft.homeCountry,
    reportingCurrency: draft.reportingCurrency,
    reviewRule: { escalateOnNewSinglePoint: draft.escalateOnNewSinglePoint === 'true' },
  };
  settings.fxRates = Object.fromEntries(
    (draft.fxRates ?? '')
      .split(/[,;\n]/)
      .map((pair) => pair.trim().split(/[\s=:]+/))
      .filter((pair) => pair[0])
      .map(([currency, rate]) => [currency!.toUpperCase(), Number(rate)]),
  );
  for (const path of NUMBER_PATHS) {
    const keys = path.split('.');
    let target = settings;
    for (const key of keys.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
    const text = (draft[path] ?? '').replace(/[\s,_]/g, '');
    target[keys.at(-1)!] = text === '' && OPTIONAL_PATHS.has(path) ? null : text === '' || Number.isNaN(Number(text)) ? text : Number(text);
  }
  return settings;
}

const LABELS: Record<string, string> = {
  customerBase: 'Customers (distinct people)',
  'bands.moderate': 'Moderate from (HHI)',
  'bands.high': 'High above (HHI)',
  'test2023.hhi': '2023 test: HHI after above',
  'test2023.deltaHhi': '2023 test: ΔHHI above',
  'test2023.share': '2023 test: holder above (0–1)',
  'dependencyBands.moderate': 'Moderate from (0–1)',
  'dependencyBands.high': 'High above (0–1)',
  'relianceWeights.full': 'Reliance: full',
  'relianceWeights.material': 'Reliance: material',
  'relianceWeights.low': 'Reliance: low',
  impactShareCap: 'Impact full at dependency share (0–1)',
  impactCriticalCap: 'Impact full at critical reliance',
  resilienceWeight: 'Resilience gap in severity (0–1)',
  incidentHalfLifeYears: 'Incident half-life (years)',
  baseIncidentRate: 'Base incident rate (a year)',
  'substitutabilityGap.easy': 'Gap: easy to replace',
  'substitutabilityGap.medium': 'Gap: replaceable with effort',
  'substitutabilityGap.difficult': 'Gap: difficult',
  'substitutabilityGap.not_substitutable': 'Gap: not substitutable or not assessed',
  ...Object.fromEntries(INCIDENT_KINDS.map((k) => [`incidentKindFactors.${k}`, `Kind factor: ${INCIDENT_KIND_LABELS[k].toLowerCase()}`])),
};

/** What each setting does, beside it. */
const HINTS: Record<string, string> = {
  customerBase: 'Optional: people at a vendor are shown as a share of it',
  'bands.moderate': '2023 guidelines: 1,000 (2010: 1,500)',
  'bands.high': '2023 guidelines: 1,800 (2010: 2,500)',
  'test2023.share': 'A holder above this share, with ΔHHI above the limit, flags a change',
  'dependencyBands.high': 'Share of exposure riding on one provider',
  baseIncidentRate: 'Assumed of every vendor before its own history',
  resilienceWeight: 'Severity = (1 − this) × impact + this × resilience gap',
};

/** Each group of settings, with what it does in words, shown beside its fields. */
const GROUPS: [string, string[], string][] = [
  ['Customers', ['customerBase'], 'How many distinct customers the organisation has. When set, the people at the largest holder are shown as a share of it, and rated by the dependency share bands.'],
  [
    'Concentration index (HHI, Herfindahl–Hirschman index) bands and the 2023 test of a change',
    ['bands.moderate', 'bands.high', 'test2023.hhi', 'test2023.deltaHhi', 'test2023.share'],
    'The bands rate the index of data held directly (0–10,000). The 2023 test flags a proposed vendor whose signing would raise the index (ΔHHI, the change in the index) above the limit while the index or one holder’s share is above its own.',
  ],
  ['Dependency share bands', ['dependencyBands.moderate', 'dependencyBands.high'], 'Rate the share of our customers’ data exposure that rides on one provider, directly or through our vendors’ supply chains (0–1: 0.3 is 30 %).'],
  ['Critical-service reliance', ['relianceWeights.full', 'relianceWeights.material', 'relianceWeights.low'], 'How much a vendor counts for each critical service it supports, by how much the service relies on it.'],
  ['Vendor risk score', ['impactShareCap', 'impactCriticalCap', 'resilienceWeight', 'incidentHalfLifeYears', 'baseIncidentRate'], 'Score = 100 × √(severity × likelihood). Impact is full at the caps; older incidents count less after each half-life; every vendor is assumed the base rate of incidents.'],
  ['Resilience gap by substitutability', ['substitutabilityGap.easy', 'substitutabilityGap.medium', 'substitutabilityGap.difficult', 'substitutabilityGap.not_substitutable'], 'How much a vendor that is hard to replace adds to severity (0–1). A vendor never assessed counts as not substitutable.'],
  ['Incident kind factors', INCIDENT_KINDS.map((k) => `incidentKindFactors.${k}`), 'How much an incident of each kind weighs towards likelihood (a cyberattack 1).'],
];

function Editor({ settings, onSaved }: { settings: ScoringSettings; onSaved(): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(settings));

  const save = async (next: unknown) => {
    try {
      await api.settings.updateScoring({ settings: next as ScoringSettings });
      setErrors({});
      notify('Scoring settings saved: every figure is recomputed with them.', 'success');
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'settings');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const input = (path: string) => (
    <Field key={path} label={LABELS[path] ?? path} hint={HINTS[path]} error={errors[path] ?? errors[path.split('.')[0]!]}>
      <input className="num" inputMode="decimal" value={draft[path] ?? ''} onChange={(e) => setDraft({ ...draft, [path]: e.target.value })} />
    </Field>
  );

  return (
    <form
      noValidate
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        void save(fromDraft(draft));
      }}
    >
      <div className="grid grid--3">
        <Field label="Home country" error={errors.homeCountry} hint={countryName(draft.homeCountry ?? '')}>
          <input value={draft.homeCountry ?? ''} maxLength={2} onChange={(e) => setDraft({ ...draft, homeCountry: e.target.value.toUpperCase() })} />
        </Field>
        <Field label="Reporting currency" error={errors.reportingCurrency}>
          <input value={draft.reportingCurrency ?? ''} maxLength={3} onChange={(e) => setDraft({ ...draft, reportingCurrency: e.target.value.toUpperCase() })} />
        </Field>
        <Field label="Exchange rates to the reporting currency" error={errors.fxRates} hint="e.g. USD 1.55, EUR 1.68">
          <input value={draft.fxRates ?? ''} onChange={(e) => setDraft({ ...draft, fxRates: e.target.value })} />
        </Field>
      </div>
      {GROUPS.map(([title, paths, meaning]) => (
        <fieldset key={title}>
          <legend>{title}</legend>
          <p className="muted small">{meaning}</p>
          <div className="grid grid--5">{paths.map(input)}</div>
          {paths.includes('bands.high') && (
            <div className="page__actions">
              {(['2023', '2010'] as const).map((year) => (
                <button
                  key={year}
                  type="button"
                  className="button button--small"
                  onClick={() => setDraft({ ...draft, 'bands.moderate': String(GUIDELINE_BANDS[year].moderate), 'bands.high': String(GUIDELINE_BANDS[year].high) })}
                >
                  Use the {year} guidelines' HHI bands
                </button>
              ))}
            </div>
          )}
        </fieldset>
      ))}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={draft.escalateOnNewSinglePoint === 'true'}
          onChange={(e) => setDraft({ ...draft, escalateOnNewSinglePoint: String(e.target.checked) })}
        />
        Procurement: escalate when a critical service would rest on one provider (besides the 2023 test)
      </label>
      <div className="form-footer">
        {Object.keys(errors).length > 0 && (
          <p className="footer-error" role="alert">
            Some settings need attention.
          </p>
        )}
        <button type="button" className="button" onClick={() => void save(DEFAULT_SCORING_SETTINGS)}>
          Restore defaults
        </button>
        <span className="spacer" />
        <button type="button" className="button" disabled={!dirty} onClick={() => setDraft(toDraft(settings))}>
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty}>
          Save scoring settings
        </button>
      </div>
    </form>
  );
}

export function ScoringSettingsCard() {
  const settings = useApiQuery('scoring-settings', (api) => api.settings.scoring({}));
  return (
    <div className="card">
      <div className="card__header">
        <h3>Scoring</h3>
        <p className="muted small">The weights and thresholds of the concentration and risk figures (method in docs/scoring.md). They are printed with every result.</p>
      </div>
      {settings.data && <Editor key={JSON.stringify(settings.data)} settings={settings.data} onSaved={settings.reload} />}
    </div>
  );
}
