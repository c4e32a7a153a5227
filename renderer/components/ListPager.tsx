// One page of a long list (a provider's dependents, a vendor's supply chain): where the page sits, the way to the
// next, and a search within the list. The list itself shows one page, so its size is bounded however long the list.
import { useEffect, useState } from 'react';

export interface PageState {
  offset: number;
  search: string;
}

/** "1–100 of 50,000" with Previous and Next; nothing when everything fits on one page. */
export function ListPager({ label, page, pageSize, total, onPage }: { label: string; page: PageState; pageSize: number; total: number; onPage(next: PageState): void }) {
  if (total <= pageSize && page.offset === 0) return null;
  const last = Math.min(page.offset + pageSize, total);
  return (
    <nav className="pager" aria-label={`Pages of ${label}`}>
      <span className="muted small" aria-live="polite">
        {total === 0 ? 'None' : `${(page.offset + 1).toLocaleString('en')}–${last.toLocaleString('en')}`} of {total.toLocaleString('en')}
      </span>
      <button type="button" className="button button--ghost button--small" disabled={page.offset === 0} onClick={() => onPage({ ...page, offset: Math.max(0, page.offset - pageSize) })}>
        Previous
      </button>
      <button type="button" className="button button--ghost button--small" disabled={last >= total} onClick={() => onPage({ ...page, offset: page.offset + pageSize })}>
        Next
      </button>
    </nav>
  );
}

/** A search within a long list (shown once the list runs past a page); typing settles for a moment before it asks. */
export function ListSearch({ label, page, pageSize, total, onPage }: { label: string; page: PageState; pageSize: number; total: number; onPage(next: PageState): void }) {
  const [text, setText] = useState(page.search);
  useEffect(() => {
    if (text.trim() === page.search) return;
    const timer = setTimeout(() => onPage({ offset: 0, search: text.trim() }), 200);
    return () => clearTimeout(timer);
  }, [text, page.search, onPage]);
  if (total <= pageSize && !page.search && !text) return null;
  return <input type="search" className="list-search" aria-label={`Find in ${label}`} placeholder="Find by name" value={text} onChange={(e) => setText(e.target.value)} />;
}
