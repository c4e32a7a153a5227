import type { Migration } from './index';

// Each vendor's records held and weighted exposure, kept on the vendor row by triggers, so the register table and the
// scoring engine read them instead of summing every holding. Triggers recompute the affected vendor's totals from
// its holdings (no running sums, so no drift); a weight change recomputes the vendors holding that category.
const TOTALS = (vendor: string) => `
  UPDATE vendors SET
    records_held = (SELECT coalesce(sum(h.records), 0) FROM holdings h WHERE h.vendor_id = ${vendor}),
    exposure = (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = ${vendor})
  WHERE id = ${vendor};`;

const migration: Migration = {
  version: 40,
  name: 'vendor-totals',
  up(db) {
    db.exec(`
      ALTER TABLE vendors ADD COLUMN records_held INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE vendors ADD COLUMN exposure REAL NOT NULL DEFAULT 0;
      UPDATE vendors SET
        records_held = (SELECT coalesce(sum(h.records), 0) FROM holdings h WHERE h.vendor_id = vendors.id),
        exposure = (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = vendors.id);

      CREATE TRIGGER holdings_totals_insert AFTER INSERT ON holdings BEGIN ${TOTALS('NEW.vendor_id')} END;
      CREATE TRIGGER holdings_totals_delete AFTER DELETE ON holdings BEGIN ${TOTALS('OLD.vendor_id')} END;
      CREATE TRIGGER holdings_totals_update AFTER UPDATE OF vendor_id, category_id, records ON holdings BEGIN
        ${TOTALS('OLD.vendor_id')}
        ${TOTALS('NEW.vendor_id')}
      END;
      CREATE TRIGGER categories_weight_totals AFTER UPDATE OF weight ON data_categories BEGIN
        UPDATE vendors SET
          exposure = (SELECT coalesce(sum(h.records * c.weight), 0) FROM holdings h JOIN data_categories c ON c.id = h.category_id WHERE h.vendor_id = vendors.id)
        WHERE id IN (SELECT vendor_id FROM holdings WHERE category_id = NEW.id);
      END;
    `);
  },
};

export default migration;
