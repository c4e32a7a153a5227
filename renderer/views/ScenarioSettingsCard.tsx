// Settings → Scenarios: the jurisdictions we operate in, each notification rule (regime, trigger, deadlines, source
// link and year) and the breach-cost figures with their sources (docs/scenarios.md). Numbers are edited as typed and the
// settings sent whole; the service names each field it refuses, shown beside it.
import { useState } from 'react';
import { NOTIFICATION_TRIGGERS, SCENARIO_MODES } from '../../db/shared/vocabulary';
import type { BreachCostSettings, NotificationRule, NotificationTrigger, ScenarioSettings } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { clockWords, DEFAULT_SCENARIO_SETTINGS } from '../../db/shared/scenario-settings';
import { Field, useRevealFirstError } from '../components/Field';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import './scenarios.css';

const TRIGGER_LABELS: Record<NotificationTrigger, string> = {
  personal_data: 'Anyone’s personal data is exposed',
  notifiable_data: 'A category flagged notifiable is exposed',
  critical_service: 'A critical service is hit',
  outside_tolerance: 'A critical service is down past its tolerance',
};

interface StepDraft {
  step: string;
  hours: string;
  months: string;
  from: 'aware' | 'previous';
}
type RuleDraft = Omit<NotificationRule, 'jurisdictions' | 'steps' | 'sourceUrl' | 'sourceYear'> & { jurisdictions: string; steps: StepDraft[]; sourceUrl: string; sourceYear: string };
type CostDraft = Record<keyof BreachCostSettings, string>;
interface Draft {
  operatesIn: string;
  rules: RuleDraft[];
  cost: CostDraft;
}

/** Cost figures typed as amounts or counts (shown with thousands separators), and as years. */
const COST_AMOUNTS = ['perRecordLow', 'perRecordHigh', 'largeBreachFrom', 'largeBreachLow', 'largeBreachHigh'] as const;
const COST_YEARS = ['perRecordYear', 'largeBreachYear'] as const;

const codesOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((code) => code.toUpperCase());
/** A number as typed: empty is null; text that is not a number is sent as typed, for the service to name the field. */
function numberOf(text: string): number | string | null {
  const plain = text.replace(/[\s,_]/g, '');
  if (plain === '') return null;
  return Number.isNaN(Number(plain)) ? text : Number(plain);
}
const jurisdictionNames = (text: string) =>
  codesOf(text)
    .map((code) => (code === 'EU' ? 'European Union' : countryName(code)))
    .join(', ');

function toDraft(settings: ScenarioSettings): Draft {
  const cost = Object.fromEntries(Object.entries(settings.cost).map(([key, value]) => [key, String(value)])) as CostDraft;
  for (const key of COST_AMOUNTS) cost[key] = settings.cost[key].toLocaleString('en');
  return {
    operatesIn: settings.operatesIn.join(', '),
    rules: settings.rules.map((rule) => ({
      ...rule,
      jurisdictions: rule.jurisdictions.join(', '),
      steps: rule.steps.map((step) => ({ step: step.step, hours: step.hours === null ? '' : String(step.hours), months: String(step.months), from: step.from })),
      sourceUrl: rule.sourceUrl ?? '',
      sourceYear: rule.sourceYear === null ? '' : String(rule.sourceYear),
    })),
    cost,
  };
}

function fromDraft(draft: Draft): unknown {
  const cost: Record<string, unknown> = { ...draft.cost };
  for (const key of [...COST_AMOUNTS, ...COST_YEARS]) cost[key] = numberOf(draft.cost[key]);
  return {
    operatesIn: codesOf(draft.operatesIn),
    rules: draft.rules.map((rule) => ({
      ...rule,
      jurisdictions: codesOf(rule.jurisdictions),
      steps: rule.steps.map((step) => ({ step: step.step, hours: numberOf(step.hours), months: numberOf(step.months) ?? 0, from: step.from })),
      sourceYear: numberOf(rule.sourceYear),
    })),
    cost,
  };
}

/** The step's clock in words, as the checklist will print it; nothing while the hours or months are not numbers. */
function clockHint(step: StepDraft): string | undefined {
  const hours = numberOf(step.hours);
  const months = numberOf(step.months) ?? 0;
  if (typeof hours === 'string' || typeof months !== 'number') return undefined;
  return hours === null ? 'Empty: no fixed clock (as soon as practicable)' : clockWords({ hours, months, from: step.from });
}

function Editor({ settings, onSaved }: { settings: ScenarioSettings; onSaved(): void }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const confirm = useApp((s) => s.confirm);
  const [draft, setDraft] = useState<Draft>(() => toDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const form = useRevealFirstError<HTMLFormElement>(errors);
  const dirty = JSON.stringify(draft) !== JSON.stringify(toDraft(settings));

  /** The message for a field; `within` also takes those of its items (a list's "operatesIn.1"). */
  const errorAt = (path: string, within = false) => errors[path] ?? (within ? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1] : undefined);

  const save = async (next: unknown, done: string) => {
    try {
      await api.scenarioSettings.update({ settings: next as ScenarioSettings });
      setErrors({});
      notify(done, 'success');
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error, 'settings');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const restoreDefaults = async () => {
    const question = {
      title: 'Restore the default rules and cost figures?',
      message: 'Every notification rule and breach-cost figure goes back to its default, with its source. The jurisdictions we operate in stay as they are.',
      confirmLabel: 'Restore the defaults',
      danger: true,
    };
    if (await confirm(question)) await save({ ...DEFAULT_SCENARIO_SETTINGS, operatesIn: settings.operatesIn }, 'The default notification rules and cost figures are restored.');
  };

  const setRule = (index: number, change: Partial<RuleDraft>) => setDraft({ ...draft, rules: draft.rules.map((rule, n) => (n === index ? { ...rule, ...change } : rule)) });
  const setStep = (index: number, stepIndex: number, change: Partial<StepDraft>) =>
    setRule(index, { steps: draft.rules[index]!.steps.map((step, n) => (n === stepIndex ? { ...step, ...change } : step)) });
  const setCost = (key: keyof BreachCostSettings, value: string) => setDraft({ ...draft, cost: { ...draft.cost, [key]: value } });
  const costField = (key: keyof BreachCostSettings, label: string, hint?: string) => (
    <Field label={label} error={errorAt(`cost.${key}`)} hint={hint}>
      <input className="num" inputMode="decimal" value={draft.cost[key]} onChange={(e) => setCost(key, e.target.value)} />
    </Field>
  );
  /** The figure as it will read in the result, so a missing or extra zero shows. */
  const readAs = (key: (typeof COST_AMOUNTS)[number]) => {
    const value = numberOf(draft.cost[key]);
    if (typeof value !== 'number') return undefined;
    return key === 'largeBreachFrom' ? `${value.toLocaleString('en')} people` : `${draft.cost.currency} ${value.toLocaleString('en')}`;
  };

  return (
    <form
      ref={form}
      noValidate
      className="stack"
      aria-label="Scenario rules and costs"
      onSubmit={(e) => {
        e.preventDefault();
        void save(fromDraft(draft), 'Scenario rules and cost figures saved: the next scenario run uses them.');
      }}
    >
      <div className="grid">
        <Field label="Jurisdictions we operate in" error={errorAt('operatesIn', true)} hint={jurisdictionNames(draft.operatesIn) || 'Two-letter country codes, EU for the European Union, separated by commas'}>
          <input value={draft.operatesIn} onChange={(e) => setDraft({ ...draft, operatesIn: e.target.value })} />
        </Field>
      </div>

      <fieldset>
        <legend>Notification rules</legend>
        <p className="muted small">
          A rule is listed in a scenario when it covers a breach or an outage, applies where we operate (or, if it says so, where the data is stored) and its trigger is met. Deadlines run from when we
          become aware. The APRA rules bind APRA-regulated entities only, DORA EU financial entities only: turn off what does not apply to us.
        </p>
        <div className="rule-editors">
          {draft.rules.map((rule, index) => {
            const path = `rules.${index}`;
            const hasError = Object.keys(errors).some((key) => key === path || key.startsWith(`${path}.`));
            const firstClock = rule.steps.map(clockHint).find((hint) => hint && !hint.startsWith('Empty'));
            return (
              <details key={rule.id} className={`rule-editor${hasError ? ' rule-editor--invalid' : ''}`} open={hasError || undefined} data-testid={`rule-${rule.id}`}>
                <summary>
                  <strong>{rule.regime || 'Unnamed rule'}</strong>
                  <span className="muted small">
                    {' '}
                    · {rule.jurisdictions || 'no jurisdiction'} · {rule.modes.join(' and ')} · {firstClock ?? 'no fixed deadline'}
                  </span>
                  {!rule.enabled && <span className="badge">off</span>}
                  {hasError && <span className="badge badge--danger">needs attention</span>}
                </summary>
                <div className="stack rule-editor__body">
                  <div className="rule-editor__switches">
                    <label className="checkbox">
                      <input type="checkbox" checked={rule.enabled} onChange={(e) => setRule(index, { enabled: e.target.checked })} />
                      In force
                    </label>
                    <div className="rule-editor__modes" role="group" aria-label="Scenarios it covers">
                      {SCENARIO_MODES.map((mode) => (
                        <label key={mode} className="checkbox">
                          <input
                            type="checkbox"
                            checked={rule.modes.includes(mode)}
                            aria-invalid={errorAt(`${path}.modes`, true) ? true : undefined}
                            onChange={(e) => setRule(index, { modes: SCENARIO_MODES.filter((m) => (m === mode ? e.target.checked : rule.modes.includes(m))) })}
                          />
                          Covers {mode === 'breach' ? 'breaches' : 'outages'}
                        </label>
                      ))}
                    </div>
                    <label className="checkbox">
                      <input type="checkbox" checked={rule.storageTriggers} onChange={(e) => setRule(index, { storageTriggers: e.target.checked })} />
                      To check also when the data is stored there
                    </label>
                  </div>
                  {errorAt(`${path}.modes`, true) && (
                    <p className="field__error" role="alert">
                      {errorAt(`${path}.modes`, true)}
                    </p>
                  )}
                  <div className="grid grid--3">
                    <Field label="Regime" error={errorAt(`${path}.regime`)}>
                      <input value={rule.regime} onChange={(e) => setRule(index, { regime: e.target.value })} />
                    </Field>
                    <Field label="Who is told" error={errorAt(`${path}.authority`)}>
                      <input value={rule.authority} onChange={(e) => setRule(index, { authority: e.target.value })} />
                    </Field>
                    <Field label="Applies where we operate in" error={errorAt(`${path}.jurisdictions`, true)} hint={jurisdictionNames(rule.jurisdictions)}>
                      <input value={rule.jurisdictions} onChange={(e) => setRule(index, { jurisdictions: e.target.value })} />
                    </Field>
                    <Field label="Triggered when" error={errorAt(`${path}.trigger`)}>
                      <select value={rule.trigger} onChange={(e) => setRule(index, { trigger: e.target.value as NotificationTrigger })}>
                        {NOTIFICATION_TRIGGERS.map((t) => (
                          <option key={t} value={t}>
                            {TRIGGER_LABELS[t]}
                          </option>
                        ))}
                      </select>
                    </Field>
                  </div>
                  {rule.steps.map((step, stepIndex) => {
                    const stepPath = `${path}.steps.${stepIndex}`;
                    return (
                      <div key={stepIndex} className="rule-step" role="group" aria-label={`Step ${stepIndex + 1}`}>
                        <Field label={`Step ${stepIndex + 1}`} error={errorAt(`${stepPath}.step`)}>
                          <input value={step.step} onChange={(e) => setStep(index, stepIndex, { step: e.target.value })} />
                        </Field>
                        <Field label="Deadline (hours)" error={errorAt(`${stepPath}.hours`)} hint={clockHint(step)}>
                          <input className="num" inputMode="decimal" value={step.hours} onChange={(e) => setStep(index, stepIndex, { hours: e.target.value })} />
                        </Field>
                        <Field label="Plus months" error={errorAt(`${stepPath}.months`)}>
                          <input className="num" inputMode="numeric" value={step.months} onChange={(e) => setStep(index, stepIndex, { months: e.target.value })} />
                        </Field>
                        <Field label="Counted from" error={errorAt(`${stepPath}.from`)}>
                          <select value={step.from} onChange={(e) => setStep(index, stepIndex, { from: e.target.value as StepDraft['from'] })}>
                            <option value="aware">When we become aware</option>
                            <option value="previous">The previous step’s deadline</option>
                          </select>
                        </Field>
                      </div>
                    );
                  })}
                  <div className="grid">
                    <Field label="What to judge before it applies" error={errorAt(`${path}.note`)} wide>
                      <textarea rows={2} value={rule.note} onChange={(e) => setRule(index, { note: e.target.value })} />
                    </Field>
                    <Field label="Source" error={errorAt(`${path}.source`)} wide>
                      <textarea rows={2} value={rule.source} onChange={(e) => setRule(index, { source: e.target.value })} />
                    </Field>
                    <Field label="Source link" error={errorAt(`${path}.sourceUrl`)}>
                      <input type="url" placeholder="https://" value={rule.sourceUrl} onChange={(e) => setRule(index, { sourceUrl: e.target.value })} />
                    </Field>
                    <Field label="Source year" error={errorAt(`${path}.sourceYear`)} hint="The year of the text or edition cited">
                      <input className="num" inputMode="numeric" value={rule.sourceYear} onChange={(e) => setRule(index, { sourceYear: e.target.value })} />
                    </Field>
                  </div>
                  {rule.sourceUrl && (
                    <p className="small">
                      <a href={rule.sourceUrl} target="_blank" rel="noreferrer">
                        Read the source of “{rule.regime}”
                      </a>
                    </p>
                  )}
                </div>
              </details>
            );
          })}
        </div>
      </fieldset>

      <fieldset className="scenario-costs">
        <legend>Breach cost figures</legend>
        <p className="muted small">A breach’s cost range multiplies people by the per-record figures; from the large-breach switch on, the published totals of large breaches are used instead. Shown with every result, with their sources.</p>
        <div className="grid grid--4">
          <Field label="Currency" error={errorAt('cost.currency')}>
            <input value={draft.cost.currency} maxLength={3} onChange={(e) => setCost('currency', e.target.value.toUpperCase())} />
          </Field>
          {costField('perRecordLow', 'Per record: low', readAs('perRecordLow'))}
          {costField('perRecordHigh', 'Per record: high', readAs('perRecordHigh'))}
          {costField('perRecordYear', 'Per-record figures: year')}
        </div>
        <div className="grid">
          <Field label="Per-record figures: source" error={errorAt('cost.perRecordSource')} wide>
            <textarea rows={2} value={draft.cost.perRecordSource} onChange={(e) => setCost('perRecordSource', e.target.value)} />
          </Field>
        </div>
        <div className="grid grid--4">
          {costField('largeBreachFrom', 'Large breach from (people)', readAs('largeBreachFrom'))}
          {costField('largeBreachLow', 'Large breach total: low', readAs('largeBreachLow'))}
          {costField('largeBreachHigh', 'Large breach total: high', readAs('largeBreachHigh'))}
          {costField('largeBreachYear', 'Large-breach figures: year')}
        </div>
        <div className="grid">
          <Field label="Large-breach figures: source" error={errorAt('cost.largeBreachSource')} wide>
            <textarea rows={2} value={draft.cost.largeBreachSource} onChange={(e) => setCost('largeBreachSource', e.target.value)} />
          </Field>
        </div>
      </fieldset>

      <div className="form-footer">
        {Object.keys(errors).length > 0 && (
          <p className="footer-error" role="alert">
            Some rules or figures need attention: each says what beside it.
          </p>
        )}
        <button type="button" className="button" onClick={() => void restoreDefaults()}>
          Restore the defaults
        </button>
        <span className="spacer" />
        <button
          type="button"
          className="button"
          disabled={!dirty}
          onClick={() => {
            setDraft(toDraft(settings));
            setErrors({});
          }}
        >
          Discard changes
        </button>
        <button type="submit" className="button button--primary" disabled={!dirty}>
          Save rules and costs
        </button>
      </div>
    </form>
  );
}

export function ScenarioSettingsCard() {
  const settings = useApiQuery('scenario-settings', (api) => api.scenarioSettings.get({}));
  return (
    <div className="card" data-testid="scenario-settings">
      <div className="card__header">
        <h3>Scenarios: notification rules and breach costs</h3>
        <p className="muted small">Who must be told, by when, when a provider is breached or goes down, and the published figures of a breach’s cost range (method in docs/scenarios.md). Each names its source; every scenario prints them with its result.</p>
      </div>
      {settings.data && <Editor key={JSON.stringify(settings.data)} settings={settings.data} onSaved={settings.reload} />}
    </div>
  );
}
