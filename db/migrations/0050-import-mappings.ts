import type { Migration } from './index';

// Column mappings saved from the import screen, to reuse with the next file of the same shape.
const migration: Migration = {
  version: 50,
  name: 'import-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE import_mappings (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        entity       TEXT NOT NULL CHECK (entity IN ('vendors', 'holdings', 'services', 'incidents')),
        columns_json TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        UNIQUE (entity, name COLLATE NOCASE)
      ) STRICT;
    `);
  },
};

export default migration;
