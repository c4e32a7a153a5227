import { useEffect, useId, useState } from 'react';
import type { AppCommands, ProviderRanking, ReopenedScenario, ScenarioInput, ScenarioResult, ScenarioTargetOption } from '../../db/contract';
import { countryName } from '../../db/shared/countries';
import { CRITICALITY_LABELS } from '../../db/shared/labels';
import { formatDue, peopleRange, scenarioFigures, serviceVendorsLine } from '../../db/shared/scenario-figures';
import { Field } from '../components/Field';
import { HelpPopover } from '../components/HelpPopover';
import { ProviderRankingCharts } from '../components/ProviderRankingCharts';
import { Tile } from '../components/Tile';
import { download, runJob } from '../files';
import { formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import './scenarios.css';

/** The next whole hour, as a datetime-local value (the register's clocks carry no time zone). */
function nextHour(): string {
  const d = new Date(Date.now() + 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:00`;
}

/** Picks a vendor, fourth party or provider group by typing part of its name. */
function TargetPicker({ value, onChange, error }: { value: ScenarioTargetOption | null; onChange(target: ScenarioTargetOption | null): void; error?: string }) {
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<ScenarioTargetOption[]>([]);
  useEffect(() => {
    if (text.trim() === '') return;
    let current = true;
    const timer = setTimeout(() => {
      api.scenarios
        .targets({ text })
        .then((found) => current && setOptions(found))
        .catch(() => current && setOptions([]));
    }, 120);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, text]);
  const shown = text.trim() === '' ? [] : options;
  return (
    <div className={`field target-picker${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>Provider: vendor, fourth party or provider group</label>
      {value ? (
        <p className="target-picker__chosen" data-testid="scenario-target">
          <strong>{value.name}</strong> <span className="muted small">{value.detail}</span>{' '}
          <button type="button" className="link-button" onClick={() => onChange(null)}>
            Change
          </button>
        </p>
      ) : (
        <>
          <input id={id} type="search" value={text} placeholder="Type part of a name, e.g. Stratus" autoComplete="off" aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} onChange={(e) => setText(e.target.value)} />
          {shown.length > 0 && (
            <ul className="target-picker__options" aria-label="Matching providers">
              {shown.map((o) => (
                <li key={`${o.kind}:${o.id}`}>
                  <button type="button" className="link-button" onClick={() => onChange(o)}>
                    {o.name}
                  </button>{' '}
                  <span className="muted small">{o.detail}</span>
                </li>
              ))}
            </ul>
          )}
          {text.trim() !== '' && shown.length === 0 && <p className="muted small">No vendor, fourth party or group has that in its name.</p>}
        </>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The scenario's results: figures with their help, the obligations checklist, people by category, services, cost. */
function ScenarioResults({ result }: { result: ScenarioResult }) {
  const figures = scenarioFigures(result);
  const e = result.exposure;
  return (
    <div className="scenario-results" data-testid="scenario-results">
      <p className="muted">
        {result.input.mode === 'breach' ? 'Breach' : 'Outage'} of <strong>{result.target.name}</strong>
        {result.target.kind === 'group' ? ` (provider group: ${result.target.members.join(', ')})` : ''} · starts {formatDue(result.input.startsAt)} · we become aware {formatDue(result.awareAt)}
        {result.input.outageHours !== null ? ` · lasts ${result.input.outageHours} hours` : ''} · computed {formatDateTime(result.asOf)}
        {!result.target.live && ' · the provider itself is not a live vendor: only the vendors riding on it count'}
      </p>
      <div className="tiles scenario-tiles">
        {figures.map((f) => (
          <Tile key={f.key} testId={`figure-${f.key}`} label={<>{f.label} <HelpPopover title={f.label} help={f.help} /></>} value={<span data-testid={`value-${f.key}`}>{f.headline ?? f.value}</span>} detail={f.detail} tone={f.tone ?? undefined} />
        ))}
      </div>

      <section className="card">
        <h3>Obligations checklist</h3>
        {result.obligations.length === 0 ? (
          <p className="muted">No notification rule in force is triggered by this scenario (rules: jurisdictions {result.settings.operatesIn.join(', ') || 'none'}).</p>
        ) : (
          <div className="table-wrap">
            <table className="table obligations" aria-label="Obligations checklist">
              <thead>
                <tr>
                  <th scope="col">Done</th>
                  <th scope="col">Regime</th>
                  <th scope="col">Step</th>
                  <th scope="col">Deadline</th>
                </tr>
              </thead>
              <tbody>
                {result.obligations.flatMap((o) =>
                  o.steps.map((s, n) => (
                    <tr key={`${o.ruleId}:${n}`}>
                      <td>
                        <input type="checkbox" aria-label={`Done: ${o.regime}, ${s.step}`} />
                      </td>
                      <td>
                        {n === 0 && (
                          <>
                            <strong>{o.regime}</strong> <span className={`badge${o.status === 'applies' ? ' badge--danger' : ''}`}>{o.status === 'applies' ? 'applies' : 'check'}</span>
                            <p className="small muted">{o.reason}</p>
                            <details className="small">
                              <summary>What to judge, and the source</summary>
                              <p>{o.note}</p>
                              <p className="muted">
                                {o.source}
                                {o.sourceYear ? ` (${o.sourceYear})` : ''}
                                {o.sourceUrl && (
                                  <>
                                    {' '}
                                    <a href={o.sourceUrl} target="_blank" rel="noreferrer">
                                      Read the source
                                    </a>
                                  </>
                                )}
                              </p>
                            </details>
                          </>
                        )}
                      </td>
                      <td>{s.step}</td>
                      <td className="nowrap">
                        <strong>{formatDue(s.due)}</strong>
                        <br />
                        <span className="muted small">{s.clock}</span>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <div className="two-columns">
        {e && (
          <section className="card">
            <h3>People exposed by data category</h3>
            {e.categories.length === 0 ? (
              <p className="muted">The affected vendors hold no data.</p>
            ) : (
              <div className="table-wrap">
                <table className="table" aria-label="People exposed by data category">
                  <thead>
                    <tr>
                      <th scope="col">Data category</th>
                      <th scope="col" className="num">
                        People (at least to at most)
                      </th>
                      <th scope="col" className="num">
                        Vendors
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.categories.map((c) => (
                      <tr key={c.code}>
                        <td>
                          {c.label} {c.notifiable && <span className="badge badge--danger">notifiable</span>}
                        </td>
                        <td className="num">{peopleRange(c.lower, c.upper)}</td>
                        <td className="num">{c.vendors}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <p className="small muted">
              Stored in: {e.countries.map((c) => `${c.country ? countryName(c.country) : 'not recorded'} (${c.dataItems.toLocaleString('en')} data items)`).join(', ') || '—'}. Per category, at least the largest vendor’s count and at most the sum over vendors
              {e.customerBase !== null ? `, capped by the customer base (${e.customerBase.toLocaleString('en')})` : ''}.
            </p>
          </section>
        )}
        <section className="card">
          <h3>{result.input.mode === 'outage' ? 'Services disrupted' : 'Services resting on the affected vendors'}</h3>
          {result.services.length === 0 ? (
            <p className="muted">No critical or important service relies on an affected vendor.</p>
          ) : (
            <ul className="plain-list scenario-services">
              {result.services.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> <span className="muted small">({CRITICALITY_LABELS[s.criticality].toLowerCase()})</span>{' '}
                  <span className={`badge${s.state === 'stopped' && s.criticality === 'critical' ? ' badge--danger' : ''}`}>{s.state === 'stopped' ? (result.input.mode === 'outage' ? 'stopped' : 'stops if taken offline') : 'degraded'}</span>
                  {s.toleranceBreached && <span className="badge badge--danger">past its {s.maxOutageHours} h tolerance</span>}
                  {s.toleranceBreached === false && <span className="muted small"> within its {s.maxOutageHours} h tolerance</span>}
                  {s.state === 'stopped' && s.maxOutageHours === null && <span className="muted small"> no tolerance set</span>}
                  <br />
                  <span className="small muted">
                    {serviceVendorsLine(s)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {result.cost && (
        <section className="card">
          <h3>Cost range</h3>
          <p>{result.cost.explanation}</p>
          <p className="small muted">Sources: {result.cost.sources.join(' ')} The figures, their sources and years are settings (Settings → Scenarios: notification rules and breach costs).</p>
        </section>
      )}

      <details className="card">
        <summary>
          {result.vendors.length} vendor{result.vendors.length === 1 ? '' : 's'} affected
        </summary>
        <ul className="plain-list">
          {result.vendors.map((v) => (
            <li key={v.id}>
              {v.name} <span className="muted small">{v.reached === 'target' ? 'the provider' : 'through its supply chain'} · {v.peopleEntered ? '' : '≥ '}{v.people.toLocaleString('en')} people</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

/** Breach and outage scenarios: run one, save it as a tabletop exercise, print its brief, reopen it, rank providers. */
export function ScenariosView({ commands }: { commands: AppCommands | null }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const confirm = useApp((s) => s.confirm);
  const openVendor = useApp((s) => s.openVendor);
  const [target, setTarget] = useState<ScenarioTargetOption | null>(null);
  const [mode, setMode] = useState<'breach' | 'outage'>('breach');
  const [startsAt, setStartsAt] = useState(nextHour);
  const [toldAfter, setToldAfter] = useState('0');
  const [outageHours, setOutageHours] = useState('24');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [result, setResult] = useState<ScenarioResult | null>(null);
  const [opened, setOpened] = useState<ReopenedScenario | null>(null);
  const [save, setSave] = useState({ name: '', assumptions: '', notes: '' });
  const [ranking, setRanking] = useState<{ phase: string; done: number; total: number; result: ProviderRanking | null } | null>(null);
  const saved = useApiQuery('scenarios', (a) => a.scenarios.list({}));

  const input = (): ScenarioInput | null => {
    if (!target) {
      setErrors({ target: 'Choose the provider the scenario hits.' });
      return null;
    }
    return { target: { kind: target.kind, id: target.id }, mode, startsAt, toldAfterHours: Number(toldAfter || 0), outageHours: mode === 'outage' ? Number(outageHours) : null };
  };

  const run = async () => {
    const scenario = input();
    if (!scenario) return;
    try {
      setResult(await api.scenarios.run({ scenario }));
      // The name and notes of an exercise opened or saved belong to it, not to the next scenario run.
      if (opened) setSave({ name: '', assumptions: '', notes: '' });
      setOpened(null);
      setErrors({});
    } catch (error) {
      const fields = fieldErrorsOf(error, 'scenario');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const saveExercise = async () => {
    const scenario = input();
    if (!scenario) return;
    try {
      const exercise = await api.scenarios.save({ name: save.name, scenario, assumptions: save.assumptions, notes: save.notes });
      notify(`Saved “${exercise.name}” with its figures.`, 'success');
      saved.reload();
      setOpened(await api.scenarios.get({ id: exercise.id }));
      setResult(exercise.result);
    } catch (error) {
      const fields = fieldErrorsOf(error, 'scenario');
      if (fields) setErrors(fields);
      else notify(messageOf(error));
    }
  };

  const reopen = async (id: number) => {
    try {
      const r = await api.scenarios.get({ id });
      setOpened(r);
      setResult(r.current ?? r.saved.result);
      const t = r.saved.input;
      setMode(t.mode);
      setStartsAt(t.startsAt);
      setToldAfter(String(t.toldAfterHours));
      setOutageHours(String(t.outageHours ?? 24));
      setTarget({ kind: t.target.kind, id: t.target.id, name: r.saved.targetName, detail: t.target.kind === 'group' ? 'Provider group' : 'Vendor' });
      setSave({ name: r.saved.name, assumptions: r.saved.assumptions ?? '', notes: r.saved.notes ?? '' });
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const brief = async (id: number, format: 'html' | 'pdf') => {
    try {
      const doc = await api.scenarios.brief({ id });
      if (format === 'pdf' && commands) return void (await commands.saveDocumentPdf(doc.html, doc.fileName));
      await download(new Blob([doc.html], { type: 'text/html' }), doc.fileName);
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const remove = async (id: number, name: string) => {
    if (!(await confirm({ title: `Delete the exercise “${name}”?`, message: 'Its saved figures, assumptions and notes leave the register.', confirmLabel: 'Delete exercise', danger: true }))) return;
    try {
      await api.scenarios.delete({ id });
      if (opened?.saved.id === id) setOpened(null);
      saved.reload();
    } catch (error) {
      notify(messageOf(error));
    }
  };

  const rank = async () => {
    setRanking({ phase: 'Starting', done: 0, total: 0, result: null });
    try {
      const job = runJob<ProviderRanking>(api, () => api.scenarios.rank({}), (s) => setRanking((r) => ({ phase: s.phase, done: s.done, total: s.total, result: r?.result ?? null })));
      const done = await job.result;
      setRanking({ phase: 'Done', done: 1, total: 1, result: done });
    } catch (error) {
      setRanking(null);
      notify(messageOf(error));
    }
  };

  return (
    <section className="page scenarios">
      <header className="page__header">
        <div>
          <h2>Scenarios</h2>
          <p className="muted">If this provider is breached or goes down, whose data is exposed, which services stop, who must be told by when, and what it may cost — from the register’s data, with the look-through of the scoring method.</p>
        </div>
      </header>

      <form
        className="card scenario-form"
        noValidate
        aria-label="Scenario"
        onSubmit={(ev) => {
          ev.preventDefault();
          void run();
        }}
      >
        <div className="scenario-form__grid">
          <TargetPicker
            value={target}
            error={errors.target}
            onChange={(t) => {
              setTarget(t);
              setErrors({});
            }}
          />
          <fieldset className="field segmented-field">
            <legend>What happens</legend>
            <div className="segmented" role="radiogroup" aria-label="What happens">
              {(['breach', 'outage'] as const).map((m) => (
                <label key={m} className={mode === m ? 'is-active' : undefined}>
                  <input type="radio" name="scenario-mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
                  {m === 'breach' ? 'Breach: data exposed' : 'Outage: service down'}
                </label>
              ))}
            </div>
          </fieldset>
          <Field label="Starts at" error={errors.startsAt}>
            <input type="datetime-local" value={startsAt} onChange={(ev) => setStartsAt(ev.target.value)} />
          </Field>
          <Field label="We are told after (hours)" error={errors.toldAfterHours} hint="The vendor’s notification lag; deadlines run from then.">
            <input type="number" min="0" step="any" inputMode="decimal" value={toldAfter} onChange={(ev) => setToldAfter(ev.target.value)} />
          </Field>
          {mode === 'outage' && (
            <Field label="Outage length (hours)" error={errors.outageHours}>
              <input type="number" min="0" step="any" inputMode="decimal" value={outageHours} onChange={(ev) => setOutageHours(ev.target.value)} />
            </Field>
          )}
        </div>
        <div className="form-footer">
          <span className="spacer" />
          <button type="submit" className="button button--primary">
            Run scenario
          </button>
        </div>
      </form>

      {opened && (
        <section className="card scenario-opened" data-testid="scenario-opened" aria-label="Saved exercise">
          <div className="card__header card__header--row">
            <div>
              <h3>Saved exercise: {opened.saved.name}</h3>
              <p className="muted small">
                Saved {formatDateTime(opened.saved.savedAt)} by {opened.saved.savedBy}.{' '}
                {opened.current
                  ? opened.comparison.some((c) => c.changed)
                    ? `${opened.comparison.filter((c) => c.changed).length} figures differ on today’s register (shown below).`
                    : 'Recomputed on today’s register: every figure is as saved.'
                  : 'The provider is no longer in the register: the figures shown are those saved.'}
              </p>
            </div>
            <div className="actions">
              <button type="button" className="button" onClick={() => void brief(opened.saved.id, 'html')}>
                Brief (HTML)
              </button>
              {commands && (
                <button type="button" className="button button--primary" onClick={() => void brief(opened.saved.id, 'pdf')}>
                  Brief (PDF)
                </button>
              )}
            </div>
          </div>
          <div className="table-wrap">
            <table className="table" aria-label="Saved and recomputed figures">
              <thead>
                <tr>
                  <th scope="col">Figure</th>
                  <th scope="col">As saved</th>
                  <th scope="col">Recomputed today</th>
                </tr>
              </thead>
              <tbody>
                {opened.comparison.map((c) => (
                  <tr key={c.key} className={c.changed ? 'is-changed' : undefined}>
                    <td>{c.label}</td>
                    <td>{c.saved}</td>
                    <td>{c.now === null ? '—' : c.changed ? <strong className="text-danger">{c.now}</strong> : <span className="muted">same</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {opened.saved.assumptions && <p className="small prewrap">Assumptions: {opened.saved.assumptions}</p>}
          {opened.saved.notes && <p className="small prewrap">Notes: {opened.saved.notes}</p>}
        </section>
      )}

      {result && <ScenarioResults result={result} />}

      {result && (
        <form
          className="card"
          noValidate
          aria-label="Save as a tabletop exercise"
          onSubmit={(ev) => {
            ev.preventDefault();
            void saveExercise();
          }}
        >
          <h3>Save as a tabletop exercise</h3>
          <div className="grid">
            <Field label="Name" required error={errors.name}>
              <input value={save.name} onChange={(ev) => setSave({ ...save, name: ev.target.value })} />
            </Field>
            <Field label="Assumptions" error={errors.assumptions} wide>
              <textarea rows={2} value={save.assumptions} onChange={(ev) => setSave({ ...save, assumptions: ev.target.value })} />
            </Field>
            <Field label="Notes" error={errors.notes} wide>
              <textarea rows={2} value={save.notes} onChange={(ev) => setSave({ ...save, notes: ev.target.value })} />
            </Field>
          </div>
          <div className="form-footer">
            <span className="spacer" />
            <button type="submit" className="button button--primary">
              Save exercise
            </button>
          </div>
        </form>
      )}

      <section className="card">
        <h3>Saved exercises</h3>
        {!saved.data?.length ? (
          <p className="muted">None yet: run a scenario, then save it with its assumptions and notes.</p>
        ) : (
          <div className="table-wrap">
            <table className="table" aria-label="Saved exercises">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Provider</th>
                  <th scope="col">What happens</th>
                  <th scope="col">Starts</th>
                  <th scope="col">Saved</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {saved.data.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{s.targetName}</td>
                    <td>{s.mode === 'breach' ? 'Breach' : 'Outage'}</td>
                    <td className="nowrap">{formatDue(s.startsAt)}</td>
                    <td className="nowrap">
                      {formatDateTime(s.savedAt)} <span className="muted small">{s.savedBy}</span>
                    </td>
                    <td className="nowrap">
                      <button type="button" className="button button--small" onClick={() => void reopen(s.id)}>
                        Open <span className="visually-hidden">{s.name}</span>
                      </button>{' '}
                      <button type="button" className="button button--small button--ghost" onClick={() => void remove(s.id, s.name)}>
                        Delete <span className="visually-hidden">{s.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <div className="card__header card__header--row">
          <div>
            <h3>Rank every provider</h3>
            <p className="muted small">Every provider group by the people its breach would expose and the critical services its outage would stop (also on Concentration, Board and in the board pack).</p>
          </div>
          <button type="button" className="button" onClick={() => void rank()} disabled={ranking !== null && ranking.result === null}>
            Rank providers
          </button>
        </div>
        {ranking && ranking.result === null && (
          <p role="status" className="small">
            {ranking.phase}
            {ranking.total > 0 ? ` · ${ranking.done.toLocaleString('en')} of ${ranking.total.toLocaleString('en')} vendors` : ''}
          </p>
        )}
        {ranking?.result && <ProviderRankingCharts ranking={ranking.result} onOpen={openVendor} />}
      </section>
    </section>
  );
}
