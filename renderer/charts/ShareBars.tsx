import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { tooltipWrapper } from './ChartCard';

interface ShareBarsProps<T> {
  data: T[];
  /** Percent axis label. */
  axisLabel: string;
  labelWidth?: number;
  /** Upper end of the axis in percent, or a function of the largest value. */
  domainMax: number | ((max: number) => number);
  colour(item: T): string;
  tooltip(item: T): string;
  onOpen?(item: T): void;
  reference?: { at: number; label: string };
  /** Height of one bar's row, px (taller when labels wrap to two lines). */
  rowHeight?: number;
}

/** A horizontal bar chart of percentages, one bar per named item: the shape of three of the dashboard's charts. */
export function ShareBars<T extends { name: string; share: number }>({ data, axisLabel, labelWidth = 190, domainMax, colour, tooltip, onOpen, reference, rowHeight = 28 }: ShareBarsProps<T>) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(220, data.length * rowHeight + 60)}>
      <BarChart data={data} layout="vertical" margin={{ left: 8, right: 24, top: reference ? 24 : 8, bottom: 24 }}>
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" unit=" %" domain={[0, domainMax]} label={{ value: axisLabel, position: 'insideBottom', offset: -14 }} />
        <YAxis type="category" dataKey="name" width={labelWidth} interval={0} />
        <Tooltip
          wrapperStyle={tooltipWrapper}
          content={({ active, payload }) => {
            const item = payload?.[0]?.payload as T | undefined;
            return active && item ? (
              <div className="chart-tooltip">
                <strong>{item.name}</strong>
                <br />
                {tooltip(item)}
              </div>
            ) : null;
          }}
        />
        {reference && <ReferenceLine x={reference.at} stroke="var(--danger)" strokeDasharray="6 4" label={{ value: reference.label, position: 'top', fill: 'var(--danger)', fontSize: 12 }} />}
        <Bar dataKey="share" isAnimationActive={false} cursor={onOpen ? 'pointer' : undefined} onClick={(d) => onOpen?.(d.payload as T)}>
          {data.map((item) => (
            <Cell key={item.name} fill={colour(item)} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}
