import { useEffect, useId, useRef, useState } from 'react';
import type { HeadlineHelp } from '../../db/shared/headline';

/** A "?" beside a figure that opens what it is, its formula with this register's inputs, how to read it and the threshold in force. */
export function HelpPopover({ title, help }: { title: string; help: HeadlineHelp }) {
  const [open, setOpen] = useState(false);
  const [side, setSide] = useState<'left' | 'right'>('right');
  const id = useId();
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent | MouseEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', close);
    document.addEventListener('mousedown', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('mousedown', close);
    };
  }, [open]);
  return (
    <span className="help" ref={box}>
      <button type="button" className="help__button no-print" aria-label={`About “${title}”`} aria-expanded={open} aria-controls={id} onClick={(event) => {
          // Open towards the wider side of the window, so the popover is never cut off.
          setSide(event.currentTarget.getBoundingClientRect().left < window.innerWidth / 2 ? 'left' : 'right');
          setOpen(!open);
        }}>
        ?
      </button>
      {open && (
        <span className={`help__popover help__popover--${side}`} role="dialog" aria-label={`About “${title}”`} id={id}>
          <strong className="help__title">{title}</strong>
          <span className="help__term">What it is</span>
          <span>{help.what}</span>
          <span className="help__term">Formula, with this register’s figures</span>
          <span>{help.formula}</span>
          <span className="help__term">How to read it</span>
          <span>{help.reading}</span>
          <span className="help__term">Threshold in force</span>
          <span>{help.threshold}</span>
        </span>
      )}
    </span>
  );
}
