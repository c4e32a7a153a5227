import { useEffect, useState, type KeyboardEvent } from 'react';
import type { VendorRow } from '../../db/contract';
import { useApi, useApp } from '../store';
import type { ViewId } from '../store/ui';
import { useDialogFocus } from './useDialogFocus';

type Target = { kind: 'view'; view: ViewId; label: string } | { kind: 'vendor'; id: number; label: string };

/** Ctrl/Cmd+K: jump to any view or vendor by typing part of its name. */
export function QuickJump({ views, onGo, onClose }: { views: { view: ViewId; label: string }[]; onGo(view: ViewId): void; onClose(): void }) {
  const api = useApi();
  const openVendor = useApp((s) => s.openVendor);
  const dialog = useDialogFocus<HTMLDivElement>(onClose);
  const [text, setText] = useState('');
  const [vendors, setVendors] = useState<VendorRow[]>([]);
  const [active, setActive] = useState(0);
  const typed = text.trim().toLowerCase();

  useEffect(() => {
    if (!typed) return;
    let current = true;
    const timer = setTimeout(() => {
      api.vendors
        .list({ search: typed, limit: 8 })
        .then((page) => current && setVendors(page.rows))
        .catch(() => current && setVendors([]));
    }, 100);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, typed]);

  const targets: Target[] = [
    ...views.filter((v) => !typed || v.label.toLowerCase().includes(typed)).map((v): Target => ({ kind: 'view', view: v.view, label: v.label })),
    ...(typed ? vendors : []).map((v): Target => ({ kind: 'vendor', id: v.id, label: v.name })),
  ];
  const current = Math.min(active, targets.length - 1);

  const go = (target: Target) => {
    onClose();
    if (target.kind === 'view') onGo(target.view);
    else openVendor(target.id);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (targets.length) setActive((current + (event.key === 'ArrowDown' ? 1 : targets.length - 1)) % targets.length);
    } else if (event.key === 'Enter' && targets[current]) {
      event.preventDefault();
      go(targets[current]);
    }
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div ref={dialog} className="quick-jump" role="dialog" aria-modal="true" aria-label="Go to a view or vendor">
        <input
          type="search"
          role="combobox"
          aria-expanded={targets.length > 0}
          aria-controls="quick-jump-list"
          aria-activedescendant={targets.length ? `quick-jump-${current}` : undefined}
          aria-label="Go to a view or vendor"
          placeholder="Type a view or a vendor’s name…"
          value={text}
          autoFocus
          onChange={(e) => {
            setText(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="quick-jump-list" role="listbox" className="quick-jump__list">
          {targets.map((target, index) => (
            <li
              key={target.kind === 'view' ? `view:${target.view}` : `vendor:${target.id}`}
              id={`quick-jump-${index}`}
              role="option"
              aria-selected={index === current}
              className={index === current ? 'is-active' : undefined}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => go(target)}
            >
              <span>{target.label}</span>
              <span className="muted small">{target.kind === 'view' ? 'view' : 'vendor'}</span>
            </li>
          ))}
          {typed && targets.length === 0 && (
            <li role="none" className="muted">
              Nothing matches “{text.trim()}”.
            </li>
          )}
        </ul>
        <p className="muted small quick-jump__hint">↑ ↓ to choose · Enter to go · Esc to close</p>
      </div>
    </div>
  );
}
