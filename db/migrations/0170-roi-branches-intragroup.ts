import type { Migration } from './index';

// What the DORA Register of Information asks about our branches and intra-group arrangements that the register did not
// keep (db/regulatory/roi.ts says where each goes; db/regulatory/dora-schema.ts gives the templates):
//   branches          the branches of our legal entities (B_01.03): each belongs to its head office (a legal entity in
//                     scope, B_01.03.0020), with its own identification code (0010), name (0030) and country (0040);
//                     a code is unique within its head office, as the template's key (0010, 0020) is;
//   contract_branches the branches through which an entity using an arrangement uses it (B_04.01 rows of nature
//                     "branch", eba_ZZ:x838, with the branch's code in 0040);
//   contract_links    the links between arrangements of B_02.03: an intra-group arrangement (one whose provider is one
//                     of our own legal entities, B_03.03) and the arrangement it is linked to, typically the contract
//                     that intra-group provider holds with its own direct ICT third-party service provider.
// Whether an arrangement is intra-group is not typed: it is when its provider's LEI is one of our legal entities' LEIs.
// A branch used by an arrangement, or a legal entity with branches, cannot be deleted until they are released; deleting
// a contract releases its branches and links.
const migration: Migration = {
  version: 170,
  name: 'roi-branches-intragroup',
  up(db) {
    db.exec(`
      CREATE TABLE branches (
        id        INTEGER PRIMARY KEY,
        entity_id INTEGER NOT NULL REFERENCES legal_entities (id) ON DELETE RESTRICT,
        code      TEXT NOT NULL COLLATE NOCASE CHECK (length(code) > 0),
        name      TEXT NOT NULL CHECK (length(name) > 0),
        country   TEXT NOT NULL CHECK (length(country) = 2),
        UNIQUE (entity_id, code)
      ) STRICT;

      CREATE TABLE contract_branches (
        contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        branch_id   INTEGER NOT NULL REFERENCES branches (id) ON DELETE RESTRICT,
        PRIMARY KEY (contract_id, branch_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contract_branches_branch ON contract_branches (branch_id);

      CREATE TABLE contract_links (
        contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        linked_id   INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        PRIMARY KEY (contract_id, linked_id),
        CHECK (contract_id <> linked_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX contract_links_linked ON contract_links (linked_id);
    `);
  },
};

export default migration;
