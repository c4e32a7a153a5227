// Light and dark themes follow the operating system unless the user picks one (kept per computer, not per register).
export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'vrr.theme';

export function readThemeChoice(): ThemeChoice {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function applyTheme(choice: ThemeChoice = readThemeChoice()): void {
  if (choice === 'system') {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(KEY);
  } else {
    document.documentElement.dataset.theme = choice;
    localStorage.setItem(KEY, choice);
  }
}
