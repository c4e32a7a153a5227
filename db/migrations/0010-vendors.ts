import type { Migration } from './index';

// The register's identity (meta), the vendors, and the audit log every write goes through.
// service_type is checked by the contract rather than a CHECK constraint, so new types need no table rebuild.
const migration: Migration = {
  version: 10,
  name: 'vendors',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE vendors (
        id                 INTEGER PRIMARY KEY,
        name               TEXT NOT NULL COLLATE NOCASE UNIQUE,
        legal_name         TEXT,
        lei                TEXT,
        abn                TEXT,
        acn                TEXT,
        other_identifier   TEXT,
        hq_country         TEXT,
        ultimate_parent_id INTEGER REFERENCES vendors (id) ON DELETE RESTRICT,
        service_type       TEXT NOT NULL,
        status             TEXT NOT NULL CHECK (status IN ('proposed', 'under_review', 'active', 'offboarding', 'exited')),
        tier               INTEGER NOT NULL CHECK (tier BETWEEN 1 AND 3),
        owner              TEXT,
        website            TEXT,
        annual_spend       REAL CHECK (annual_spend >= 0),
        spend_currency     TEXT,
        substitutability   TEXT CHECK (substitutability IN ('easy', 'medium', 'difficult', 'not_substitutable')),
        exit_plan          INTEGER NOT NULL DEFAULT 0 CHECK (exit_plan IN (0, 1)),
        last_assessed      TEXT,
        next_review_due    TEXT,
        notes              TEXT,
        version            INTEGER NOT NULL DEFAULT 1,
        created_at         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        CHECK (ultimate_parent_id IS NULL OR ultimate_parent_id <> id)
      ) STRICT;
      CREATE INDEX vendors_parent ON vendors (ultimate_parent_id);
      CREATE INDEX vendors_status ON vendors (status, name);
      CREATE INDEX vendors_next_review ON vendors (next_review_due);

      CREATE TABLE audit_log (
        id          INTEGER PRIMARY KEY,
        at          TEXT NOT NULL,
        actor       TEXT NOT NULL,
        entity      TEXT NOT NULL,
        entity_id   INTEGER,
        action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
        before_json TEXT,
        after_json  TEXT
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
    `);
  },
};

export default migration;
