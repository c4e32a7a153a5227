import type { Migration } from './index';

// Scoring method v2 (docs/scoring.md): distinct people per vendor (entered, or at least its largest category), the
// date each incident was recorded (the age of an undated incident), and the register's scoring settings carried to v2
// with the user's edits kept where they still apply. The defaults below are frozen as they were when v2 landed.
const PEOPLE_TOTALS = (vendor: string) => `
  UPDATE vendors SET
    records_held = (SELECT coalesce(sum(h.records), 0) FROM holdings h WHERE h.vendor_id = ${vendor}),
    largest_category = (SELECT coalesce(max(n), 0) FROM (SELECT sum(h.records) AS n FROM holdings h WHERE h.vendor_id = ${vendor} GROUP BY h.category_id)),
    exposure = (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ${vendor})
  WHERE id = ${vendor};`;

const V1_BANDS = { moderate: 1500, high: 2500 };
const V2_DEFAULTS = {
  customerBase: null,
  bands: { moderate: 1000, high: 1800 },
  test2023: { hhi: 1800, deltaHhi: 100, share: 0.3 },
  dependencyBands: { moderate: 0.15, high: 0.3 },
  baseIncidentRate: 0.1,
  resilienceWeight: 0.3,
  substitutabilityGap: { easy: 0, medium: 0.33, difficult: 0.67, not_substitutable: 1 },
  reviewRule: { escalateOnNewSinglePoint: true },
};

type Stored = Record<string, unknown> & { bands?: { moderate: number; high: number }; substitutabilityGap?: Record<string, number>; reviewRule?: { escalateOnNewSinglePoint?: boolean } };

/** v1 settings → v2: kept where they still mean the same; v1's default bands (2010) become the 2023 ones. */
export function settingsToV2(v1: Stored): Record<string, unknown> {
  const { riskWeights: _weights, likelihoodScale: _scale, ...kept } = v1;
  const bandsEdited = v1.bands && (v1.bands.moderate !== V1_BANDS.moderate || v1.bands.high !== V1_BANDS.high);
  const { unknown: _unknown, ...gap }: Record<string, number> = v1.substitutabilityGap ?? V2_DEFAULTS.substitutabilityGap;
  return {
    ...V2_DEFAULTS,
    ...kept,
    bands: bandsEdited ? v1.bands : V2_DEFAULTS.bands,
    substitutabilityGap: gap,
    reviewRule: { escalateOnNewSinglePoint: v1.reviewRule?.escalateOnNewSinglePoint ?? true },
  };
}

const migration: Migration = {
  version: 60,
  name: 'method-v2',
  up(db) {
    db.exec(`
      ALTER TABLE vendors ADD COLUMN people INTEGER CHECK (people >= 0);
      ALTER TABLE vendors ADD COLUMN largest_category INTEGER NOT NULL DEFAULT 0;
      UPDATE vendors SET largest_category =
        (SELECT coalesce(max(n), 0) FROM (SELECT sum(h.records) AS n FROM holdings h WHERE h.vendor_id = vendors.id GROUP BY h.category_id));

      DROP TRIGGER holdings_totals_insert;
      DROP TRIGGER holdings_totals_delete;
      DROP TRIGGER holdings_totals_update;
      CREATE TRIGGER holdings_totals_insert AFTER INSERT ON holdings BEGIN ${PEOPLE_TOTALS('NEW.vendor_id')} END;
      CREATE TRIGGER holdings_totals_delete AFTER DELETE ON holdings BEGIN ${PEOPLE_TOTALS('OLD.vendor_id')} END;
      CREATE TRIGGER holdings_totals_update AFTER UPDATE OF vendor_id, category_id, records ON holdings BEGIN
        ${PEOPLE_TOTALS('OLD.vendor_id')}
        ${PEOPLE_TOTALS('NEW.vendor_id')}
      END;

      ALTER TABLE incidents ADD COLUMN recorded_at TEXT;
      UPDATE incidents SET recorded_at = coalesce(
        (SELECT min(a.at) FROM audit_log a WHERE a.entity = 'incident' AND a.entity_id = incidents.id AND a.action = 'create'),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
      CREATE TRIGGER incidents_recorded_at AFTER INSERT ON incidents WHEN NEW.recorded_at IS NULL BEGIN
        UPDATE incidents SET recorded_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = NEW.id;
      END;
    `);
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'scoring'").pluck().get() as string | undefined;
    if (stored) db.prepare("UPDATE settings SET value = ? WHERE key = 'scoring'").run(JSON.stringify(settingsToV2(JSON.parse(stored) as Stored)));
  },
};

export default migration;
