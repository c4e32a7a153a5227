import { useRef, type ReactNode } from 'react';
import { exportPng, exportSvg } from './export';
import { useApp } from '../store';
import { messageOf } from '../store/ui';
import '../components/risk.css';

export interface ChartTable {
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  rows: (string | number)[][];
}

/**
 * A chart with everything a reader needs around it: title, what it shows (axes and units), a legend of its colours,
 * export buttons, and its data as an accessible table. Empty charts say why instead of drawing zeros.
 */
export function ChartCard({ title, subtitle, empty, legend, table, children, testId }: { title: string; subtitle: string; empty: string | null; legend?: { label: string; colour: string }[]; table?: ChartTable; children: ReactNode; testId?: string }) {
  const notify = useApp((s) => s.notify);
  const figure = useRef<HTMLElement>(null);
  const run = (work: (element: HTMLElement) => Promise<string | null>) => {
    try {
      void work(figure.current!).then((where) => where && notify(where, 'success'), (error: unknown) => notify(messageOf(error)));
    } catch (error) {
      notify(messageOf(error));
    }
  };
  return (
    <figure className="card chart-card" aria-label={title} ref={figure} data-testid={testId}>
      <figcaption>
        <div className="chart-card__title">
          <h3>{title}</h3>
          {!empty && (
            <span className="chart-card__export no-print">
              <button type="button" className="button button--small button--ghost" aria-label={`Export “${title}” as SVG`} onClick={() => run((e) => exportSvg(e, title))}>
                SVG
              </button>
              <button type="button" className="button button--small button--ghost" aria-label={`Export “${title}” as PNG`} onClick={() => run((e) => exportPng(e, title))}>
                PNG
              </button>
            </span>
          )}
        </div>
        <p className="muted small">{subtitle}</p>
      </figcaption>
      {empty ? (
        <p className="chart-empty">{empty}</p>
      ) : (
        <>
          <div className="chart-body">{children}</div>
          {legend && legend.length > 0 && (
            <ul className="chart-legend" aria-label={`Legend of “${title}”`}>
              {legend.map((item) => (
                <li key={item.label}>
                  <span className="swatch" style={{ background: item.colour }} aria-hidden="true" />
                  {item.label}
                </li>
              ))}
            </ul>
          )}
          {table && (
            <details className="chart-data no-print">
              <summary>Data table</summary>
              <table aria-label={table.caption}>
                <thead>
                  <tr>
                    {table.columns.map((c) => (
                      <th key={c.label} className={c.numeric ? 'num' : undefined} scope="col">
                        {c.label}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, i) => (
                    <tr key={i}>
                      {row.map((cell, j) => (
                        <td key={j} className={table.columns[j]?.numeric ? 'num' : undefined}>
                          {cell}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </>
      )}
    </figure>
  );
}

export const tooltipWrapper = { zIndex: 30, outline: 'none' } as const;
