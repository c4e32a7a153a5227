// Opening a finding's record: the Regulatory view's cards open the record a finding points at and put the cursor in
// its field, so the user fixes it where it is said.
import { useCallback, useState } from 'react';
import type { RoiTarget } from '../../db/contract';

/** A finding's request to open a record; a new object for every click, so the same record can be asked for again. */
export interface RecordFocus {
  target: RoiTarget;
  field: string;
}

/**
 * Focuses the control whose label begins with the field's name, else the first control of the group (fieldset) whose
 * legend does (a list of checkboxes such as "Branches using it"), else the form's first control; scrolled into view.
 */
export function focusField(form: HTMLElement, field: string): void {
  const wanted = field.toLowerCase();
  const named = (element: Element) => {
    const text = (element.textContent ?? '').replace(/\s*\*$/, '').trim().toLowerCase();
    return text !== '' && (text.startsWith(wanted) || wanted.startsWith(text));
  };
  const label = [...form.querySelectorAll('label')].find(named);
  const group = label ? undefined : [...form.querySelectorAll('legend')].find(named)?.parentElement;
  const control = (label?.htmlFor ? document.getElementById(label.htmlFor) : label?.querySelector('input, select')) ?? group?.querySelector('input, select, textarea') ?? form.querySelector('input, select, textarea');
  form.scrollIntoView?.({ block: 'center' });
  (control as HTMLElement | null)?.focus();
}

/**
 * Opens this card's record when a finding asks for one of its kind (state adjusted while rendering, as React advises for
 * a changed prop), and returns the ref for the card's form, which puts the cursor in the finding's field once it shows.
 */
export function useRecordFocus(focus: RecordFocus | null, kind: RoiTarget['kind'], open: (id: number) => void) {
  const [seen, setSeen] = useState(focus);
  const mine = focus?.target.kind === kind ? focus : null;
  if (focus !== seen) {
    setSeen(focus);
    if (mine) open(mine.target.id);
  }
  return useCallback(
    (form: HTMLFormElement | null) => {
      if (form && mine) focusField(form, mine.field);
    },
    [mine],
  );
}
