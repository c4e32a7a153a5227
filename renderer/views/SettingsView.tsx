import { useState } from 'react';
import { formatBytes, formatDate, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useDateOrder } from '../components/DateInput';
import { applyTheme, readThemeChoice, type ThemeChoice } from '../theme';
import { BackupsCard } from './BackupsCard';
import { CategoriesCard } from './CategoriesCard';
import { PersonCard } from './PersonCard';
import { ScenarioSettingsCard } from './ScenarioSettingsCard';
import { ScoringSettingsCard } from './ScoringSettingsCard';

/** How dates are typed in this register (ISO is always understood); kept in the register, so a team types alike. */
function DatesCard() {
  const api = useApi();
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);
  const notify = useApp((s) => s.notify);
  const order = useDateOrder();
  const choose = async (next: 'dmy' | 'mdy') => {
    try {
      await api.settings.updateDateOrder({ order: next });
      await refreshRegisterInfo();
    } catch (error) {
      notify(messageOf(error));
    }
  };
  return (
    <div className="card">
      <h3>Dates</h3>
      <p className="muted small">How dates are typed in this register. 2025-06-30 and {formatDate('2025-06-30')} are always understood; every date is shown as {formatDate('2025-06-30')}.</p>
      <div className="segmented" role="radiogroup" aria-label="Date order">
        {(['dmy', 'mdy'] as const).map((choice) => (
          <label key={choice} className={order === choice ? 'is-active' : undefined}>
            <input type="radio" name="date-order" value={choice} checked={order === choice} onChange={() => void choose(choice)} />
            {choice === 'dmy' ? 'Day first: 30/06/2025' : 'Month first: 06/30/2025'}
          </label>
        ))}
      </div>
    </div>
  );
}

export function SettingsView() {
  const register = useApp((s) => s.register);
  const [theme, setTheme] = useState<ThemeChoice>(readThemeChoice);
  if (!register) return null;

  const chooseTheme = (choice: ThemeChoice) => {
    setTheme(choice);
    applyTheme(choice);
  };

  return (
    <section className="page page--medium">
      <header className="page__header">
        <h2>Settings</h2>
      </header>
      <div className="card">
        <h3>This register</h3>
        <dl className="facts">
          <dt>Name</dt>
          <dd>{register.name}</dd>
          <dt>File</dt>
          <dd className="mono">{register.path}</dd>
          <dt>Size</dt>
          <dd>{formatBytes(register.sizeBytes)}</dd>
          <dt>Vendors</dt>
          <dd>{register.vendorCount.toLocaleString()}</dd>
          <dt>Created</dt>
          <dd>{register.createdAt ? formatDateTime(register.createdAt) : '—'}</dd>
          <dt>Register format</dt>
          <dd>{register.schemaVersion}</dd>
          <dt>Register id</dt>
          <dd className="mono">{register.id}</dd>
        </dl>
      </div>
      <PersonCard />
      <DatesCard />
      <CategoriesCard />
      <ScoringSettingsCard />
      <ScenarioSettingsCard />
      <BackupsCard />
      <div className="card">
        <h3>Appearance</h3>
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(['system', 'light', 'dark'] as const).map((choice) => (
            <label key={choice} className={theme === choice ? 'is-active' : undefined}>
              <input type="radio" name="theme" value={choice} checked={theme === choice} onChange={() => chooseTheme(choice)} />
              {choice === 'system' ? 'Follow the system' : choice === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </div>
      </div>
    </section>
  );
}
