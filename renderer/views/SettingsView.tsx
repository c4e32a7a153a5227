import { useState } from 'react';
import { formatBytes, formatDateTime } from '../format';
import { useApp } from '../store';
import { applyTheme, readThemeChoice, type ThemeChoice } from '../theme';
import { BackupsCard } from './BackupsCard';
import { CategoriesCard } from './CategoriesCard';
import { PersonCard } from './PersonCard';
import { ScoringSettingsCard } from './ScoringSettingsCard';

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
      <CategoriesCard />
      <ScoringSettingsCard />
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
