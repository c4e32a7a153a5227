import '../components/risk.css';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import scoringMethod from '../../docs/scoring.md?raw';
import { explainSettings } from '../../db/shared/settings-explained';
import { GLOSSARY } from '../help/glossary';
import { parseMarkdown, type Inline } from '../help/markdown';
import { useApiQuery } from '../useApiQuery';

function InlineText({ parts }: { parts: Inline[] }): ReactNode {
  return parts.map((p, i) =>
    p.kind === 'strong' ? <strong key={i}>{p.text}</strong> : p.kind === 'em' ? <em key={i}>{p.text}</em> : p.kind === 'code' ? <code key={i}>{p.text}</code> : <Fragment key={i}>{p.text}</Fragment>,
  );
}

/** Help, offline: a glossary of every term, the settings in force in words, and the scoring method (docs/scoring.md, bundled). */
export function HelpView() {
  const [filter, setFilter] = useState('');
  const blocks = useMemo(() => parseMarkdown(scoringMethod), []);
  const settings = useApiQuery('help:settings', (a) => a.settings.scoring({}));
  const terms = GLOSSARY.filter((g) => `${g.term} ${g.meaning}`.toLowerCase().includes(filter.trim().toLowerCase()));
  const headings = blocks.filter((b) => b.kind === 'heading' && b.level === 2);

  return (
    <section className="page help-view">
      <header className="page__header">
        <div>
          <h2>Help</h2>
          <p className="muted">What every figure means, the settings in force, and the scoring method — all in the app, no connection needed.</p>
        </div>
      </header>
      <nav className="card help-contents" aria-label="On this page">
        <a href="#glossary">Glossary</a> · <a href="#settings-in-force">Settings in force</a> ·{' '}
        {headings.map((h, i) => (
          <Fragment key={h.kind === 'heading' ? h.id : i}>
            {i > 0 && ' · '}
            <a href={`#${h.kind === 'heading' ? h.id : ''}`}>{h.kind === 'heading' ? h.text : ''}</a>
          </Fragment>
        ))}
      </nav>

      <section className="card" aria-labelledby="glossary">
        <h3 id="glossary">Glossary</h3>
        <label className="field">
          <span>Find a term</span>
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <dl className="glossary">
          {terms.map((g) => (
            <Fragment key={g.term}>
              <dt>{g.term}</dt>
              <dd>{g.meaning}</dd>
            </Fragment>
          ))}
        </dl>
        {terms.length === 0 && <p className="muted">No term matches “{filter}”.</p>}
      </section>

      <section className="card" aria-labelledby="settings-in-force">
        <h3 id="settings-in-force">Settings in force</h3>
        {settings.data ? (
          <table className="table" aria-label="Settings in force">
            <thead>
              <tr>
                <th scope="col">Setting</th>
                <th scope="col">Value</th>
                <th scope="col">What it does</th>
              </tr>
            </thead>
            <tbody>
              {explainSettings(settings.data).map((x) => (
                <tr key={x.label}>
                  <td>{x.label}</td>
                  <td>{x.value}</td>
                  <td>{x.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="muted">{settings.error ?? 'Reading the settings…'}</p>
        )}
        <p className="muted small">Change them in Settings → Scoring.</p>
      </section>

      <article className="card method-text" aria-label="The scoring method">
        {blocks.map((b, i) => {
          switch (b.kind) {
            case 'heading':
              return b.level === 1 ? (
                <h3 key={i} id={b.id}>
                  {b.text}
                </h3>
              ) : (
                <h4 key={i} id={b.id}>
                  {b.text}
                </h4>
              );
            case 'paragraph':
              return (
                <p key={i}>
                  <InlineText parts={b.inline} />
                </p>
              );
            case 'list':
              return (
                <ul key={i}>
                  {b.items.map((item, j) => (
                    <li key={j}>
                      <InlineText parts={item} />
                    </li>
                  ))}
                </ul>
              );
            case 'table':
              return (
                <div key={i} className="table-scroll">
                  <table className="table">
                    <thead>
                      <tr>
                        {b.header.map((c, j) => (
                          <th key={j} scope="col">
                            <InlineText parts={c} />
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {b.rows.map((row, j) => (
                        <tr key={j}>
                          {row.map((c, k) => (
                            <td key={k}>
                              <InlineText parts={c} />
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            case 'code':
              return <pre key={i}>{b.text}</pre>;
          }
        })}
      </article>
    </section>
  );
}
