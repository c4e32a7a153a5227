import { useEffect } from 'react';
import { useApp } from '../store';
import { Icon } from './Icon';

/** The app's error surface: failed calls and confirmations, bottom right, until dismissed (successes fade out). */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);

  useEffect(() => {
    const timers = notices.filter((n) => n.tone === 'success').map((n) => setTimeout(() => dismiss(n.id), 4000));
    return () => timers.forEach(clearTimeout);
  }, [notices, dismiss]);

  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice--${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <p>{notice.message}</p>
          <button type="button" className="icon-button" onClick={() => dismiss(notice.id)} aria-label="Dismiss">
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
