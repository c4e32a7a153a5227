import { lazy, Suspense, useEffect, useRef, useState, type ComponentType } from 'react';
import type { AppCommands } from '../db/contract';
import { Icon, type IconName } from './components/Icon';
import { ConfirmDialog } from './components/ConfirmDialog';
import { Notices } from './components/Notices';
import { QuickJump } from './components/QuickJump';
import { useApp } from './store';
import type { ViewId } from './store/ui';
import { RegisterView } from './views/RegisterView';

/** A view that loads when first opened: the first paint carries only the register table, not the charts, the
 * importer, the board, the help pages or the dependency map. */
function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => ({ default: await load() }));
}
const BoardView = lazyView(() => import('./views/BoardView').then((m) => m.BoardView));
const ConcentrationView = lazyView(() => import('./views/ConcentrationView').then((m) => m.ConcentrationView));
const HelpView = lazyView(() => import('./views/HelpView').then((m) => m.HelpView));
const HistoryView = lazyView(() => import('./views/HistoryView').then((m) => m.HistoryView));
const DueSoonView = lazyView(() => import('./views/DueSoonView').then((m) => m.DueSoonView));
const ImportView = lazyView(() => import('./views/ImportView').then((m) => m.ImportView));
const IncidentsView = lazyView(() => import('./views/IncidentsView').then((m) => m.IncidentsView));
const ProcurementView = lazyView(() => import('./views/ProcurementView').then((m) => m.ProcurementView));
const RegulatoryView = lazyView(() => import('./views/RegulatoryView').then((m) => m.RegulatoryView));
const ReviewMemo = lazyView(() => import('./views/ReviewMemo').then((m) => m.ReviewMemo));
const ScenariosView = lazyView(() => import('./views/ScenariosView').then((m) => m.ScenariosView));
const ServicesView = lazyView(() => import('./views/ServicesView').then((m) => m.ServicesView));
const VendorPage = lazyView(() => import('./views/VendorPage').then((m) => m.VendorPage));
const SettingsView = lazyView(() => import('./views/SettingsView').then((m) => m.SettingsView));

const NAVIGATION: { view: ViewId; label: string; icon: IconName }[] = [
  { view: 'register', label: 'Register', icon: 'register' },
  { view: 'services', label: 'Services', icon: 'services' },
  { view: 'incidents', label: 'Incidents', icon: 'incidents' },
  { view: 'due', label: 'Due soon', icon: 'calendar' },
  { view: 'concentration', label: 'Concentration', icon: 'concentration' },
  { view: 'scenarios', label: 'Scenarios', icon: 'scenario' },
  { view: 'procurement', label: 'Procurement review', icon: 'procurement' },
  { view: 'board', label: 'Board', icon: 'board' },
  { view: 'history', label: 'History', icon: 'history' },
  { view: 'regulatory', label: 'Regulatory', icon: 'shield' },
  { view: 'import', label: 'Import', icon: 'upload' },
  { view: 'settings', label: 'Settings', icon: 'settings' },
  { view: 'help', label: 'Help', icon: 'help' },
];

/** The vendor page belongs to the Register section. */
const sectionOf = (view: ViewId): ViewId => (view === 'vendor' ? 'register' : view === 'memo' ? 'procurement' : view);

/** Asked before leaving a form with edits that are not saved. */
export const DISCARD_QUESTION = { title: 'Unsaved changes', message: 'You have unsaved changes. Leave without saving them?', confirmLabel: 'Leave without saving', danger: true };

export function App({ commands }: { commands: AppCommands | null }) {
  const register = useApp((s) => s.register);
  const epoch = useApp((s) => s.epoch);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const unsaved = useApp((s) => s.unsavedChanges);
  const loadRegister = useApp((s) => s.loadRegister);
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);

  useEffect(() => {
    void loadRegister();
  }, [loadRegister]);

  useEffect(() => {
    void commands?.setUnsavedChanges(unsaved);
  }, [commands, unsaved]);

  useEffect(() => {
    document.title = register ? `${register.name} — Vendor Risk Register` : 'Vendor Risk Register';
  }, [register]);

  // The full integrity check runs in the background after a register opens: its findings are fetched shortly after,
  // and again on every change of view.
  useEffect(() => {
    if (!register?.id) return;
    const timer = setTimeout(() => void refreshRegisterInfo(), 3000);
    return () => clearTimeout(timer);
  }, [register?.id, refreshRegisterInfo]);
  useEffect(() => {
    void refreshRegisterInfo();
  }, [view, refreshRegisterInfo]);

  const confirm = useApp((s) => s.confirm);
  const go = async (next: ViewId) => {
    if (next !== view && (!unsaved || (await confirm(DISCARD_QUESTION)))) setView(next);
  };
  const [jumping, setJumping] = useState(false);

  // Keyboard: Ctrl/Cmd+K jumps to any view or vendor; Ctrl/Cmd+S saves the form being edited.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'k') {
        event.preventDefault();
        setJumping(true);
      } else if (key === 's') {
        event.preventDefault();
        const focused = document.activeElement instanceof HTMLElement ? document.activeElement.closest('form') : null;
        const form = focused ?? [...document.querySelectorAll('main form')].find((f) => f.querySelector('button[type="submit"]:not([disabled])'));
        if (form instanceof HTMLFormElement) form.requestSubmit();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  // On moving to another view, focus goes to its heading, so a screen reader or the keyboard starts there.
  const shownView = useRef(view);
  useEffect(() => {
    if (view === shownView.current) return;
    shownView.current = view;
    // A view shows its heading once its data has come (and may draw it again as more arrives): until the user acts,
    // the heading takes the focus whenever the focus is not in the page.
    const main = document.querySelector('main');
    const focusHeading = () => {
      const heading = document.querySelector<HTMLElement>('main h2');
      if (heading && !main?.contains(document.activeElement)) {
        heading.tabIndex = -1;
        heading.focus();
      }
    };
    const observer = new MutationObserver(focusHeading);
    const frame = requestAnimationFrame(() => {
      focusHeading();
      if (main) observer.observe(main, { childList: true, subtree: true });
    });
    const stop = () => observer.disconnect();
    const giveUp = setTimeout(stop, 10_000);
    document.addEventListener('pointerdown', stop, { once: true });
    document.addEventListener('keydown', stop, { once: true });
    return () => {
      cancelAnimationFrame(frame);
      stop();
      clearTimeout(giveUp);
      document.removeEventListener('pointerdown', stop);
      document.removeEventListener('keydown', stop);
    };
  }, [view]);
  const sample = register?.sample ?? false;

  return (
    <div className="app">
      <a className="skip-link" href="#content">
        Skip to content
      </a>
      <nav className="sidebar no-print" aria-label="Sections">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true">
            <Icon name="shield" size={20} />
          </span>
          <span className="brand__name">Vendor Risk Register</span>
        </div>
        <ul className="nav">
          {NAVIGATION.map((item) => (
            <li key={item.view}>
              <button
                type="button"
                className="nav__item"
                aria-current={item.view === sectionOf(view) ? 'page' : undefined}
                onClick={() => void go(item.view)}
              >
                <Icon name={item.icon} />
                <span>{item.label}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="main">
        <header className="topbar no-print">
          <div className="topbar__register" data-testid="register-identity">
            <h1 className="topbar__name">
              {register?.name ?? 'Opening register…'}
              {sample && <span className="tag tag--sample">sample data</span>}
            </h1>
            {register && (
              <p className="topbar__path" title={register.path}>
                {register.path}
              </p>
            )}
          </div>
          {commands && (
            <div className="topbar__actions">
              <button type="button" className="button button--ghost" onClick={() => void commands.newRegister()}>
                <Icon name="file" size={16} /> New…
              </button>
              <button type="button" className="button button--ghost" onClick={() => void commands.openRegister()}>
                <Icon name="folder" size={16} /> Open…
              </button>
              <button type="button" className="button button--ghost" onClick={() => void commands.saveCopy()}>
                <Icon name="copy" size={16} /> Save a copy…
              </button>
            </div>
          )}
        </header>
        {register && register.notices.length > 0 && (
          <div className="register-notices no-print" role="alert">
            {register.notices.map((notice) => (
              <p key={notice}>{notice}</p>
            ))}
          </div>
        )}
        {/* Keyed by epoch: opening another register remounts every view, so no state of the old one survives. */}
        <main className="content" key={epoch} id="content" tabIndex={-1}>
          <Suspense fallback={<p className="page muted" role="status">Loading…</p>}>
            {register && view === 'register' && <RegisterView commands={commands} />}
            {register && view === 'vendor' && <VendorPage />}
            {register && view === 'services' && <ServicesView />}
            {register && view === 'incidents' && <IncidentsView />}
            {register && view === 'due' && <DueSoonView />}
            {register && view === 'settings' && <SettingsView />}
            {register && view === 'concentration' && <ConcentrationView />}
            {register && view === 'scenarios' && <ScenariosView commands={commands} />}
            {register && view === 'procurement' && <ProcurementView />}
            {register && view === 'memo' && <ReviewMemo commands={commands} />}
            {register && view === 'board' && <BoardView commands={commands} />}
            {register && view === 'import' && <ImportView />}
            {register && view === 'help' && <HelpView />}
            {register && view === 'history' && <HistoryView />}
            {register && view === 'regulatory' && <RegulatoryView />}
          </Suspense>
        </main>
      </div>
      <Notices />
      {jumping && <QuickJump views={NAVIGATION} onGo={(next) => void go(next)} onClose={() => setJumping(false)} />}
      <ConfirmDialog />
    </div>
  );
}
