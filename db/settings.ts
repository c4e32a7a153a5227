// The register's settings table: one text value per key (scoring, scenarios, saved views, date order, people's names).
import type { RegisterDb } from './connection';

export function readSetting(db: RegisterDb, key: string): string | null {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function writeSetting(db: RegisterDb, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
