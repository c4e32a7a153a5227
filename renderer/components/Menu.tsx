// Menus and filter pop-ups: open from a button, move with the arrow keys, close on Escape (focus back on the button),
// on Tab, and on a click outside.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

function usePopup() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    // Capturing, so that an Escape meant for the pop-up does not also close the drawer or dialog around it.
    const escape = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape, true);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape, true);
    };
  }, [open]);
  return { open, setOpen, button, panel };
}

/** Moves the focus among the pop-up's items with the arrow keys, Home and End; Tab closes it. */
function moveFocus(event: KeyboardEvent, panel: HTMLElement | null, selector: string, close: () => void): void {
  if (event.key === 'Tab') return close();
  const items = [...(panel?.querySelectorAll<HTMLElement>(selector) ?? [])].filter((e) => !(e as HTMLButtonElement).disabled);
  if (items.length === 0) return;
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = { ArrowDown: at + 1, ArrowUp: at <= 0 ? items.length - 1 : at - 1, Home: 0, End: items.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  items[next % items.length]!.focus();
}

export interface MenuItem {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  testId?: string;
}

/** A button that opens a list of actions (role menu). */
export function Menu({ label, items, align = 'right', busy }: { label: ReactNode; items: MenuItem[]; align?: 'left' | 'right'; busy?: boolean }) {
  const { open, setOpen, button, panel } = usePopup();
  const id = useId();
  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [open, panel]);
  const choose = (item: MenuItem) => {
    setOpen(false);
    button.current?.focus();
    item.onSelect();
  };
  return (
    <div className="menu">
      <button
        type="button"
        className="button menu__button"
        ref={button}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        disabled={busy}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        {label}
        <span className="menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className={`menu__panel menu__panel--${align}`} role="menu" id={id} ref={panel} onKeyDown={(e) => moveFocus(e, panel.current, '[role="menuitem"]', () => setOpen(false))}>
          {items.map((item) => (
            <button key={item.label} type="button" role="menuitem" className="menu__item" disabled={item.disabled} onClick={() => choose(item)} data-testid={item.testId}>
              {item.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export interface FilterOption<T> {
  value: T;
  label: string;
}

/**
 * A filter as a button ("Status: Active, Proposed") that opens its choices: check boxes (any of them matches), or radio
 * buttons when `single`; long lists get a box to narrow them.
 */
export function FilterMenu<T extends string | number | boolean>({
  label,
  value,
  options,
  onChange,
  single = false,
  summary: givenSummary,
}: {
  label: string;
  value: T[];
  options: FilterOption<T>[];
  onChange(next: T[]): void;
  single?: boolean;
  /** What the button says is chosen, when "All" for none does not fit (a column chooser). */
  summary?: string;
}) {
  const { open, setOpen, button, panel } = usePopup();
  const [text, setText] = useState('');
  const id = useId();
  const searchable = options.length > 12;
  const shown = text ? options.filter((o) => o.label.toLowerCase().includes(text.toLowerCase())) : options;
  const chosen = options.filter((o) => value.includes(o.value));
  const summary = givenSummary ?? (chosen.length === 0 ? 'All' : chosen.length <= 2 ? chosen.map((o) => o.label).join(', ') : `${chosen.length} chosen`);

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('input')?.focus();
  }, [open, panel]);

  const toggle = (option: T) => {
    if (single) onChange(value.includes(option) ? [] : [option]);
    else onChange(value.includes(option) ? value.filter((v) => v !== option) : [...value, option]);
  };

  return (
    <div className="menu filter-menu">
      <button
        type="button"
        className={`button filter-menu__button${chosen.length ? ' is-filtering' : ''}`}
        ref={button}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? id : undefined}
        onClick={() => {
          setText('');
          setOpen(!open);
        }}
        title={chosen.length > 2 ? chosen.map((o) => o.label).join(', ') : undefined}
      >
        <span className="filter-menu__label">{label}:</span> <span className="filter-menu__value">{summary}</span>
        <span className="menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="menu__panel menu__panel--left filter-menu__panel" role="dialog" aria-label={`Filter by ${label.toLowerCase()}`} id={id} ref={panel} onKeyDown={(e) => moveFocus(e, panel.current, 'input', () => setOpen(false))}>
          {searchable && <input type="search" className="filter-menu__search" placeholder="Type to narrow" aria-label={`Narrow the ${label.toLowerCase()} choices`} value={text} onChange={(e) => setText(e.target.value)} />}
          <div className="filter-menu__options" role="group" aria-label={label}>
            {shown.length === 0 && <p className="muted small">No match</p>}
            {shown.map((option) => (
              <label key={String(option.value)} className="filter-menu__option">
                <input type={single ? 'radio' : 'checkbox'} name={single ? id : undefined} checked={value.includes(option.value)} onChange={() => toggle(option.value)} />
                {option.label}
              </label>
            ))}
          </div>
          {chosen.length > 0 && (
            <button type="button" className="button button--small button--ghost" onClick={() => onChange([])}>
              Clear {label.toLowerCase()}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
