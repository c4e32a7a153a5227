import type { Migration } from './index';

// What the DORA Register of Information asks of each arrangement that the register did not keep (db/regulatory/roi.ts
// says where each goes; the code lists are in db/shared/regulatory-codes.ts):
//   B_02.02.0090  why the arrangement was terminated or ended (LIST0202090);
//   B_07.01       the assessment of the ICT service. Its key is arrangement × provider × ICT service type, and a contract
//                 here has one provider and one service type, so the assessment is kept on the contract: the reason a
//                 provider is not or hardly substitutable (0060), the date of the last audit (0070), the possibility
//                 of reintegration (0090), the impact of discontinuing the service (0100), whether alternative
//                 providers are identified (0110) and which (0120). Substitutability (0050) and the exit plan (0080)
//                 stay on the vendor, where the scoring reads them.
// Every new field starts empty: nothing in the register says what they were.
const migration: Migration = {
  version: 140,
  name: 'roi-assessment',
  up(db) {
    db.exec(`
      ALTER TABLE contracts ADD COLUMN termination_reason TEXT CHECK (termination_reason IN ('expired', 'breach', 'impediments', 'data_security', 'authority', 'other'));
      ALTER TABLE contracts ADD COLUMN substitution_reason TEXT CHECK (substitution_reason IN ('no_alternatives', 'migration', 'both'));
      ALTER TABLE contracts ADD COLUMN last_audit_on TEXT;
      ALTER TABLE contracts ADD COLUMN reintegration TEXT CHECK (reintegration IN ('easy', 'difficult', 'highly_complex'));
      ALTER TABLE contracts ADD COLUMN service_discontinuing_impact TEXT CHECK (service_discontinuing_impact IN ('low', 'medium', 'high', 'not_assessed'));
      ALTER TABLE contracts ADD COLUMN alternatives_identified TEXT CHECK (alternatives_identified IN ('yes', 'no', 'not_assessed'));
      ALTER TABLE contracts ADD COLUMN alternative_providers TEXT;
    `);
  },
};

export default migration;
