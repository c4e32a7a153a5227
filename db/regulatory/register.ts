// The register's own data for the regulatory registers: our legal entities and their branches, the RoI fields of each
// contract (arrangement) with the entities and branches using it and the arrangements it is linked to, business
// services as DORA functions, and providers' identifier types.
// Every write is audited with its before and after images, like the rest of the register.
import { ApiError, type Arrangement, type Branch, type LegalEntity, type MethodArgs, type RegisterFunction, type RoiProvider } from '../contract';
import type { RegisterDb } from '../connection';
import { recordAudit, type WriteContext } from '../audit';
import { deleteAudited, fieldError, fieldsFromRow, insertAudited, requireVendor, updateAudited, type TableDef } from '../entity';

const LEGAL_ENTITY: TableDef = {
  entity: 'legal_entity',
  table: 'legal_entities',
  columns: {
    lei: 'lei',
    name: 'name',
    country: 'country',
    entityType: 'entity_type',
    hierarchy: 'hierarchy',
    parentLei: 'parent_lei',
    competentAuthority: 'competent_authority',
    currency: 'currency',
    totalAssets: 'total_assets',
    integratedOn: 'integrated_on',
    deletedOn: 'deleted_on',
    maintainsRegister: 'maintains_register',
    updatedOn: 'updated_on',
  },
  booleans: ['maintainsRegister'],
  notFound: 'This legal entity is no longer in the register.',
};

const BRANCH: TableDef = {
  entity: 'branch',
  table: 'branches',
  columns: { entityId: 'entity_id', code: 'code', name: 'name', country: 'country' },
  notFound: 'This branch is no longer in the register.',
};

const ARRANGEMENT_COLUMNS = {
  arrangementType: 'arrangement_type',
  overarchingId: 'overarching_id',
  ictServiceType: 'ict_service_type',
  governingLaw: 'governing_law',
  providerNoticeDays: 'provider_notice_days',
  provisionCountry: 'provision_country',
  processingCountry: 'processing_country',
  terminationReason: 'termination_reason',
  substitutionReason: 'substitution_reason',
  lastAuditOn: 'last_audit_on',
  reintegration: 'reintegration',
  serviceDiscontinuingImpact: 'service_discontinuing_impact',
  alternativesIdentified: 'alternatives_identified',
  alternativeProviders: 'alternative_providers',
};

const FUNCTION_COLUMNS = {
  functionCode: 'function_code',
  licensedActivity: 'licensed_activity',
  rtoHours: 'rto_hours',
  rpoHours: 'rpo_hours',
  discontinuingImpact: 'discontinuing_impact',
  criticalityAssessedOn: 'criticality_assessed_on',
};

const fromRow = (columns: Record<string, string>, row: Record<string, unknown>) => Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, row[column]]));

export function listLegalEntities(db: RegisterDb): LegalEntity[] {
  return (db.prepare('SELECT * FROM legal_entities ORDER BY maintains_register DESC, name').all() as Record<string, unknown>[]).map(
    (r) => ({ id: r.id as number, ...fieldsFromRow(LEGAL_ENTITY, r) }) as LegalEntity,
  );
}

function legalEntity(db: RegisterDb, id: number): LegalEntity {
  const found = listLegalEntities(db).find((e) => e.id === id);
  if (!found) throw new ApiError('NOT_FOUND', LEGAL_ENTITY.notFound);
  return found;
}

export function saveLegalEntity(db: RegisterDb, ctx: WriteContext, { id, entity }: MethodArgs<'legalEntities.save'>): LegalEntity {
  return db.transaction(() => {
    const clash = db.prepare('SELECT id FROM legal_entities WHERE lei = ? AND id IS NOT ?').pluck().get(entity.lei, id ?? null);
    if (clash !== undefined) throw fieldError('entity.lei', 'Another legal entity already has this LEI.');
    // One entity maintains the register (B_01.01): choosing another moves the role to it.
    if (entity.maintainsRegister) {
      for (const other of listLegalEntities(db).filter((e) => e.maintainsRegister && e.id !== id)) {
        updateAudited(db, ctx, LEGAL_ENTITY, other.id, { maintainsRegister: false });
      }
    }
    const fields = { ...entity, updatedOn: new Date().toISOString().slice(0, 10) };
    const savedId = id ?? insertAudited(db, ctx, LEGAL_ENTITY, fields);
    if (id !== undefined) updateAudited(db, ctx, LEGAL_ENTITY, id, fields);
    return legalEntity(db, savedId);
  })();
}

export function deleteLegalEntity(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  return db.transaction(() => {
    const uses = db.prepare('SELECT count(*) FROM contract_entities WHERE entity_id = ?').pluck().get(id) as number;
    if (uses > 0) throw new ApiError('CONFLICT', `This entity uses ${uses} contract${uses === 1 ? '' : 's'}: remove it from them first.`);
    const branches = db.prepare('SELECT count(*) FROM branches WHERE entity_id = ?').pluck().get(id) as number;
    if (branches > 0) throw new ApiError('CONFLICT', `This entity is the head office of ${branches} branch${branches === 1 ? '' : 'es'}: delete ${branches === 1 ? 'it' : 'them'} first.`);
    deleteAudited(db, ctx, LEGAL_ENTITY, id);
    return { id };
  })();
}

export function listBranches(db: RegisterDb): Branch[] {
  return (db.prepare('SELECT b.* FROM branches b JOIN legal_entities e ON e.id = b.entity_id ORDER BY e.name, b.name').all() as Record<string, unknown>[]).map(
    (r) => ({ id: r.id as number, ...fieldsFromRow(BRANCH, r) }) as Branch,
  );
}

export function saveBranch(db: RegisterDb, ctx: WriteContext, { id, branch }: MethodArgs<'branches.save'>): Branch {
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM legal_entities WHERE id = ?').get(branch.entityId)) throw fieldError('branch.entityId', 'That legal entity is no longer in the register.');
    const clash = db.prepare('SELECT name FROM branches WHERE entity_id = ? AND code = ? AND id IS NOT ?').pluck().get(branch.entityId, branch.code, id ?? null) as string | undefined;
    if (clash !== undefined) throw fieldError('branch.code', `“${clash}” already has this code at the same head office.`);
    // A branch used by an arrangement is used through its head office: it cannot move to another one under it.
    if (id !== undefined) {
      const moved = db.prepare('SELECT count(*) FROM contract_branches cb JOIN branches b ON b.id = cb.branch_id WHERE b.id = ? AND b.entity_id <> ?').pluck().get(id, branch.entityId) as number;
      if (moved > 0) throw fieldError('branch.entityId', `This branch is used by ${moved} contract${moved === 1 ? '' : 's'} through its head office: remove it from them before moving it.`);
    }
    const savedId = id ?? insertAudited(db, ctx, BRANCH, branch);
    if (id !== undefined) updateAudited(db, ctx, BRANCH, id, branch);
    const saved = listBranches(db).find((b) => b.id === savedId);
    if (!saved) throw new ApiError('NOT_FOUND', BRANCH.notFound);
    return saved;
  })();
}

export function deleteBranch(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  return db.transaction(() => {
    const uses = db.prepare('SELECT count(*) FROM contract_branches WHERE branch_id = ?').pluck().get(id) as number;
    if (uses > 0) throw new ApiError('CONFLICT', `This branch uses ${uses} contract${uses === 1 ? '' : 's'}: remove it from them first.`);
    deleteAudited(db, ctx, BRANCH, id);
    return { id };
  })();
}

function arrangementsWhere(db: RegisterDb, where: string, ...params: unknown[]): Arrangement[] {
  // An arrangement is intra-group when its provider is one of our own legal entities: the vendor's LEI is the entity's.
  const rows = db
    .prepare(`SELECT c.*, v.name AS vendor_name, e.id AS intra_group_entity_id FROM contracts c JOIN vendors v ON v.id = c.vendor_id LEFT JOIN legal_entities e ON e.lei = v.lei ${where} ORDER BY c.reference`)
    .all(...params) as Record<string, unknown>[];
  const entities = db.prepare('SELECT entity_id, signed FROM contract_entities WHERE contract_id = ? ORDER BY entity_id');
  const branches = db.prepare('SELECT branch_id FROM contract_branches WHERE contract_id = ? ORDER BY branch_id').pluck();
  const links = db.prepare('SELECT linked_id FROM contract_links WHERE contract_id = ? ORDER BY linked_id').pluck();
  return rows.map((r) => ({
    contractId: r.id as number,
    reference: r.reference as string,
    vendorName: r.vendor_name as string,
    intraGroupEntityId: (r.intra_group_entity_id as number | null) ?? null,
    ...(fromRow(ARRANGEMENT_COLUMNS, r) as Omit<Arrangement, 'contractId' | 'reference' | 'vendorName' | 'intraGroupEntityId' | 'usingEntities' | 'usingBranches' | 'linkedIds'>),
    usingEntities: (entities.all(r.id) as { entity_id: number; signed: number }[]).map((e) => ({ entityId: e.entity_id, signed: e.signed === 1 })),
    usingBranches: branches.all(r.id) as number[],
    linkedIds: links.all(r.id) as number[],
  }));
}

export const listArrangements = (db: RegisterDb) => arrangementsWhere(db, '');

function arrangement(db: RegisterDb, contractId: number): Arrangement {
  const found = arrangementsWhere(db, 'WHERE c.id = ?', contractId)[0];
  if (!found) throw new ApiError('NOT_FOUND', 'This contract is no longer in the register.');
  return found;
}

/** The audited part of an arrangement: its own fields, without the contract's identity or what is derived. */
const image = ({ contractId: _id, reference: _ref, vendorName: _name, intraGroupEntityId: _entity, ...fields }: Arrangement) => fields;

export function saveArrangement(db: RegisterDb, ctx: WriteContext, { contractId, arrangement: fields }: MethodArgs<'arrangements.save'>): Arrangement {
  return db.transaction(() => {
    const before = arrangement(db, contractId);
    if (fields.overarchingId !== null) {
      if (fields.overarchingId === contractId) throw fieldError('arrangement.overarchingId', 'An arrangement cannot be its own overarching arrangement.');
      if (!db.prepare('SELECT 1 FROM contracts WHERE id = ?').get(fields.overarchingId)) throw fieldError('arrangement.overarchingId', 'That contract is no longer in the register.');
    }
    // An audit is a fact, not a plan: a date after today is a typing mistake (the RoI asks for the last one, B_07.01.0070).
    if (fields.lastAuditOn !== null && fields.lastAuditOn > new Date().toISOString().slice(0, 10)) throw fieldError('arrangement.lastAuditOn', 'The last audit cannot be after today.');
    const known = new Set(db.prepare('SELECT id FROM legal_entities').pluck().all() as number[]);
    if (fields.usingEntities.some((e) => !known.has(e.entityId))) throw fieldError('arrangement.usingEntities', 'One of these entities is no longer in the register.');
    // A branch uses an arrangement through its head office (B_04.01 names both), so its head office uses it too.
    const headOffice = new Map((db.prepare('SELECT id, entity_id FROM branches').all() as { id: number; entity_id: number }[]).map((b) => [b.id, b.entity_id]));
    const using = new Set(fields.usingEntities.map((e) => e.entityId));
    if (fields.usingBranches.some((b) => !headOffice.has(b))) throw fieldError('arrangement.usingBranches', 'One of these branches is no longer in the register.');
    if (fields.usingBranches.some((b) => !using.has(headOffice.get(b)!))) throw fieldError('arrangement.usingBranches', 'A branch uses an arrangement through its head office: tick the head office among the entities using it too.');
    if (fields.linkedIds.includes(contractId)) throw fieldError('arrangement.linkedIds', 'An arrangement cannot be linked to itself.');
    const contracts = new Set(db.prepare('SELECT id FROM contracts').pluck().all() as number[]);
    if (fields.linkedIds.some((c) => !contracts.has(c))) throw fieldError('arrangement.linkedIds', 'One of these contracts is no longer in the register.');
    const entries = Object.entries(ARRANGEMENT_COLUMNS);
    db.prepare(`UPDATE contracts SET ${entries.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...entries.map(([f]) => fields[f as keyof typeof fields]), contractId);
    db.prepare('DELETE FROM contract_entities WHERE contract_id = ?').run(contractId);
    const link = db.prepare('INSERT INTO contract_entities (contract_id, entity_id, signed) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET signed = excluded.signed');
    for (const e of fields.usingEntities) link.run(contractId, e.entityId, e.signed ? 1 : 0);
    db.prepare('DELETE FROM contract_branches WHERE contract_id = ?').run(contractId);
    const viaBranch = db.prepare('INSERT OR IGNORE INTO contract_branches (contract_id, branch_id) VALUES (?, ?)');
    for (const b of fields.usingBranches) viaBranch.run(contractId, b);
    db.prepare('DELETE FROM contract_links WHERE contract_id = ?').run(contractId);
    const linked = db.prepare('INSERT OR IGNORE INTO contract_links (contract_id, linked_id) VALUES (?, ?)');
    for (const c of fields.linkedIds) linked.run(contractId, c);
    const after = arrangement(db, contractId);
    if (JSON.stringify(image(before)) !== JSON.stringify(image(after))) {
      recordAudit(db, ctx, { entity: 'arrangement', entityId: contractId, action: 'update', before: image(before), after: image(after) });
    }
    return after;
  })();
}

function functionsWhere(db: RegisterDb, where: string, ...params: unknown[]): RegisterFunction[] {
  return (db.prepare(`SELECT * FROM services ${where} ORDER BY name`).all(...params) as Record<string, unknown>[]).map((r) => ({
    serviceId: r.id as number,
    name: r.name as string,
    criticality: r.criticality as RegisterFunction['criticality'],
    ...(fromRow(FUNCTION_COLUMNS, r) as Omit<RegisterFunction, 'serviceId' | 'name' | 'criticality'>),
  }));
}

export const listFunctions = (db: RegisterDb) => functionsWhere(db, '');

export function saveFunction(db: RegisterDb, ctx: WriteContext, { serviceId, fn }: MethodArgs<'functions.save'>): RegisterFunction {
  return db.transaction(() => {
    const [before] = functionsWhere(db, 'WHERE id = ?', serviceId);
    if (!before) throw new ApiError('NOT_FOUND', 'This service is no longer in the register.');
    const clash = db.prepare('SELECT name FROM services WHERE function_code = ? AND id <> ?').pluck().get(fn.functionCode, serviceId) as string | undefined;
    if (clash !== undefined) throw fieldError('fn.functionCode', `“${clash}” already has this function identifier.`);
    const entries = Object.entries(FUNCTION_COLUMNS);
    db.prepare(`UPDATE services SET ${entries.map(([, c]) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...entries.map(([f]) => fn[f as keyof typeof fn]), serviceId);
    const [after] = functionsWhere(db, 'WHERE id = ?', serviceId);
    const pick = ({ serviceId: _id, name: _name, criticality: _criticality, ...fields }: RegisterFunction) => fields;
    if (JSON.stringify(pick(before)) !== JSON.stringify(pick(after!))) recordAudit(db, ctx, { entity: 'function', entityId: serviceId, action: 'update', before: pick(before), after: pick(after!) });
    return after!;
  })();
}

export function saveProvider(db: RegisterDb, ctx: WriteContext, { vendorId, provider }: MethodArgs<'providers.save'>): { vendorId: number } {
  return db.transaction(() => {
    requireVendor(db, vendorId, 'vendorId');
    const read = () => db.prepare('SELECT other_identifier_type AS otherIdentifierType, person_type AS personType FROM vendors WHERE id = ?').get(vendorId) as Record<string, unknown>;
    const before = read();
    db.prepare('UPDATE vendors SET other_identifier_type = ?, person_type = ? WHERE id = ?').run(provider.otherIdentifierType, provider.personType, vendorId);
    const after = read();
    if (JSON.stringify(before) !== JSON.stringify(after)) recordAudit(db, ctx, { entity: 'provider', entityId: vendorId, action: 'update', before, after });
    return { vendorId };
  })();
}

export function getProvider(db: RegisterDb, vendorId: number): RoiProvider {
  const row = db
    .prepare('SELECT id AS vendorId, name, lei, other_identifier AS otherIdentifier, acn, other_identifier_type AS otherIdentifierType, person_type AS personType FROM vendors WHERE id = ?')
    .get(vendorId) as RoiProvider | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'This vendor is no longer in the register.');
  return row;
}
