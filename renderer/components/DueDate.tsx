import { daysUntil, formatDate } from '../format';

/** A due date, marked when it is within 90 days or has passed. */
export function DueDate({ date }: { date: string | null }) {
  if (!date) return <span className="muted">—</span>;
  const days = daysUntil(date);
  return (
    <span className={days < 0 ? 'due due--overdue' : days <= 90 ? 'due due--soon' : 'due'} title={days < 0 ? `${-days} days overdue` : `in ${days} days`}>
      {formatDate(date)}
      {days < 0 && <span className="badge badge--danger">overdue</span>}
    </span>
  );
}
