import { useApp } from '../store';
import type { Confirmation } from '../store/ui';
import { useDialogFocus } from './useDialogFocus';

function Dialog({ confirmation }: { confirmation: Confirmation }) {
  const answer = useApp((s) => s.answerConfirmation);
  const dialog = useDialogFocus<HTMLDivElement>(() => answer(false));
  const titleId = `confirm-title-${confirmation.id}`;
  const messageId = `confirm-message-${confirmation.id}`;
  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="confirm-dialog" role="alertdialog" aria-modal="true" aria-labelledby={titleId} aria-describedby={messageId}>
        <h3 id={titleId}>{confirmation.title}</h3>
        <p id={messageId}>{confirmation.message}</p>
        <div className="form-footer">
          <span className="spacer" />
          {/* A destructive action starts on Cancel, so Enter never destroys by accident. */}
          <button type="button" className="button" autoFocus={confirmation.danger} onClick={() => answer(false)}>
            Cancel
          </button>
          <button type="button" className={`button ${confirmation.danger ? 'button--danger' : 'button--primary'}`} autoFocus={!confirmation.danger} onClick={() => answer(true)}>
            {confirmation.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}

/** The app's own confirmation dialog (no browser dialogs): Escape or Cancel says no. */
export function ConfirmDialog() {
  const confirmation = useApp((s) => s.confirmation);
  return confirmation ? <Dialog key={confirmation.id} confirmation={confirmation} /> : null;
}
