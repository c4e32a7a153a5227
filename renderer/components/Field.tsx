import { useEffect, useId, useRef, type ReactElement } from 'react';
import { cloneElement } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
  wide?: boolean;
  /** The control; it receives the id, aria-invalid and aria-describedby. */
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled form control with its validation message beneath it. */
export function Field({ label, error, hint, required, wide, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className={`field${wide ? ' field--wide' : ''}${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="field__required" aria-hidden="true"> *</span>}
      </label>
      {cloneElement(children, {
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': error || hint ? messageId : undefined,
        'aria-required': required || undefined,
      })}
      {error ? (
        <p className="field__error" id={messageId} role="alert">
          {error}
        </p>
      ) : hint ? (
        <p className="field__hint" id={messageId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** After a refused save, the first field in error takes the focus and scrolls into view (its message is beside it). */
export function useRevealFirstError<T extends HTMLElement>(errors: Record<string, string>) {
  const form = useRef<T>(null);
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
    invalid?.scrollIntoView({ block: 'center' });
  }, [errors]);
  return form;
}
