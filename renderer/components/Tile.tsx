import type { ReactNode } from 'react';

/** A headline figure with its label and what it means. */
export function Tile({ label, value, detail, tone, testId }: { label: ReactNode; value: ReactNode; detail?: ReactNode; tone?: 'danger' | 'warning' | 'success'; testId?: string }) {
  return (
    <div className={`tile${tone ? ` tile--${tone}` : ''}`} data-testid={testId}>
      <div className="tile__label">{label}</div>
      <p className="tile__value">{value}</p>
      {detail && <p className="tile__detail">{detail}</p>}
    </div>
  );
}
