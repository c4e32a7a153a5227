import type { Migration } from './index';

// Totals kept by triggers, so that figures over every holding read a few rows instead of every holding:
//   live_storage     people held per storage country and data category by the live vendors (direct, and active, under
//                    review or offboarding): the geography of the scoring;
//   category_totals  people held per data category and the vendors holding it (every vendor): the category list.
// Counts are integers, so adding and subtracting them never drifts; the weights are applied when the figures are read,
// so a weight change needs no trigger. And the register table's sorts by exposure and by annual spend get indexes in
// their order (largest first, then by name), so a page of them reads the page's rows, not every vendor.
const LIVE = (vendor: string) => `EXISTS (SELECT 1 FROM vendors WHERE id = ${vendor} AND direct = 1 AND status IN ('active', 'under_review', 'offboarding'))`;

/** Adds `sign` × the holding `h` (NEW or OLD) to its country and category. */
const ADD = (h: string, sign: '+' | '-') => `
  INSERT INTO live_storage (storage_country, category_id, records, holdings)
  SELECT coalesce(${h}.storage_country, ''), ${h}.category_id, ${sign}${h}.records, ${sign}1 WHERE ${LIVE(`${h}.vendor_id`)}
  ON CONFLICT (storage_country, category_id) DO UPDATE SET records = records + excluded.records, holdings = holdings + excluded.holdings;`;

/** Adds `sign` × every holding of the vendor NEW to the totals (the vendor became live, or stopped being live). */
const ADD_VENDOR = (sign: '+' | '-') => `
  INSERT INTO live_storage (storage_country, category_id, records, holdings)
  SELECT coalesce(storage_country, ''), category_id, ${sign}sum(records), ${sign}count(*) FROM holdings WHERE vendor_id = NEW.id GROUP BY 1, 2
  ON CONFLICT (storage_country, category_id) DO UPDATE SET records = records + excluded.records, holdings = holdings + excluded.holdings;`;

/** Adds `sign` × the holding `h` to its category's people held, and counts its vendor in or out when `vendorCounted`. */
const ADD_CATEGORY = (h: string, sign: '+' | '-', vendorCounted: string) => `
  INSERT INTO category_totals (category_id, records, vendors) VALUES (${h}.category_id, ${sign}${h}.records, ${sign}(${vendorCounted}))
  ON CONFLICT (category_id) DO UPDATE SET records = records + excluded.records, vendors = vendors + excluded.vendors;`;
/** After an insert (or a move into the key): the vendor's first holding of the category. */
const FIRST_OF_CATEGORY = `(SELECT count(*) FROM holdings WHERE vendor_id = NEW.vendor_id AND category_id = NEW.category_id) = 1`;
/** After a delete (or a move out of the key): the vendor's last holding of the category is gone. */
const LAST_OF_CATEGORY = `NOT EXISTS (SELECT 1 FROM holdings WHERE vendor_id = OLD.vendor_id AND category_id = OLD.category_id)`;
const SAME_KEY = `OLD.vendor_id = NEW.vendor_id AND OLD.category_id = NEW.category_id`;

const IS_LIVE = (v: string) => `(${v}.direct = 1 AND ${v}.status IN ('active', 'under_review', 'offboarding'))`;

const migration: Migration = {
  version: 90,
  name: 'totals-and-sort-keys',
  up(db) {
    db.exec(`
      CREATE TABLE live_storage (
        storage_country TEXT NOT NULL,
        category_id     INTEGER NOT NULL,
        records         INTEGER NOT NULL,
        holdings        INTEGER NOT NULL,
        PRIMARY KEY (storage_country, category_id)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO live_storage (storage_country, category_id, records, holdings)
      SELECT coalesce(h.storage_country, ''), h.category_id, sum(h.records), count(*) FROM holdings h JOIN vendors v ON v.id = h.vendor_id
      WHERE ${IS_LIVE('v')} GROUP BY 1, 2;

      CREATE TRIGGER holdings_live_storage_insert AFTER INSERT ON holdings BEGIN ${ADD('NEW', '+')} END;
      CREATE TRIGGER holdings_live_storage_delete AFTER DELETE ON holdings BEGIN ${ADD('OLD', '-')} END;
      CREATE TRIGGER holdings_live_storage_update AFTER UPDATE OF vendor_id, category_id, records, storage_country ON holdings BEGIN
        ${ADD('OLD', '-')}
        ${ADD('NEW', '+')}
      END;
      CREATE TABLE category_totals (
        category_id INTEGER PRIMARY KEY,
        records     INTEGER NOT NULL,
        vendors     INTEGER NOT NULL
      ) STRICT;
      INSERT INTO category_totals (category_id, records, vendors)
      SELECT category_id, sum(records), count(DISTINCT vendor_id) FROM holdings GROUP BY category_id;
      CREATE TRIGGER holdings_category_totals_insert AFTER INSERT ON holdings BEGIN ${ADD_CATEGORY('NEW', '+', FIRST_OF_CATEGORY)} END;
      CREATE TRIGGER holdings_category_totals_delete AFTER DELETE ON holdings BEGIN ${ADD_CATEGORY('OLD', '-', LAST_OF_CATEGORY)} END;
      CREATE TRIGGER holdings_category_totals_update AFTER UPDATE OF vendor_id, category_id, records ON holdings BEGIN
        ${ADD_CATEGORY('OLD', '-', `NOT (${SAME_KEY}) AND ${LAST_OF_CATEGORY}`)}
        ${ADD_CATEGORY('NEW', '+', `NOT (${SAME_KEY}) AND ${FIRST_OF_CATEGORY}`)}
      END;

      CREATE INDEX vendors_exposure_order ON vendors (exposure DESC, name);
      CREATE INDEX vendors_spend_order ON vendors (annual_spend DESC, name);

      CREATE TRIGGER vendors_live_storage_joined AFTER UPDATE OF direct, status ON vendors WHEN ${IS_LIVE('NEW')} AND NOT ${IS_LIVE('OLD')} BEGIN ${ADD_VENDOR('+')} END;
      CREATE TRIGGER vendors_live_storage_left AFTER UPDATE OF direct, status ON vendors WHEN ${IS_LIVE('OLD')} AND NOT ${IS_LIVE('NEW')} BEGIN ${ADD_VENDOR('-')} END;
    `);
  },
};

export default migration;
