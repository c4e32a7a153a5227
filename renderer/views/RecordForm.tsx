import type { ReactNode, Ref } from 'react';

interface RecordFormProps {
  /** The form's accessible name ("Edit branch", "CPS 230 fields of HCC-2021-07"). */
  label: string;
  /** What the submit button says ("Save branch"). */
  saveLabel: string;
  onSave(): Promise<void> | void;
  /** Shows a Cancel button. */
  onCancel?(): void;
  /** Buttons after Save (and Cancel), such as a link to the record's own page. */
  actions?: ReactNode;
  /** The ref a finding uses to put the cursor in its field (useRecordFocus). */
  formRef?: Ref<HTMLFormElement>;
  className?: string;
  children: ReactNode;
}

/** One record's form in the Regulatory view: its fields in the form grid, then Save (and Cancel) beneath them. */
export function RecordForm({ label, saveLabel, onSave, onCancel, actions, formRef, className, children }: RecordFormProps) {
  return (
    <form
      ref={formRef}
      className={className ? `regulatory-form ${className}` : 'regulatory-form'}
      aria-label={label}
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      {children}
      <div className="regulatory-form__actions">
        <button type="submit" className="button">
          {saveLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        {actions}
      </div>
    </form>
  );
}
