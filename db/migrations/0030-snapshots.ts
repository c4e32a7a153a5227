import type { Migration } from './index';

// Portfolio snapshots for trends: the headline figures at a moment, taken on demand or once a day after changes.
const migration: Migration = {
  version: 30,
  name: 'snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshots (
        id           INTEGER PRIMARY KEY,
        taken_at     TEXT NOT NULL,
        kind         TEXT NOT NULL CHECK (kind IN ('manual', 'daily')),
        metrics_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX snapshots_taken_at ON snapshots (taken_at);
    `);
  },
};

export default migration;
