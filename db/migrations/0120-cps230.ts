import type { Migration } from './index';

// What the APRA CPS 230 register of material service providers needs that the register did not keep
// (db/regulatory/cps230.ts says where each field goes in the workbook):
//   contracts  the basis on which the arrangement is material (it supports a critical operation, it exposes us to
//              material operational risk, or CPS 230 para 50 deems it material) — empty for an arrangement that is not;
//              the date APRA was notified of entering into or materially changing it (para 59(a)); whether it is an
//              offshoring arrangement and the date APRA was consulted before it (para 59(b)); the category of a
//              non-traditional service provider listed in the Attachment to CPS 230 and whether the arrangement uses
//              standardised terms or has no formal agreement (the two conditions of the exemption, 1 July 2026);
//   services   whether the business service is a CPS 230 critical operation, and its tolerance levels beyond the
//              maximum period of disruption the register already keeps (max_outage_hours): the extent of data loss
//              and the minimum service level, as the entity states them.
// Services already rated critical start as critical operations (the register's own word for the same judgement);
// every other new field starts empty.
const migration: Migration = {
  version: 120,
  name: 'cps230',
  up(db) {
    db.exec(`
      ALTER TABLE contracts ADD COLUMN material_basis TEXT CHECK (material_basis IN ('critical_operation', 'material_risk', 'deemed'));
      ALTER TABLE contracts ADD COLUMN apra_notified_on TEXT;
      ALTER TABLE contracts ADD COLUMN offshoring INTEGER NOT NULL DEFAULT 0 CHECK (offshoring IN (0, 1));
      ALTER TABLE contracts ADD COLUMN offshoring_consulted_on TEXT;
      ALTER TABLE contracts ADD COLUMN ntsp_category TEXT;
      ALTER TABLE contracts ADD COLUMN ntsp_standard_terms INTEGER NOT NULL DEFAULT 0 CHECK (ntsp_standard_terms IN (0, 1));

      ALTER TABLE services ADD COLUMN critical_operation INTEGER NOT NULL DEFAULT 0 CHECK (critical_operation IN (0, 1));
      ALTER TABLE services ADD COLUMN data_loss_tolerance TEXT;
      ALTER TABLE services ADD COLUMN min_service_level TEXT;
      UPDATE services SET critical_operation = 1 WHERE criticality = 'critical';
    `);
  },
};

export default migration;
