import type { Incident } from '../../db/contract';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS } from '../../db/shared/labels';
import { formatCompact, formatDate } from '../format';

const days = (n: number | null) => (n === null ? '—' : `${n} d`);

/** Incidents in time order, with the derived clocks; columns kept few enough to fit a 1366-pixel laptop screen. */
export function IncidentTable({ incidents, showVendor, onOpen }: { incidents: Incident[]; showVendor: boolean; onOpen(incident: Incident): void }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Incidents">
        <thead>
          <tr>
            <th>Occurred</th>
            {showVendor && <th>Where</th>}
            <th className="col-wide">Incident</th>
            <th className="num" title="People affected">
              People
            </th>
            <th title="Told after: we were told − vendor detected. Contained in: contained − vendor detected.">Clocks</th>
            <th title="30 days from when we were told">OAIC assess by</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id} tabIndex={0} onClick={() => onOpen(i)} onKeyDown={(e) => e.key === 'Enter' && onOpen(i)}>
              <td className="nowrap" title={formatDate(i.occurredFrom ?? i.weWereTold)}>
                {formatDate((i.occurredFrom ?? i.weWereTold)?.slice(0, 10) ?? null)}
              </td>
              {showVendor && <td className="cell-title">{i.vendorName}</td>}
              <td className="col-wide">
                <span className="cell-title">{i.title}</span>
                <span className="cell-sub">
                  {INCIDENT_KIND_LABELS[i.kind]} · {i.categoryLabels.join(', ') || 'data exposed not recorded'}
                </span>
              </td>
              <td className="num">{i.recordsAffected === null ? '—' : formatCompact(i.recordsAffected)}</td>
              <td className="nowrap small">
                <span className={(i.clocks.notificationLagDays ?? 0) > 3 ? 'text-danger' : undefined}>told after {days(i.clocks.notificationLagDays)}</span>
                <br />
                <span className="muted">contained in {days(i.clocks.daysToContain)}</span>
              </td>
              <td className="nowrap">{formatDate(i.clocks.oaicAssessmentDue?.slice(0, 10) ?? null)}</td>
              <td>
                <span className={`pill pill--${i.status}`}>{INCIDENT_STATUS_LABELS[i.status]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
