import type { Migration } from './index';
import { DEFAULT_CATEGORIES } from '../shared/categories';

// The rest of the register: data categories and holdings, services, fourth-party dependencies, contracts,
// incidents, reviews and settings. Child rows of a vendor are removed with it only through the API, which asks first.
const migration: Migration = {
  version: 20,
  name: 'register',
  up(db) {
    db.exec(`
      ALTER TABLE vendors ADD COLUMN direct INTEGER NOT NULL DEFAULT 1 CHECK (direct IN (0, 1));

      CREATE TABLE data_categories (
        id         INTEGER PRIMARY KEY,
        code       TEXT NOT NULL UNIQUE COLLATE NOCASE,
        label      TEXT NOT NULL,
        weight     REAL NOT NULL CHECK (weight >= 0),
        notifiable INTEGER NOT NULL DEFAULT 0 CHECK (notifiable IN (0, 1)),
        sort_order INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE holdings (
        id              INTEGER PRIMARY KEY,
        vendor_id       INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        category_id     INTEGER NOT NULL REFERENCES data_categories (id) ON DELETE RESTRICT,
        records         INTEGER NOT NULL CHECK (records >= 0),
        storage_country TEXT,
        encrypted       INTEGER NOT NULL DEFAULT 0 CHECK (encrypted IN (0, 1)),
        tokenised       INTEGER NOT NULL DEFAULT 0 CHECK (tokenised IN (0, 1)),
        notes           TEXT
      ) STRICT;
      CREATE UNIQUE INDEX holdings_unique ON holdings (vendor_id, category_id, coalesce(storage_country, ''));
      CREATE INDEX holdings_category ON holdings (category_id);

      CREATE TABLE services (
        id          INTEGER PRIMARY KEY,
        name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
        criticality TEXT NOT NULL CHECK (criticality IN ('critical', 'important', 'other')),
        description TEXT
      ) STRICT;

      CREATE TABLE service_vendors (
        service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
        vendor_id  INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        reliance   TEXT NOT NULL CHECK (reliance IN ('full', 'material', 'low')),
        PRIMARY KEY (service_id, vendor_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX service_vendors_vendor ON service_vendors (vendor_id);

      CREATE TABLE dependencies (
        id          INTEGER PRIMARY KEY,
        vendor_id   INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        supplier_id INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        description TEXT,
        UNIQUE (vendor_id, supplier_id),
        CHECK (vendor_id <> supplier_id)
      ) STRICT;
      CREATE INDEX dependencies_supplier ON dependencies (supplier_id);

      CREATE TABLE contracts (
        id           INTEGER PRIMARY KEY,
        vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        reference    TEXT NOT NULL,
        start_date   TEXT,
        end_date     TEXT,
        notice_days  INTEGER CHECK (notice_days >= 0),
        annual_value REAL CHECK (annual_value >= 0),
        currency     TEXT
      ) STRICT;
      CREATE INDEX contracts_vendor ON contracts (vendor_id);

      CREATE TABLE incidents (
        id               INTEGER PRIMARY KEY,
        vendor_id        INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        title            TEXT NOT NULL,
        kind             TEXT NOT NULL,
        status           TEXT NOT NULL,
        occurred_from    TEXT,
        occurred_to      TEXT,
        vendor_detected  TEXT,
        we_were_told     TEXT,
        contained        TEXT,
        records_affected INTEGER CHECK (records_affected >= 0),
        regulators_json  TEXT NOT NULL DEFAULT '[]',
        source_url       TEXT,
        description      TEXT
      ) STRICT;
      CREATE INDEX incidents_vendor ON incidents (vendor_id, occurred_from);

      CREATE TABLE incident_categories (
        incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
        category_id INTEGER NOT NULL REFERENCES data_categories (id) ON DELETE RESTRICT,
        PRIMARY KEY (incident_id, category_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE reviews (
        id           INTEGER PRIMARY KEY,
        vendor_id    INTEGER NOT NULL REFERENCES vendors (id) ON DELETE RESTRICT,
        review_date  TEXT NOT NULL,
        reviewer     TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('approve', 'approve_with_conditions', 'reject')),
        conditions   TEXT,
        metrics_json TEXT
      ) STRICT;
      CREATE INDEX reviews_vendor ON reviews (vendor_id, review_date);

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO data_categories (code, label, weight, notifiable, sort_order) VALUES (?, ?, ?, ?, ?)');
    DEFAULT_CATEGORIES.forEach((c, i) => insert.run(c.code, c.label, c.weight, c.notifiable ? 1 : 0, i));
  },
};

export default migration;
