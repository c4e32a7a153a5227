import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProviderRanking } from '../../db/contract';
import { formatInteger } from '../../db/shared/headline';
import { rankingBars, rankingCaptions, rankingHelp } from '../../db/shared/scenario-figures';
import { ChartCard, tooltipWrapper } from '../charts/ChartCard';
import { formatCompact } from '../format';
import { HelpPopover } from './HelpPopover';

const LOWER = '#b42318';
const UPPER = '#f3b3ab';
const CRITICAL = '#b42318';
const IMPORTANT = '#d08a1a';

/** "If this provider is hit": the ten providers whose breach would expose most people, and whose outage would stop most critical services. */
export function ProviderRankingCharts({ ranking, labelWidth = 230, onOpen }: { ranking: ProviderRanking; labelWidth?: number; onOpen?(groupKey: number): void }) {
  const { byPeople, byCritical } = rankingBars(ranking);
  const help = rankingHelp(ranking);
  const captions = rankingCaptions(ranking);
  const height = (rows: number) => Math.max(200, rows * 30 + 70);
  return (
    <section className="ranking" aria-label="If one provider is hit">
      <h3 className="section-title">
        If one provider is hit <span className="muted small">how to read the ranking by people</span> <HelpPopover title="Whose breach would expose most people" help={help.people} />{' '}
        <span className="muted small">by services</span> <HelpPopover title="Whose outage would stop most critical services" help={help.critical} />
      </h3>
      <div className="chart-grid">
      <ChartCard
        testId="ranking-people"
        title="Whose breach would expose most people"
        subtitle={captions.people}
        empty={byPeople.length ? null : 'No data holdings recorded yet: no breach would expose anyone.'}
        legend={[
          { label: 'People exposed, at least', colour: LOWER },
          { label: 'Possibly up to (people overlap across vendors)', colour: UPPER },
        ]}
        table={{ caption: 'Whose breach would expose most people', columns: [{ label: 'Provider' }, { label: 'At least', numeric: true }, { label: 'At most', numeric: true }], rows: byPeople.map((b) => [b.name, formatInteger(b.lower), formatInteger(b.upper)]) }}
      >
        <ResponsiveContainer width="100%" height={height(byPeople.length)}>
          <BarChart data={byPeople} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" tickFormatter={(v: number) => formatCompact(v)} label={{ value: 'People (distinct)', position: 'insideBottom', offset: -14 }} />
            <YAxis type="category" dataKey="name" width={labelWidth} interval={0} />
            <Tooltip
              wrapperStyle={tooltipWrapper}
              content={({ active, payload }) => {
                const b = payload?.[0]?.payload as (typeof byPeople)[number] | undefined;
                return active && b ? (
                  <div className="chart-tooltip">
                    <strong>{b.name}</strong>
                    <br />
                    {b.lower === b.upper ? `${formatInteger(b.lower)} people` : `${formatInteger(b.lower)} to ${formatInteger(b.upper)} people`}
                  </div>
                ) : null;
              }}
            />
            <Bar dataKey="lower" name="At least" stackId="people" fill={LOWER} isAnimationActive={false} cursor={onOpen ? 'pointer' : undefined} onClick={(d) => onOpen?.((d.payload as { key: number }).key)} />
            <Bar dataKey="extra" name="Possibly up to" stackId="people" fill={UPPER} isAnimationActive={false} cursor={onOpen ? 'pointer' : undefined} onClick={(d) => onOpen?.((d.payload as { key: number }).key)} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        testId="ranking-critical"
        title="Whose outage would stop most critical services"
        subtitle={captions.critical}
        empty={byCritical.length ? null : 'No provider’s outage would stop a critical service on its own.'}
        legend={[
          { label: 'Critical services', colour: CRITICAL },
          { label: 'Important services', colour: IMPORTANT },
        ]}
        table={{ caption: 'Whose outage would stop most critical services', columns: [{ label: 'Provider' }, { label: 'Critical', numeric: true }, { label: 'Important', numeric: true }, { label: 'Critical services stopped' }], rows: byCritical.map((b) => [b.name, b.critical, b.important, b.services.join(', ')]) }}
      >
        <ResponsiveContainer width="100%" height={height(byCritical.length)}>
          <BarChart data={byCritical} layout="vertical" margin={{ left: 8, right: 24, top: 8, bottom: 24 }}>
            <CartesianGrid horizontal={false} strokeDasharray="3 3" />
            <XAxis type="number" allowDecimals={false} label={{ value: 'Services stopped (count)', position: 'insideBottom', offset: -14 }} />
            <YAxis type="category" dataKey="name" width={labelWidth} interval={0} />
            <Tooltip
              wrapperStyle={tooltipWrapper}
              content={({ active, payload }) => {
                const b = payload?.[0]?.payload as (typeof byCritical)[number] | undefined;
                return active && b ? (
                  <div className="chart-tooltip">
                    <strong>{b.name}</strong>
                    <br />
                    Critical: {b.services.join(', ')}
                    {b.important ? ` · and ${b.important} important` : ''}
                  </div>
                ) : null;
              }}
            />
            <Bar dataKey="critical" name="Critical services" stackId="services" fill={CRITICAL} isAnimationActive={false} />
            <Bar dataKey="important" name="Important services" stackId="services" fill={IMPORTANT} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </ChartCard>
      </div>
    </section>
  );
}
