import type { Migration } from './index';
import { NOT_BULK } from '../kept-totals';

// What the scoring reads, changed since a given moment: triggers note each change to the facts the method reads
// (db/facts.ts) in scoring_changes, so that the facts an analyst keeps between calls are brought up to date by
// re-reading what changed, not the whole register. `what` says what to re-read: a vendor's row ('vendor'); its
// suppliers or its provider group, which also changes the supply chains of every vendor that reaches it ('link'); its
// incidents ('incident'); the critical services and their links ('services'); or everything ('all': the scoring
// settings, the end of a bulk write). A bulk write (an import) notes nothing row by row: its end notes 'all'.
// Only the latest changes are kept: an analyst further behind than that reads the register afresh. Vendors added are
// not noted: they are found by their id, above the largest the analyst has (an insert trigger on vendors makes SQLite
// stop appending rows at the end of the table's pages, which doubled the time of an import).
const NOTE = (vendor: string, what: string) => `INSERT INTO scoring_changes (vendor_id, what) VALUES (${vendor}, ${what});`;
/** Columns of vendors the scoring reads (db/facts.ts, gatherFacts). */
const VENDOR_FACTS = 'name, status, direct, ultimate_parent_id, annual_spend, spend_currency, substitutability, exit_plan, next_review_due, exposure, people, largest_category';

const migration: Migration = {
  version: 160,
  name: 'scoring-changes',
  up(db) {
    db.exec(`
      CREATE TABLE scoring_changes (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        vendor_id INTEGER,
        what      TEXT NOT NULL CHECK (what IN ('vendor', 'link', 'incident', 'services', 'all'))
      ) STRICT;
      CREATE TRIGGER scoring_changes_kept AFTER INSERT ON scoring_changes WHEN NEW.seq % 1000 = 0 BEGIN
        DELETE FROM scoring_changes WHERE seq <= NEW.seq - 20000;
      END;

      CREATE TRIGGER vendors_scoring_delete AFTER DELETE ON vendors WHEN ${NOT_BULK} BEGIN ${NOTE('OLD.id', "'link'")} END;
      CREATE TRIGGER vendors_scoring_update AFTER UPDATE OF ${VENDOR_FACTS} ON vendors WHEN ${NOT_BULK} BEGIN
        ${NOTE('NEW.id', "CASE WHEN OLD.ultimate_parent_id IS NEW.ultimate_parent_id THEN 'vendor' ELSE 'link' END")}
      END;

      CREATE TRIGGER dependencies_scoring_insert AFTER INSERT ON dependencies WHEN ${NOT_BULK} BEGIN ${NOTE('NEW.vendor_id', "'link'")} END;
      CREATE TRIGGER dependencies_scoring_delete AFTER DELETE ON dependencies WHEN ${NOT_BULK} BEGIN ${NOTE('OLD.vendor_id', "'link'")} END;
      CREATE TRIGGER dependencies_scoring_update AFTER UPDATE OF vendor_id, supplier_id ON dependencies WHEN ${NOT_BULK} BEGIN
        ${NOTE('OLD.vendor_id', "'link'")}
        ${NOTE('NEW.vendor_id', "'link'")}
      END;

      CREATE TRIGGER incidents_scoring_insert AFTER INSERT ON incidents WHEN ${NOT_BULK} BEGIN ${NOTE('NEW.vendor_id', "'incident'")} END;
      CREATE TRIGGER incidents_scoring_delete AFTER DELETE ON incidents WHEN ${NOT_BULK} BEGIN ${NOTE('OLD.vendor_id', "'incident'")} END;
      CREATE TRIGGER incidents_scoring_update AFTER UPDATE ON incidents WHEN ${NOT_BULK} BEGIN
        ${NOTE('OLD.vendor_id', "'incident'")}
        ${NOTE('NEW.vendor_id', "'incident'")}
      END;

      CREATE TRIGGER services_scoring_insert AFTER INSERT ON services WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;
      CREATE TRIGGER services_scoring_delete AFTER DELETE ON services WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;
      CREATE TRIGGER services_scoring_update AFTER UPDATE OF name, criticality ON services WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;
      CREATE TRIGGER service_vendors_scoring_insert AFTER INSERT ON service_vendors WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;
      CREATE TRIGGER service_vendors_scoring_delete AFTER DELETE ON service_vendors WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;
      CREATE TRIGGER service_vendors_scoring_update AFTER UPDATE ON service_vendors WHEN ${NOT_BULK} BEGIN ${NOTE('NULL', "'services'")} END;

      CREATE TRIGGER settings_scoring_insert AFTER INSERT ON settings WHEN NEW.key = 'scoring' BEGIN ${NOTE('NULL', "'all'")} END;
      CREATE TRIGGER settings_scoring_update AFTER UPDATE ON settings WHEN NEW.key = 'scoring' OR OLD.key = 'scoring' BEGIN ${NOTE('NULL', "'all'")} END;
      CREATE TRIGGER settings_scoring_delete AFTER DELETE ON settings WHEN OLD.key = 'scoring' BEGIN ${NOTE('NULL', "'all'")} END;
      CREATE TRIGGER bulk_load_scoring AFTER DELETE ON bulk_load BEGIN ${NOTE('NULL', "'all'")} END;
    `);
  },
};

export default migration;
