import type { Migration } from './index';
import { DEFAULT_SCENARIO_SETTINGS } from '../shared/scenario-settings';

// Breach and outage scenarios (docs/scenarios.md): each service's maximum tolerable outage (the CPS 230 tolerance
// level, in hours), saved scenarios (tabletop exercises) with the figures they were taken on, and the register's
// notification rules and breach-cost figures, each with its source (db/shared/scenario-settings.ts). The register
// operates, to begin with, in the home country of its scoring settings.
const migration: Migration = {
  version: 80,
  name: 'scenarios',
  up(db) {
    db.exec(`
      ALTER TABLE services ADD COLUMN max_outage_hours REAL CHECK (max_outage_hours IS NULL OR max_outage_hours > 0);

      CREATE TABLE scenarios (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        target_name  TEXT NOT NULL,
        input_json   TEXT NOT NULL,
        assumptions  TEXT,
        notes        TEXT,
        figures_json TEXT NOT NULL,
        result_json  TEXT NOT NULL,
        saved_at     TEXT NOT NULL,
        saved_by     TEXT NOT NULL
      ) STRICT;
      CREATE INDEX scenarios_saved ON scenarios (saved_at);
    `);
    const scoring = db.prepare("SELECT value FROM settings WHERE key = 'scoring'").pluck().get() as string | undefined;
    const home = scoring ? (JSON.parse(scoring) as { homeCountry?: string }).homeCountry : undefined;
    const settings = { ...DEFAULT_SCENARIO_SETTINGS, operatesIn: home ? [home] : DEFAULT_SCENARIO_SETTINGS.operatesIn };
    db.prepare("INSERT INTO settings (key, value) VALUES ('scenarios', ?) ON CONFLICT (key) DO NOTHING").run(JSON.stringify(settings));
  },
};

export default migration;
