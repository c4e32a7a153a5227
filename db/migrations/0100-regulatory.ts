import type { Migration } from './index';

// What the DORA Register of Information needs that the register did not keep (docs in db/regulatory/dora-schema.ts):
//   legal_entities     our own entities in scope (B_01.02), one of them maintaining the register (B_01.01);
//   contract_entities  the entities using each arrangement (B_04.01) and whether they signed it (B_03.01);
//   contracts          the arrangement's type and overarching arrangement (B_02.01), ICT service type, governing law,
//                      the provider's notice period, countries of provision and processing (B_02.02) — our own notice
//                      period is the existing notice_days;
//   services           the function each business service is (B_06.01): identifier, licensed activity, RTO, RPO,
//                      impact of discontinuing it and the date criticality was last assessed;
//   vendors            the type of the other identifier (EUID, CRN, VAT…) and whether the provider is a legal person.
// Existing rows keep every value; the new fields start empty, and the linter says which the export still needs.
const migration: Migration = {
  version: 100,
  name: 'regulatory',
  up(db) {
    db.exec(`
      CREATE TABLE legal_entities (
        id                  INTEGER PRIMARY KEY,
        lei                 TEXT NOT NULL UNIQUE,
        name                TEXT NOT NULL,
        country             TEXT NOT NULL,
        entity_type         TEXT NOT NULL,
        hierarchy           TEXT NOT NULL,
        parent_lei          TEXT,
        competent_authority TEXT,
        currency            TEXT,
        total_assets        REAL CHECK (total_assets >= 0),
        integrated_on       TEXT,
        deleted_on          TEXT,
        maintains_register  INTEGER NOT NULL DEFAULT 0 CHECK (maintains_register IN (0, 1)),
        updated_on          TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX legal_entities_one_maintainer ON legal_entities (maintains_register) WHERE maintains_register = 1;

      CREATE TABLE contract_entities (
        contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        entity_id   INTEGER NOT NULL REFERENCES legal_entities (id) ON DELETE RESTRICT,
        signed      INTEGER NOT NULL DEFAULT 1 CHECK (signed IN (0, 1)),
        PRIMARY KEY (contract_id, entity_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contract_entities_entity ON contract_entities (entity_id);

      ALTER TABLE contracts ADD COLUMN arrangement_type TEXT CHECK (arrangement_type IN ('standalone', 'overarching', 'subsequent'));
      ALTER TABLE contracts ADD COLUMN overarching_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL;
      ALTER TABLE contracts ADD COLUMN ict_service_type TEXT;
      ALTER TABLE contracts ADD COLUMN governing_law TEXT;
      ALTER TABLE contracts ADD COLUMN provider_notice_days INTEGER CHECK (provider_notice_days >= 0);
      ALTER TABLE contracts ADD COLUMN provision_country TEXT;
      ALTER TABLE contracts ADD COLUMN processing_country TEXT;

      ALTER TABLE services ADD COLUMN function_code TEXT COLLATE NOCASE;
      CREATE UNIQUE INDEX services_function_code ON services (function_code) WHERE function_code IS NOT NULL;
      ALTER TABLE services ADD COLUMN licensed_activity TEXT;
      ALTER TABLE services ADD COLUMN rto_hours REAL CHECK (rto_hours >= 0);
      ALTER TABLE services ADD COLUMN rpo_hours REAL CHECK (rpo_hours >= 0);
      ALTER TABLE services ADD COLUMN discontinuing_impact TEXT CHECK (discontinuing_impact IN ('low', 'medium', 'high'));
      ALTER TABLE services ADD COLUMN criticality_assessed_on TEXT;

      ALTER TABLE vendors ADD COLUMN other_identifier_type TEXT CHECK (other_identifier_type IN ('EUID', 'CRN', 'VAT', 'NIN', 'PNR'));
      ALTER TABLE vendors ADD COLUMN person_type TEXT NOT NULL DEFAULT 'legal' CHECK (person_type IN ('legal', 'individual'));
    `);
  },
};

export default migration;
