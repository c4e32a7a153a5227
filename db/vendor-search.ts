// The register search's index: an FTS5 trigram index of each vendor's own text (name, legal name, owner, LEI, notes),
// so a search of three or more characters reads the vendors that contain it instead of testing five LIKEs on every
// vendor (at 100,000 vendors: 2.5 ms instead of 60). It lives in memory beside the register, for this connection only,
// built on the first search and kept by TEMP triggers: the register file never holds a virtual table, which would turn
// SQLite's integrity checks into partial ones (tests/db/integrity-files.test.ts).
import type { RegisterDb } from './connection';

const COLUMNS = ['name', 'legal_name', 'owner', 'lei', 'notes'] as const;
const NEW_VALUES = COLUMNS.map((c) => `NEW.${c}`).join(', ');
const ready = new WeakSet<RegisterDb>();

/** Whether `search` can be looked up in the index (built on the first such search): three characters or more, which
 * a trigram index needs, and not inside a transaction, where ATTACH is refused. */
export function searchIndexFor(db: RegisterDb, search: string): boolean {
  if ([...search].length < 3) return false;
  if (ready.has(db)) return true;
  if (db.inTransaction) return false;
  db.exec(`
    ATTACH ':memory:' AS search_cache;
    CREATE VIRTUAL TABLE search_cache.vendor_text USING fts5(${COLUMNS.join(', ')}, content = '', contentless_delete = 1, tokenize = 'trigram');
    INSERT INTO search_cache.vendor_text (rowid, ${COLUMNS.join(', ')}) SELECT id, ${COLUMNS.join(', ')} FROM main.vendors;
    CREATE TEMP TRIGGER vendor_text_insert AFTER INSERT ON main.vendors BEGIN
      INSERT INTO search_cache.vendor_text (rowid, ${COLUMNS.join(', ')}) VALUES (NEW.id, ${NEW_VALUES});
    END;
    CREATE TEMP TRIGGER vendor_text_delete AFTER DELETE ON main.vendors BEGIN
      DELETE FROM search_cache.vendor_text WHERE rowid = OLD.id;
    END;
    CREATE TEMP TRIGGER vendor_text_update AFTER UPDATE OF ${COLUMNS.join(', ')} ON main.vendors BEGIN
      DELETE FROM search_cache.vendor_text WHERE rowid = OLD.id;
      INSERT INTO search_cache.vendor_text (rowid, ${COLUMNS.join(', ')}) VALUES (NEW.id, ${NEW_VALUES});
    END;
  `);
  ready.add(db);
  return true;
}

/** The ids of the vendors whose own text contains the search (any case), as SQL over :phrase. */
export const SEARCH_INDEX_MATCH = 'v.id IN (SELECT rowid FROM search_cache.vendor_text WHERE vendor_text MATCH :phrase)';

/** The search as an FTS5 phrase: the typed text, quotes doubled. */
export const searchPhrase = (search: string) => `"${search.replace(/"/g, '""')}"`;
