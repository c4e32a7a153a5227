import { useEffect, useRef } from 'react';
import { useApp } from '../store';
import { Icon } from './Icon';

/** How long a success stays: long enough to read it, and to reach its Undo button. */
const SUCCESS_MS = 6000;
const UNDO_MS = 20_000;

const typing = (element: Element | null) => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement || (element as HTMLElement | null)?.isContentEditable;

/**
 * The app's error surface: failed calls and confirmations, bottom right, until dismissed (successes fade out). A
 * change that can be undone offers Undo here, also on Ctrl/Cmd+Z while no text field has the focus.
 */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  const undoChange = useApp((s) => s.undoChange);

  // Each success fades on its own clock, started when it appears (a newer notice does not restart the older ones').
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const running = timers.current;
    for (const n of notices) {
      if (n.tone === 'success' && !running.has(n.id)) running.set(n.id, setTimeout(() => dismiss(n.id), n.undo ? UNDO_MS : SUCCESS_MS));
    }
    for (const [id, timer] of running) {
      if (!notices.some((n) => n.id === id)) {
        clearTimeout(timer);
        running.delete(id);
      }
    }
  }, [notices, dismiss]);
  useEffect(() => {
    const running = timers.current;
    return () => running.forEach(clearTimeout);
  }, []);

  const undoable = notices.findLast((n) => n.undo);
  useEffect(() => {
    if (!undoable?.undo) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || typing(document.activeElement)) return;
      event.preventDefault();
      void undoChange(undoable.id, undoable.undo!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undoable, undoChange]);

  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.message}</p>
          {notice.undo && (
            <button type="button" className="button button--small" onClick={() => void undoChange(notice.id, notice.undo!)} data-testid="undo">
              Undo
            </button>
          )}
          <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label="Dismiss">
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
