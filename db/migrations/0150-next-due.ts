import type { Migration } from './index';

// The register table's "Next due" (the next review or the earliest notice deadline of a contract still running), kept
// on the vendor so the sort by it reads an index instead of working out every vendor's contracts. notice_due is the
// earliest notice deadline among the vendor's contracts ending on or after the day it was worked out: triggers keep it
// as contracts change, and refreshNoticeDue (db/vendors.ts) moves it on for the vendors whose contracts ended since the day it was last
// worked out (noticeDueAsOf), when the register opens and after a write.
// The index's key puts vendors with nothing due last (as the page shows them), with a date no register holds.
export const NOTICE_DUE_OF = (vendor: string) =>
  `(SELECT min(date(c.end_date, '-' || coalesce(c.notice_days, 0) || ' days')) FROM contracts c WHERE c.vendor_id = ${vendor} AND c.end_date >= date('now'))`;
export const NEXT_DUE_KEY = "coalesce(min(next_review_due, notice_due), next_review_due, notice_due, '9999-12-31')";

const REFRESH = (vendor: string) => `UPDATE vendors SET notice_due = ${NOTICE_DUE_OF(vendor)} WHERE id = ${vendor};`;

const migration: Migration = {
  version: 150,
  name: 'next-due',
  up(db) {
    db.exec(`
      ALTER TABLE vendors ADD COLUMN notice_due TEXT;
      UPDATE vendors SET notice_due = ${NOTICE_DUE_OF('vendors.id')};
      CREATE INDEX vendors_next_due ON vendors (${NEXT_DUE_KEY}, name, id);
      CREATE TRIGGER contracts_notice_due_insert AFTER INSERT ON contracts BEGIN ${REFRESH('NEW.vendor_id')} END;
      CREATE TRIGGER contracts_notice_due_delete AFTER DELETE ON contracts BEGIN ${REFRESH('OLD.vendor_id')} END;
      CREATE TRIGGER contracts_notice_due_update AFTER UPDATE OF vendor_id, end_date, notice_days ON contracts BEGIN
        ${REFRESH('OLD.vendor_id')}
        ${REFRESH('NEW.vendor_id')}
      END;
      INSERT INTO settings (key, value) VALUES ('noticeDueAsOf', date('now'))
        ON CONFLICT (key) DO UPDATE SET value = excluded.value;
    `);
  },
};

export default migration;
