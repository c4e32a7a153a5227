import { useApp } from '../store';
import type { ViewId } from '../store/ui';

const SECTIONS: Partial<Record<ViewId, { title: string; purpose: string }>> = {
  board: {
    title: 'Board',
    purpose: 'The register’s risk on one page for the board, with changes since the last snapshot, and a printable board pack.',
  },
};

/** The sections whose figures need data the register does not record yet explain what they will show. */
export function SectionIntro({ view }: { view: ViewId }) {
  const section = SECTIONS[view];
  const vendorCount = useApp((s) => s.register?.vendorCount ?? 0);
  if (!section) return null;
  return (
    <section className="page">
      <header className="page__header">
        <h2>{section.title}</h2>
      </header>
      <div className="empty-state">
        <p className="empty-state__title">Not available in this version yet</p>
        <p>{section.purpose}</p>
        <p className="muted">
          It will be computed from this register’s {vendorCount.toLocaleString()} vendor{vendorCount === 1 ? '' : 's'} and the data
          holdings, services, fourth parties and incidents recorded against them.
        </p>
      </div>
    </section>
  );
}
