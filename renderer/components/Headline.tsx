import type { Headline as HeadlineData, HeadlineItem } from '../../db/shared/headline';
import { HelpPopover } from './HelpPopover';
import './risk.css';

/** A band in words and colour; "Not rated" in grey when the figure cannot be rated. */
export function BandChip({ band, words }: { band: HeadlineItem['band']; words: string }) {
  return <span className={`band-chip band-chip--${band ?? 'none'}`}>{words}</span>;
}

/** The headline chosen for risk (db/shared/headline.ts): the same figures and sentences on Concentration and Board. */
export function Headline({ headline, large = false }: { headline: HeadlineData; large?: boolean }) {
  return (
    <section className={`headline${large ? ' headline--large' : ''}`} aria-label="Headline">
      <p className="headline__comparison muted" data-testid="headline-comparison">
        {headline.comparison}
      </p>
      <div className="headline__grid">
        {headline.figures.map((f) => (
          <article key={f.key} className={`headline-item headline-item--${f.band ?? 'none'}`} data-testid={`headline-${f.key}`} aria-label={f.label}>
            <header className="headline-item__head">
              <h3 className="headline-item__label">{f.label}</h3>
              <HelpPopover title={f.label} help={f.help} />
            </header>
            <p className="headline-item__value">
              <span className="headline-item__figure">{f.value}</span> <BandChip band={f.band} words={f.bandWords} />
            </p>
            <p className="headline-item__sentence">{f.sentence}</p>
            {f.changes.length > 0 && (
              <p className="headline-item__changes">
                {f.changes.map((c) => (
                  <span key={c.against} className={c.direction === 'worse' ? 'text-danger' : c.direction === 'better' ? 'text-success' : 'muted'}>
                    {c.text} {c.against}
                  </span>
                ))}
              </p>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
