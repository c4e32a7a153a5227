// Incidents at vendors and fourth parties, with the data categories they exposed and the clocks that follow.
import { ApiError, type Incident, type MethodArgs } from './contract';
import { prepared, type RegisterDb } from './connection';
import { recordAudit, type WriteContext } from './audit';
import { columnValues, fieldError, requireVendor, type TableDef } from './entity';
import { incidentClocks } from './shared/clocks';

const INCIDENT: TableDef = {
  entity: 'incident',
  table: 'incidents',
  columns: {
    vendorId: 'vendor_id',
    title: 'title',
    kind: 'kind',
    status: 'status',
    occurredFrom: 'occurred_from',
    occurredTo: 'occurred_to',
    vendorDetected: 'vendor_detected',
    weWereTold: 'we_were_told',
    contained: 'contained',
    recordsAffected: 'records_affected',
    sourceUrl: 'source_url',
    description: 'description',
  },
  notFound: 'This incident is no longer in the register.',
};

type Row = Record<string, unknown>;

function incidentsWhere(db: RegisterDb, where: string, params: Record<string, unknown>): Incident[] {
  const rows = prepared(
    db,
    `SELECT i.*, v.name AS vendor_name,
            (SELECT json_group_array(json_array(c.id, c.label)) FROM incident_categories ic
               JOIN data_categories c ON c.id = ic.category_id WHERE ic.incident_id = i.id) AS categories
     FROM incidents i JOIN vendors v ON v.id = i.vendor_id ${where}
     ORDER BY coalesce(i.occurred_from, i.we_were_told) DESC, i.id DESC`,
  ).all(params) as Row[];
  return rows.map((r) => {
    const categories = JSON.parse(r.categories as string) as [number, string][];
    const fields = {
      vendorId: r.vendor_id as number,
      title: r.title as string,
      kind: r.kind as Incident['kind'],
      status: r.status as Incident['status'],
      occurredFrom: r.occurred_from as string | null,
      occurredTo: r.occurred_to as string | null,
      vendorDetected: r.vendor_detected as string | null,
      weWereTold: r.we_were_told as string | null,
      contained: r.contained as string | null,
      recordsAffected: r.records_affected as number | null,
      categoryIds: categories.map(([id]) => id),
      regulators: JSON.parse(r.regulators_json as string) as string[],
      sourceUrl: r.source_url as string | null,
      description: r.description as string | null,
    };
    return { ...fields, id: r.id as number, vendorName: r.vendor_name as string, categoryLabels: categories.map(([, label]) => label), clocks: incidentClocks(fields) };
  });
}

export function listIncidents(db: RegisterDb, query: MethodArgs<'incidents.list'>): Incident[] {
  return incidentsWhere(
    db,
    `WHERE (:vendorId IS NULL OR i.vendor_id = :vendorId)
       AND (:kindCount = 0 OR i.kind IN (SELECT value FROM json_each(:kinds)))
       AND (:year IS NULL OR substr(coalesce(i.occurred_from, i.we_were_told), 1, 4) = :year)`,
    { vendorId: query.vendorId ?? null, kindCount: query.kinds.length, kinds: JSON.stringify(query.kinds), year: query.year === undefined ? null : String(query.year) },
  );
}

export function getIncident(db: RegisterDb, id: number): Incident {
  const [incident] = incidentsWhere(db, 'WHERE i.id = :id', { id });
  if (!incident) throw new ApiError('NOT_FOUND', INCIDENT.notFound);
  return incident;
}

type AuditedIncident = Omit<Incident, 'id' | 'vendorName' | 'categoryLabels' | 'clocks'>;

function auditImage(incident: Incident): AuditedIncident {
  const { id: _id, vendorName: _v, categoryLabels: _l, clocks: _c, ...fields } = incident;
  return fields;
}

export function saveIncident(db: RegisterDb, ctx: WriteContext, { id, incident }: MethodArgs<'incidents.save'>): Incident {
  return db.transaction(() => {
    requireVendor(db, incident.vendorId, 'incident.vendorId');
    const categoryIds = [...new Set(incident.categoryIds)];
    const known = db.prepare(`SELECT count(*) FROM data_categories WHERE id IN (SELECT value FROM json_each(?))`).pluck().get(JSON.stringify(categoryIds)) as number;
    if (known !== categoryIds.length) throw fieldError('incident.categoryIds', 'One of the chosen data categories is no longer in the register.');
    const regulators = [...new Set(incident.regulators.map((r) => r.toUpperCase()))];

    return writeIncident(db, ctx, { ...incident, categoryIds, regulators }, id ?? null, id === undefined);
  })();
}

/** Writes an incident and its categories as given (checked by the caller, or an image from the audit log put back
 * by an undo) and audits it: an insert (under `id` when given) or an update of `id`. */
export function writeIncident(db: RegisterDb, ctx: WriteContext, incident: AuditedIncident, id: number | null, insert: boolean): Incident {
  const before = insert ? null : auditImage(getIncident(db, id!));
  const { columns, values } = columnValues(INCIDENT, incident);
  let savedId = id;
  if (insert) {
    const result = db
      .prepare(`INSERT INTO incidents (id, ${columns.join(', ')}, regulators_json) VALUES (?, ${columns.map(() => '?').join(', ')}, ?)`)
      .run(id, ...values, JSON.stringify(incident.regulators));
    savedId = Number(result.lastInsertRowid);
  } else {
    db.prepare(`UPDATE incidents SET ${columns.map((c) => `${c} = ?`).join(', ')}, regulators_json = ? WHERE id = ?`).run(...values, JSON.stringify(incident.regulators), savedId);
    db.prepare('DELETE FROM incident_categories WHERE incident_id = ?').run(savedId);
  }
  const link = db.prepare('INSERT INTO incident_categories (incident_id, category_id) VALUES (?, ?)');
  for (const categoryId of incident.categoryIds) link.run(savedId, categoryId);

  const saved = getIncident(db, savedId!);
  recordAudit(db, ctx, { entity: 'incident', entityId: savedId, action: insert ? 'create' : 'update', before, after: auditImage(saved) });
  return saved;
}

export function deleteIncident(db: RegisterDb, ctx: WriteContext, id: number): { id: number } {
  db.transaction(() => {
    const before = auditImage(getIncident(db, id));
    db.prepare('DELETE FROM incidents WHERE id = ?').run(id);
    recordAudit(db, ctx, { entity: 'incident', entityId: id, action: 'delete', before, after: null });
  })();
  return { id };
}
