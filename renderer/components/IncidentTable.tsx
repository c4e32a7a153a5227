import type { Incident } from '../../db/contract';
import { INCIDENT_KIND_LABELS, INCIDENT_STATUS_LABELS } from '../../db/shared/labels';
import { formatCompact, formatDate } from '../format';

/** Incidents in time order, with the derived clocks. */
export function IncidentTable({ incidents, showVendor, onOpen }: { incidents: Incident[]; showVendor: boolean; onOpen(incident: Incident): void }) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Incidents">
        <thead>
          <tr>
            <th>Occurred</th>
            {showVendor && <th>Where</th>}
            <th className="col-wide">Incident</th>
            <th>Kind</th>
            <th className="num">People affected</th>
            <th className="num" title="We were told − vendor detected">
              Told after
            </th>
            <th className="num" title="Contained − vendor detected">
              Contained in
            </th>
            <th title="30 days from when we were told">OAIC assess by</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id} tabIndex={0} onClick={() => onOpen(i)} onKeyDown={(e) => e.key === 'Enter' && onOpen(i)}>
              <td className="nowrap">{formatDate(i.occurredFrom ?? i.weWereTold)}</td>
              {showVendor && <td className="cell-title">{i.vendorName}</td>}
              <td className="col-wide">
                <span className="cell-title">{i.title}</span>
                <span className="cell-sub">{i.categoryLabels.join(', ') || 'Data exposed not recorded'}</span>
              </td>
              <td>{INCIDENT_KIND_LABELS[i.kind]}</td>
              <td className="num">{i.recordsAffected === null ? '—' : formatCompact(i.recordsAffected)}</td>
              <td className={`num${(i.clocks.notificationLagDays ?? 0) > 3 ? ' text-danger' : ''}`}>{i.clocks.notificationLagDays === null ? '—' : `${i.clocks.notificationLagDays} d`}</td>
              <td className="num">{i.clocks.daysToContain === null ? '—' : `${i.clocks.daysToContain} d`}</td>
              <td className="nowrap">{formatDate(i.clocks.oaicAssessmentDue)}</td>
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
