// The one date input: typed in the register's order (30/06/2025 or 06/30/2025), as ISO (2025-06-30) or with a month
// name (30 Jun 2025), or picked from the calendar; shown back in the register's order, with what it was read as.
import { useRef, useState } from 'react';
import { parseDate, type DateOrder } from '../../db/shared/dates';
import { formatDate } from '../format';
import { useApp } from '../store';
import { Icon } from './Icon';

/** The register's date order, or the system language's until one is chosen in Settings. */
export function useDateOrder(): DateOrder {
  const chosen = useApp((s) => s.register?.dateOrder ?? null);
  return chosen ?? systemDateOrder();
}

export function systemDateOrder(): DateOrder {
  const parts = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'numeric', year: 'numeric' }).formatToParts(new Date(2025, 5, 30));
  return parts.findIndex((p) => p.type === 'month') < parts.findIndex((p) => p.type === 'day') ? 'mdy' : 'dmy';
}

/** An ISO date (or date and time) as typed in this order: 2025-06-30 → 30/06/2025. Anything else is left as it is. */
export function typedDate(iso: string | null | undefined, order: DateOrder): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const day = order === 'dmy' ? `${m[3]}/${m[2]}/${m[1]}` : `${m[2]}/${m[3]}/${m[1]}`;
  return m[4] ? `${day} ${m[4]}` : day;
}

/** 02/07/2025: a day and a month that could be either (the register's order decides, and the hint says so). */
function ambiguous(text: string): boolean {
  const m = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.]/.exec(text);
  return !!m && Number(m[1]) <= 12 && Number(m[2]) <= 12 && m[1] !== m[2];
}

/** The ISO value of typed text, or the text itself when it cannot be read (the form's check then names the field). */
export function readTypedDate(text: string, order: DateOrder, withTime: boolean): string | null {
  const parsed = parseDate(text, order, withTime);
  return 'error' in parsed ? text.trim() : parsed.value;
}

interface DateInputProps {
  value: string | null | undefined;
  onChange(value: string | null): void;
  /** Also a time of day (incident clocks): YYYY-MM-DDTHH:MM. */
  withTime?: boolean;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-required'?: boolean;
  'aria-label'?: string;
  autoFocus?: boolean;
}

export function DateInput({ value, onChange, withTime = false, ...control }: DateInputProps) {
  const order = useDateOrder();
  const [text, setText] = useState(() => typedDate(value, order));
  const [shownFor, setShownFor] = useState(value);
  const picker = useRef<HTMLInputElement>(null);
  // A value set from outside (a reset, the calendar) replaces the text; the user's own typing is kept as typed.
  if (value !== shownFor) {
    setShownFor(value);
    if ((readTypedDate(text, order, withTime) ?? null) !== (value ?? null)) setText(typedDate(value, order));
  }

  const type = (next: string) => {
    setText(next);
    const read = next.trim() === '' ? null : readTypedDate(next, order, withTime);
    setShownFor(read);
    onChange(read);
  };
  const understood = value && /^\d{4}-\d{2}-\d{2}/.test(value) && !/^\d{4}-/.test(text.trim()) ? `Read as ${formatDate(value)}${ambiguous(text) ? ` (${order === 'dmy' ? 'day' : 'month'} first: Settings → Dates)` : ''}` : null;
  const example = order === 'dmy' ? 'dd/mm/yyyy' : 'mm/dd/yyyy';

  return (
    <span className="date-input">
      <input
        {...control}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={withTime ? `${example} hh:mm` : example}
        value={text}
        onChange={(e) => type(e.target.value)}
        onBlur={() => value && /^\d{4}-\d{2}-\d{2}/.test(value) && setText(typedDate(value, order))}
      />
      <button type="button" className="icon-button date-input__calendar" aria-label="Pick from a calendar" tabIndex={-1} onClick={() => picker.current?.showPicker()}>
        <Icon name="calendar" size={16} />
      </button>
      <input
        ref={picker}
        className="date-input__picker"
        type={withTime ? 'datetime-local' : 'date'}
        tabIndex={-1}
        aria-hidden="true"
        value={value && /^\d{4}-\d{2}-\d{2}/.test(value) ? (withTime ? (value.length > 10 ? value.slice(0, 16) : `${value}T00:00`) : value.slice(0, 10)) : ''}
        onChange={(e) => {
          const picked = withTime && e.target.value.endsWith('T00:00') ? e.target.value.slice(0, 10) : e.target.value;
          setText(typedDate(picked, order));
          setShownFor(picked || null);
          onChange(picked || null);
        }}
      />
      {understood && <span className="date-input__read muted small">{understood}</span>}
    </span>
  );
}
