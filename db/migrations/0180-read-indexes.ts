import type { Migration } from './index';

// Two indexes that let a question read only the rows it asks about.
// - Contracts by notice deadline: what is due (the Board's counts and first deadlines, the Due soon view) reads the
//   deadlines up to a horizon instead of working out every running contract's deadline and sorting them. The key is
//   NOTICE_DEADLINE_SQL (db/contracts.ts) without its alias: SQLite uses an index on an expression only for the same
//   expression (a test checks the plan); end_date and vendor_id make it cover the counts.
// - Holdings by category with their vendor (in place of the category alone, so writes keep the same number of
//   indexes): the vendors holding a category, which the procurement review counts, read from the index alone.
const migration: Migration = {
  version: 180,
  name: 'read-indexes',
  up(db) {
    db.exec(`
      CREATE INDEX contracts_notice_deadline ON contracts (
        CASE WHEN end_date IS NULL THEN NULL ELSE date(end_date, '-' || coalesce(notice_days, 0) || ' days') END, end_date, vendor_id);
      DROP INDEX holdings_category;
      CREATE INDEX holdings_category ON holdings (category_id, vendor_id);
    `);
  },
};

export default migration;
