// Incident clocks, from the dates an incident record carries (YYYY-MM-DD, optionally with THH:MM).
import type { IncidentClocks } from '../contract';

function toTime(moment: string): number {
  return Date.parse(moment.length === 10 ? `${moment}T00:00:00Z` : `${moment}:00Z`);
}

/** Whole days from a to b (rounded), or null when either is unknown (or, in a form being typed, not a date yet). */
export function daysBetween(a: string | null, b: string | null): number | null {
  if (!a || !b) return null;
  const days = Math.round((toTime(b) - toTime(a)) / 86_400_000);
  return Number.isNaN(days) ? null : days;
}

function addHours(moment: string, hours: number): string | null {
  const time = toTime(moment);
  if (Number.isNaN(time)) return null;
  const result = new Date(time + hours * 3_600_000).toISOString();
  return moment.length === 10 && hours % 24 === 0 ? result.slice(0, 10) : result.slice(0, 16);
}

export function incidentClocks(i: { occurredFrom: string | null; vendorDetected: string | null; weWereTold: string | null; contained: string | null }): IncidentClocks {
  return {
    notificationLagDays: daysBetween(i.vendorDetected, i.weWereTold),
    daysToContain: daysBetween(i.vendorDetected ?? i.occurredFrom, i.contained),
    oaicAssessmentDue: i.weWereTold ? addHours(i.weWereTold, 30 * 24) : null,
    gdprDeadline: i.weWereTold ? addHours(i.weWereTold, 72) : null,
  };
}
