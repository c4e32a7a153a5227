// SQLite's full integrity check, table by table, so the register process keeps answering between tables. It finds
// what the quick check on opening cannot: index entries that do not match their rows (a unique index missing a name).
import type { RegisterDb } from './connection';

function quotedIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The problems SQLite's integrity_check reports (empty when the register is intact). `pause` runs between tables. */
export async function findDamage(db: RegisterDb, pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve))): Promise<string[]> {
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const problems: string[] = [];
  for (const table of tables) {
    if (!db.open) return problems;
    const rows = db.prepare(`PRAGMA integrity_check(${quotedIdentifier(table)})`).pluck().all() as string[];
    problems.push(...rows.filter((row) => row !== 'ok'));
    await pause();
  }
  return problems;
}
