// Forward-only migrations, numbered in steps of 10. A landed migration is never edited: add a new one.
import type { RegisterDb } from '../connection';
import vendors from './0010-vendors';
import register from './0020-register';
import snapshots from './0030-snapshots';
import vendorTotals from './0040-vendor-totals';
import importMappings from './0050-import-mappings';
import methodV2 from './0060-method-v2';
import scenarios from './0080-scenarios';
import totalsAndSortKeys from './0090-totals-and-sort-keys';
import regulatory from './0100-regulatory';
import bulkTotals from './0110-bulk-totals';
import cps230 from './0120-cps230';
import roiAssessment from './0140-roi-assessment';
import nextDue from './0150-next-due';
import scoringChanges from './0160-scoring-changes';
import roiBranchesIntragroup from './0170-roi-branches-intragroup';
import readIndexes from './0180-read-indexes';

export interface Migration {
  version: number;
  name: string;
  up(db: RegisterDb): void;
}

export const MIGRATIONS: readonly Migration[] = [vendors, register, snapshots, vendorTotals, importMappings, methodV2, scenarios, totalsAndSortKeys, regulatory, bulkTotals, cps230, roiAssessment, nextDue, scoringChanges, roiBranchesIntragroup, readIndexes];
