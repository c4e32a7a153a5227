import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { DependencyMap as MapData, MapNode, MapSearchResult } from '../../db/contract';
import { edgePath, layoutMap, MAP_COLOURS, nodeCaption, nodeColour, shortLabel } from '../../db/shared/map-layout';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import './risk.css';

/**
 * The dependency map, interactive: the largest providers with the vendors that rely on them, or (chosen by clicking a
 * node or by search) one service's chain or one provider's dependents. Laid out by dagre; every node is a button.
 */
export function DependencyMap({ providers }: { providers: MapData }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [shown, setShown] = useState<MapData | null>(null);
  const [text, setText] = useState('');
  const [results, setResults] = useState<MapSearchResult[] | null>(null);
  const request = useRef(0);
  const map = shown ?? providers;
  const layout = useMemo(() => layoutMap(map), [map]);

  const open = async (query: { mode: 'service'; serviceId: number } | { mode: 'provider'; vendorId: number }) => {
    const ticket = ++request.current;
    try {
      const next = await api.board.dependencyMap(query);
      if (ticket === request.current) setShown(next);
    } catch (error) {
      notify(messageOf(error));
    }
  };
  const openNode = (n: MapNode) => {
    if (n.refId === null) return;
    void open(n.kind === 'service' ? { mode: 'service', serviceId: n.refId } : { mode: 'provider', vendorId: n.refId });
  };
  const search = async (value: string) => {
    setText(value);
    const ticket = ++request.current;
    if (!value.trim()) return setResults(null);
    try {
      const found = await api.board.mapSearch({ text: value });
      if (ticket === request.current) setResults(found);
    } catch (error) {
      notify(messageOf(error));
    }
  };
  const onKey = (event: KeyboardEvent, n: MapNode) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openNode(n);
    }
  };

  return (
    <figure className="card dependency-map" aria-label="Dependency map" data-testid="dependency-map">
      <figcaption>
        <div className="chart-card__title">
          <h3>Dependency map</h3>
        </div>
        <p className="muted small">
          Services (left) rest on vendors, which rely on providers and fourth parties (right); dashed: through a supplier’s chain. A dot’s area grows with the share of weighted exposure; its colour is its band. Click a service for its chain, a vendor or provider for who relies on it.
        </p>
      </figcaption>
      <div className="dependency-map__tools">
        <button type="button" className="button button--small" aria-pressed={shown === null} onClick={() => setShown(null)}>
          Largest providers
        </button>
        <label className="dependency-map__search">
          <span>Find a service or vendor</span>
          <input type="search" value={text} onChange={(e) => void search(e.target.value)} />
        </label>
      </div>
      {results && (
        <ul className="dependency-map__results" aria-label="Matches">
          {results.map((r) => (
            <li key={`${r.kind}:${r.id}`}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  setResults(null);
                  setText('');
                  void open(r.kind === 'service' ? { mode: 'service', serviceId: r.id } : { mode: 'provider', vendorId: r.id });
                }}
              >
                {r.name}
              </button>{' '}
              <span className="muted small">{r.detail}</span>
            </li>
          ))}
          {results.length === 0 && <li className="muted">Nothing matches “{text}”.</li>}
        </ul>
      )}
      <h4 className="dependency-map__title" data-testid="dependency-map-title">
        {map.title}
        {map.omitted > 0 && <span className="muted small"> · {map.omitted} smaller left out</span>}
      </h4>
      {map.nodes.length === 0 ? (
        <p className="chart-empty">{shown ? 'Nothing is linked here yet.' : 'No data holdings recorded yet: no provider carries any exposure.'}</p>
      ) : (
        <div className="dependency-map__canvas">
          <svg viewBox={`0 0 ${layout.width} ${layout.height}`} width={layout.width} height={layout.height} role="group" aria-label={map.title}>
            <defs>
              <marker id="map-arrow-ui" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" className="dependency-map__arrow" />
              </marker>
            </defs>
            {layout.edges.map((e) => (
              <path key={`${e.from}>${e.to}`} d={edgePath(e.points)} className="dependency-map__edge" strokeDasharray={e.throughChain ? '5 4' : undefined} markerEnd="url(#map-arrow-ui)" />
            ))}
            {layout.nodes.map((n) => {
              const left = n.x - n.width / 2;
              const textX = n.radius ? left + 16 + 2 * n.radius : left + 10;
              const caption = nodeCaption(n);
              return (
                <g
                  key={n.id}
                  role={n.refId === null ? undefined : 'button'}
                  tabIndex={n.refId === null ? undefined : 0}
                  aria-label={caption ? `${shortLabel(n.label)} ${caption}` : shortLabel(n.label)}
                  className={`dependency-map__node dependency-map__node--${n.kind}${n.focus ? ' is-focus' : ''}`}
                  onClick={() => openNode(n)}
                  onKeyDown={(event) => onKey(event, n)}
                >
                  <title>{`${n.label}${caption ? ` — ${caption}` : ''}`}</title>
                  <rect x={left} y={n.y - n.height / 2} width={n.width} height={n.height} rx={6} />
                  {n.radius > 0 && <circle cx={left + 8 + n.radius} cy={n.y} r={n.radius} fill={nodeColour(n)} />}
                  {/* One text, so what is read equals what is shown (the trailing space parts the two lines). */}
                  <text>
                    <tspan x={textX} y={caption ? n.y - 3 : n.y + 4} className="dependency-map__label">
                      {caption ? `${shortLabel(n.label)} ` : shortLabel(n.label)}
                    </tspan>
                    {caption && (
                      <tspan x={textX} y={n.y + 13} className="dependency-map__caption">
                        {caption}
                      </tspan>
                    )}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      <ul className="chart-legend" aria-label="Legend of “Dependency map”">
        <li>
          <span className="swatch" style={{ background: MAP_COLOURS.high }} aria-hidden="true" />
          High share
        </li>
        <li>
          <span className="swatch" style={{ background: MAP_COLOURS.moderate }} aria-hidden="true" />
          Moderate
        </li>
        <li>
          <span className="swatch" style={{ background: MAP_COLOURS.unconcentrated }} aria-hidden="true" />
          Low
        </li>
      </ul>
      <details className="chart-data no-print">
        <summary>Data table</summary>
        <table aria-label="Dependency map">
          <thead>
            <tr>
              <th scope="col">Node</th>
              <th scope="col">Kind</th>
              <th scope="col" className="num">
                Share of exposure %
              </th>
              <th scope="col">Links to</th>
            </tr>
          </thead>
          <tbody>
            {map.nodes.map((n) => (
              <tr key={n.id}>
                <td>{n.label}</td>
                <td>{n.kind.replace('_', ' ')}</td>
                <td className="num">{n.kind === 'service' || n.kind === 'more' ? '—' : (100 * n.share).toFixed(1)}</td>
                <td>
                  {map.edges
                    .filter((e) => e.from === n.id)
                    .map((e) => map.nodes.find((m) => m.id === e.to)?.label)
                    .join(', ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
