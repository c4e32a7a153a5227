// The Incidents view's search, filters and order, as a pure function over the register's incidents (a register holds
// hundreds of incidents, not millions: they are shaped in the window).
import type { Incident, IncidentKind, IncidentStatus } from '../../db/contract';

export const INCIDENT_ORDERS = {
  newest: 'Most recent first',
  oldest: 'Oldest first',
  people: 'Most people affected',
  lag: 'Longest before we were told',
  oaic: 'OAIC assessment due soonest',
} as const;
export type IncidentOrder = keyof typeof INCIDENT_ORDERS;

export interface IncidentCriteria {
  search: string;
  vendor: string;
  kind: IncidentKind | '';
  status: IncidentStatus | '';
  year: string;
  order: IncidentOrder;
}

const dateOf = (i: Incident) => i.occurredFrom ?? i.weWereTold ?? i.vendorDetected ?? i.contained ?? '';

/** Unknown values (no date, no count) sort last whatever the order. */
function compare(a: number | string | null, b: number | string | null, descending: boolean): number {
  if (a === b) return 0;
  if (a === null || a === '') return 1;
  if (b === null || b === '') return -1;
  return (a < b ? -1 : 1) * (descending ? -1 : 1);
}

export function incidentList(incidents: readonly Incident[], c: IncidentCriteria): Incident[] {
  const words = c.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (i: Incident) => {
    if (!words.length) return true;
    const text = [i.title, i.vendorName, i.description ?? '', i.categoryLabels.join(' '), i.regulators.join(' '), i.sourceUrl ?? ''].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  };
  const kept = incidents.filter(
    (i) => matches(i) && (!c.vendor || i.vendorName === c.vendor) && (!c.kind || i.kind === c.kind) && (!c.status || i.status === c.status) && (!c.year || dateOf(i).startsWith(c.year)),
  );
  const key: Record<IncidentOrder, [(i: Incident) => number | string | null, boolean]> = {
    newest: [dateOf, true],
    oldest: [dateOf, false],
    people: [(i) => i.recordsAffected, true],
    lag: [(i) => i.clocks.notificationLagDays, true],
    oaic: [(i) => i.clocks.oaicAssessmentDue, false],
  };
  const [value, descending] = key[c.order];
  return kept.sort((a, b) => compare(value(a), value(b), descending) || a.id - b.id);
}
