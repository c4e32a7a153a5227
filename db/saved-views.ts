// Saved register views (filters, sort, columns), kept in the register's settings as one JSON list.
import { savedView, type SavedView } from './contract';
import type { RegisterDb } from './connection';
import { readSetting, writeSetting } from './settings';

const KEY = 'saved_views';

export function listViews(db: RegisterDb): SavedView[] {
  const text = readSetting(db, KEY);
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
  writeSetting(db, KEY, JSON.stringify(sorted));
  return sorted;
}

export function saveView(db: RegisterDb, view: SavedView): SavedView[] {
  return db.transaction(() => writeViews(db, [...listViews(db).filter((v) => v.name !== view.name), view]))();
}

export function deleteView(db: RegisterDb, name: string): SavedView[] {
  return db.transaction(() => writeViews(db, listViews(db).filter((v) => v.name !== name)))();
}
