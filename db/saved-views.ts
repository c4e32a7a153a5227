// Saved register views (filters, sort, columns), kept in the register's settings as one JSON list.
import { savedView, type SavedView } from './contract';
import type { RegisterDb } from './connection';

const KEY = 'saved_views';

export function listViews(db: RegisterDb): SavedView[] {
  const text = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (!text) return [];
  // A view a later version wrote, or one edited by hand, is left out rather than breaking the list.
  const stored: unknown[] = JSON.parse(text) as unknown[];
  return stored.flatMap((view) => {
    const parsed = savedView.safeParse(view);
    return parsed.success ? [parsed.data] : [];
  });
}

function writeViews(db: RegisterDb, views: SavedView[]): SavedView[] {
  const sorted = [...views].sort((a, b) => a.name.localeCompare(b.name));
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(sorted));
  return sorted;
}

export function saveView(db: RegisterDb, view: SavedView): SavedView[] {
  return db.transaction(() => writeViews(db, [...listViews(db).filter((v) => v.name !== view.name), view]))();
}

export function deleteView(db: RegisterDb, name: string): SavedView[] {
  return db.transaction(() => writeViews(db, listViews(db).filter((v) => v.name !== name)))();
}
