// Importing a spreadsheet: choose the file, say what it holds and which column is which, check every row, then
// import — all or nothing, unless the rows with errors are to be skipped — and read the report.
import { useMemo, useState, type DragEvent } from 'react';
import { IMPORT_ENTITIES, type ImportCheck, type ImportEntity, type ImportFile, type ImportIssue, type ImportMode, type ImportOptions, type ImportReport, type ImportRowPreview, type JobStatus, type SavedMapping } from '../../db/contract';
import { IMPORT_ENTITY_LABELS, IMPORT_FIELDS } from '../../db/shared/import-fields';
import { importReportCsv, rowOutcome } from '../../db/shared/import-report';
import { Field } from '../components/Field';
import { Tile } from '../components/Tile';
import { download, JobEnded, readAsBase64, runJob, type RunningJob } from '../files';
import { formatCompact, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

type Mapping = Record<string, number | null>;

const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

const MODE_LABELS: Record<ImportMode, string> = {
  upsert: 'Add new and update existing',
  create: 'Add new only',
  update: 'Update existing only',
};

const MATCHED_ON: Record<ImportEntity, string> = {
  vendors: 'vendor name',
  holdings: 'vendor, data category and storage country',
  services: 'service name (and vendor for its links)',
  incidents: 'vendor, title and date',
};

function Progress({ status, onCancel }: { status: JobStatus | null; onCancel?: () => void }) {
  const fraction = status && status.total > 0 ? Math.min(1, status.done / status.total) : null;
  return (
    <div className="progress-panel" role="status" aria-live="polite" data-testid="import-progress">
      <p>
        <strong>{status?.phase ?? 'Starting'}…</strong>
        {status && status.total > 1 && (
          <span className="muted">
            {' '}
            {status.done.toLocaleString()} of {status.total.toLocaleString()}
          </span>
        )}
      </p>
      <div className="progress" aria-hidden="true">
        <div className={`progress__bar${fraction === null ? ' progress__bar--indeterminate' : ''}`} style={fraction === null ? undefined : { width: `${(100 * fraction).toFixed(1)}%` }} />
      </div>
      {onCancel && (
        <button type="button" className="button button--small" onClick={onCancel}>
          Cancel
        </button>
      )}
    </div>
  );
}

function IssueTable({ issues, total }: { issues: ImportIssue[]; total: number }) {
  const [level, setLevel] = useState<'all' | 'error' | 'warning'>('all');
  const [descending, setDescending] = useState(false);
  const shown = issues.filter((i) => level === 'all' || i.level === level).sort((a, b) => (descending ? b.line - a.line : a.line - b.line) || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  if (issues.length === 0) return <p className="muted">No problems found in any row.</p>;
  return (
    <>
      <div className="toolbar">
        <div className="segmented" role="radiogroup" aria-label="Show">
          {(['all', 'error', 'warning'] as const).map((l) => (
            <label key={l} className={level === l ? 'is-active' : undefined}>
              <input type="radio" name="issue-level" checked={level === l} onChange={() => setLevel(l)} />
              {l === 'all' ? `All (${issues.length})` : l === 'error' ? `Errors (${issues.filter((i) => i.level === 'error').length})` : `Warnings (${issues.filter((i) => i.level === 'warning').length})`}
            </label>
          ))}
        </div>
        {total > issues.length && <span className="muted small">Showing the first {issues.length.toLocaleString()} of {total.toLocaleString()} problems.</span>}
      </div>
      <div className="table-wrap table-wrap--scroll">
        <table className="table" aria-label="Problems by row" data-testid="import-issues">
          <thead>
            <tr>
              <th className="num" aria-sort={descending ? 'descending' : 'ascending'}>
                <button type="button" className="sort" onClick={() => setDescending(!descending)}>
                  Row {descending ? '↓' : '↑'}
                </button>
              </th>
              <th>Column</th>
              <th>Problem</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((issue, i) => (
              <tr key={`${issue.line}:${i}`}>
                <td className="num">{issue.line}</td>
                <td>{issue.column ?? '—'}</td>
                <td>
                  <span className={`tag ${issue.level === 'error' ? 'tag--danger' : 'tag--warning'}`}>{issue.level}</span> {issue.message}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function ImportView() {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);
  const setView = useApp((s) => s.setView);
  const mappings = useApiQuery('import-mappings', (a) => a.imports.mappings({}));

  const [file, setFile] = useState<ImportFile | null>(null);
  /** The file chosen, kept to read another of its sheets. */
  const [selected, setSelected] = useState<File | null>(null);
  const [entity, setEntity] = useState<ImportEntity>('vendors');
  const [mapping, setMapping] = useState<Mapping>({});
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [dateOrder, setDateOrder] = useState<'dmy' | 'mdy'>('dmy');
  const [unknownVendors, setUnknownVendors] = useState<'create' | 'error'>('error');
  const [skipErrors, setSkipErrors] = useState(false);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [running, setRunning] = useState<{ job: RunningJob<unknown>; status: JobStatus | null; cancellable: boolean } | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [mappingError, setMappingError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);

  const fields = IMPORT_FIELDS[entity];
  const options: ImportOptions = { entity, mapping, mode, dateOrder, unknownVendors, skipErrors, decimal: 'point', defaults: {}, translate: {}, vendorAliases: {} };
  const missingRequired = fields.filter((f) => f.required && mapping[f.key] == null);
  const usedTwice = useMemo(() => {
    const seen = new Map<number, string>();
    const twice = new Set<string>();
    for (const [key, index] of Object.entries(mapping)) {
      if (index == null) continue;
      if (seen.has(index)) twice.add(key).add(seen.get(index)!);
      seen.set(index, key);
    }
    return twice;
  }, [mapping]);

  /** Runs a job with the progress panel; returns its result, or null when it was cancelled or failed (and says why). */
  const withProgress = async <T,>(start: () => Promise<{ jobId: string }>, cancellable: boolean): Promise<T | null> => {
    const job = runJob<T>(api, start, (status) => setRunning((r) => (r ? { ...r, status } : r)));
    setRunning({ job: job as RunningJob<unknown>, status: null, cancellable });
    try {
      return await job.result;
    } catch (error) {
      if (error instanceof JobEnded && error.status.state === 'cancelled') notify('Cancelled: nothing was imported.', 'success');
      else notify(error);
      return null;
    } finally {
      setRunning(null);
    }
  };

  const chooseEntity = (next: ImportEntity, from: ImportFile | null = file) => {
    setEntity(next);
    setMapping(from ? { ...from.suggestedMappings[next] } : {});
    setCheck(null);
  };

  const readFile = async (chosen: File, sheet?: string) => {
    setReport(null);
    setCheck(null);
    const base64 = await readAsBase64(chosen);
    const read = await withProgress<ImportFile>(() => api.imports.read({ fileName: chosen.name, base64, sheet: sheet ?? null }), true);
    if (!read) return;
    setFile(read);
    setSelected(chosen);
    chooseEntity(read.suggestedEntity, read);
    if (read.dateOrder.order) setDateOrder(read.dateOrder.order);
    // A saved mapping whose columns this file has (all of them, by header name) is applied at once.
    const headers = new Set(read.headers.map((h) => h.toLowerCase()));
    const saved = (mappings.data ?? []).find((m) => Object.values(m.columns).length > 0 && Object.values(m.columns).every((h) => headers.has(h.toLowerCase())));
    if (saved) {
      applySaved(saved, read);
      notify(`Applied the saved mapping “${saved.name}”.`, 'success');
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) void readFile(dropped);
  };

  const runCheck = async () => {
    if (!file) return;
    const result = await withProgress<ImportCheck>(() => api.imports.check({ fileId: file.fileId, options }), true);
    if (result) {
      setCheck(result);
      setSkipErrors(false);
    }
  };

  const commit = async () => {
    if (!file) return;
    const result = await withProgress<ImportReport>(() => api.imports.commit({ fileId: file.fileId, options }), true);
    if (!result) return;
    setReport(result);
    if (result.committed) {
      reloadVendors();
      void refreshRegisterInfo();
    }
  };

  const applySaved = (saved: SavedMapping, target: ImportFile | null = file) => {
    if (!target) return;
    setEntity(saved.entity);
    const next: Mapping = {};
    for (const field of IMPORT_FIELDS[saved.entity]) {
      const header = saved.columns[field.key];
      const index = header === undefined ? -1 : target.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase());
      next[field.key] = index >= 0 ? index : null;
    }
    setMapping(next);
    setCheck(null);
  };

  const saveMapping = async () => {
    if (!file) return;
    try {
      const columns = Object.fromEntries(Object.entries(mapping).filter(([, i]) => i != null).map(([key, i]) => [key, file.headers[i!]!]));
      await api.imports.saveMapping({ name: mappingName, entity, columns });
      setMappingError(undefined);
      setMappingName('');
      mappings.reload();
      notify(`Mapping “${mappingName.trim()}” saved.`, 'success');
    } catch (error) {
      setMappingError(messageOf(error));
    }
  };

  const forgetMapping = async (saved: SavedMapping) => {
    try {
      await api.imports.deleteMapping({ id: saved.id });
      mappings.reload();
    } catch (error) {
      notify(error);
    }
  };

  const reset = () => {
    setFile(null);
    setSelected(null);
    setCheck(null);
    setReport(null);
  };

  // ------------------------------------------------------------------------------------------------------------

  if (running) {
    return (
      <section className="page page--narrow">
        <header className="page__header">
          <h2>Import</h2>
        </header>
        <div className="card">
          <Progress status={running.status} onCancel={running.cancellable ? () => running.job.cancel() : undefined} />
          <p className="muted small">The register stays as it was until the import is complete; cancelling leaves it untouched.</p>
        </div>
      </section>
    );
  }

  if (report) {
    return (
      <section className="page page--narrow" data-testid="import-report">
        <header className="page__header">
          <div>
            <h2>{report.committed ? 'Import complete' : 'Nothing was imported'}</h2>
            <p className="muted">
              {report.fileName} · {IMPORT_ENTITY_LABELS[report.entity].toLowerCase()} · {formatDateTime(report.at)}
            </p>
          </div>
        </header>
        {!report.committed && <p className="form-error">{rows(report.withErrors)} {report.withErrors === 1 ? 'has' : 'have'} errors, so the file was not imported. Fix them in the file, or choose to skip them.</p>}
        <div className="tiles">
          <Tile testId="report-created" label="Added" value={report.created.toLocaleString()} tone={report.created ? 'success' : undefined} />
          <Tile testId="report-updated" label="Updated" value={report.updated.toLocaleString()} />
          <Tile testId="report-skipped" label="Skipped" value={report.skipped.toLocaleString()} tone={report.skipped ? 'warning' : undefined} detail={report.skipped ? 'rows with errors, listed below' : undefined} />
          <Tile testId="report-unchanged" label="Unchanged" value={report.unchanged.toLocaleString()} detail={report.unchanged ? 'matched, nothing new in the file' : undefined} />
          <Tile label="Vendors added" value={report.committed ? report.newVendors.length : 0} detail={report.newVendors.slice(0, 3).join(', ') || undefined} />
        </div>
        <div className="page__actions">
          {report.committed && (
            <button type="button" className="button button--primary" onClick={() => setView(report.entity === 'incidents' ? 'incidents' : report.entity === 'services' ? 'services' : 'register')}>
              Show {report.entity === 'incidents' ? 'incidents' : report.entity === 'services' ? 'services' : 'the register'}
            </button>
          )}
          <button type="button" className="button" onClick={reset}>
            Import another file
          </button>
          <button type="button" className="button" onClick={() => download(new Blob([importReportCsv(report)], { type: 'text/csv;charset=utf-8' }), `Import report – ${report.fileName}.csv`)}>
            Download the report
          </button>
        </div>
        <div className="card">
          <h3>Problems, row by row</h3>
          <IssueTable issues={report.issues} total={report.issueCount} />
        </div>
        <div className="card">
          <h3>
            Rows {report.preview.length < report.rows && <span className="muted">(the first {report.preview.length.toLocaleString()} of {report.rows.toLocaleString()}, rows with errors first)</span>}
          </h3>
          <div className="table-wrap table-wrap--scroll">
            <table className="table" aria-label="Rows imported">
              <thead>
                <tr>
                  <th className="num">Row</th>
                  <th>Outcome</th>
                  <th>Record</th>
                </tr>
              </thead>
              <tbody>
                {report.preview.map((row) => (
                  <tr key={row.line} className={row.action === 'error' ? 'is-error' : undefined}>
                    <td className="num">{row.line}</td>
                    <td>{rowOutcome(row.action, report.committed)}</td>
                    <td>{row.label}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </section>
    );
  }

  if (!file) {
    return (
      <section className="page page--narrow">
        <header className="page__header">
          <div>
            <h2>Import</h2>
            <p className="muted">Bring vendors, data holdings, services or incidents in from a spreadsheet (CSV or Excel .xlsx). Nothing is written until you have checked every row.</p>
          </div>
        </header>
        <label
          className={`drop-zone${dragging ? ' is-dragging' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input type="file" accept=".csv,.tsv,.txt,.xlsx" data-testid="import-file" onChange={(e) => e.target.files?.[0] && void readFile(e.target.files[0])} />
          <strong>Choose a file, or drop it here</strong>
          <span className="muted">CSV in any common layout (comma, semicolon, tab; UTF-8 or Windows-1252) or an Excel workbook</span>
        </label>
        <div className="card">
          <h3>What the columns can hold</h3>
          <p className="muted small">Headers are matched automatically, ignoring case, spaces and punctuation, on the names below and common synonyms. You can change every match before importing.</p>
          <div className="field-reference">
            {IMPORT_ENTITIES.map((e) => (
              <div key={e}>
                <h4>{IMPORT_ENTITY_LABELS[e]}</h4>
                <p className="small">{IMPORT_FIELDS[e].map((f) => `${f.label}${f.required ? ' *' : ''}`).join(' · ')}</p>
              </div>
            ))}
          </div>
        </div>
      </section>
    );
  }

  const savedForEntity = (mappings.data ?? []).filter((m) => m.entity === entity);
  const errorsBlock = check && check.withErrors > 0 && !skipErrors;

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Import {file.fileName}</h2>
          <p className="muted" data-testid="import-file-facts">
            {file.format === 'xlsx' ? `Excel workbook, sheet “${file.sheet}”` : `CSV, ${file.encoding}, separated by ${file.delimiter === '\t' ? 'tabs' : `“${file.delimiter}”`}`} · {rows(file.rowCount)}
            {file.blankRows > 0 && ` (${file.blankRows} blank ${file.blankRows === 1 ? 'row' : 'rows'} left out)`}
          </p>
        </div>
        <div className="page__actions">
          <button type="button" className="button" onClick={reset}>
            Choose another file
          </button>
        </div>
      </header>

      <div className="import-layout">
        <div className="card">
          <h3>1. What the file holds</h3>
          <div className="form-grid">
            <Field label="Records in this file">
              <select value={entity} onChange={(e) => chooseEntity(e.target.value as ImportEntity)} data-testid="import-entity">
                {IMPORT_ENTITIES.map((e) => (
                  <option key={e} value={e}>
                    {IMPORT_ENTITY_LABELS[e]}
                  </option>
                ))}
              </select>
            </Field>
            {file.sheets.length > 1 && selected && (
              <Field label="Sheet">
                <select value={file.sheet ?? ''} onChange={(e) => void readFile(selected, e.target.value)}>
                  {file.sheets.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </Field>
            )}
            {savedForEntity.length > 0 && (
              <Field label="Saved mapping">
                <select value="" onChange={(e) => applySaved(savedForEntity.find((m) => String(m.id) === e.target.value)!)}>
                  <option value="">Apply a saved mapping…</option>
                  {savedForEntity.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </div>

          <h3>2. Which column is which</h3>
          <div className="table-wrap">
            <table className="table mapping-table" aria-label="Column mapping">
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Column in the file</th>
                  <th>First values</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => {
                  const index = mapping[field.key] ?? null;
                  const samples = index === null ? [] : file.samples.map((row) => row[index] ?? '').filter(Boolean).slice(0, 3);
                  return (
                    <tr key={field.key} className={field.required && index === null ? 'is-missing' : undefined}>
                      <td>
                        {field.label}
                        {field.required && <span className="field__required"> *</span>}
                        {field.hint && <div className="muted small">{field.hint}</div>}
                      </td>
                      <td>
                        <select aria-label={`Column for ${field.label}`} value={index ?? ''} onChange={(e) => setMapping({ ...mapping, [field.key]: e.target.value === '' ? null : Number(e.target.value) })}>
                          <option value="">— not imported —</option>
                          {file.headers.map((h, i) => (
                            <option key={h} value={i}>
                              {h}
                            </option>
                          ))}
                        </select>
                        {usedTwice.has(field.key) && <div className="field__error">This column is also used for another field.</div>}
                      </td>
                      <td className="muted small sample-values">{samples.join(' · ') || '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {file.headers.filter((_, i) => !Object.values(mapping).includes(i)).length > 0 && (
            <p className="muted small">Not imported: {file.headers.filter((_, i) => !Object.values(mapping).includes(i)).join(', ')}.</p>
          )}
          <div className="save-mapping">
            <Field label="Save this mapping as" error={mappingError} hint="To apply it to the next file with these headers.">
              <input value={mappingName} onChange={(e) => setMappingName(e.target.value)} placeholder="e.g. Procurement system export" />
            </Field>
            <button type="button" className="button" disabled={!mappingName.trim()} onClick={() => void saveMapping()}>
              Save mapping
            </button>
          </div>
          {savedForEntity.length > 0 && (
            <p className="muted small saved-mappings">
              Saved for {IMPORT_ENTITY_LABELS[entity].toLowerCase()}:{' '}
              {savedForEntity.map((m) => (
                <span key={m.id} className="tag">
                  {m.name}
                  <button type="button" className="link-button" aria-label={`Forget the mapping ${m.name}`} onClick={() => void forgetMapping(m)}>
                    ×
                  </button>
                </span>
              ))}
            </p>
          )}
        </div>

        <div className="card">
          <h3>3. How to import</h3>
          <fieldset className="choice-group">
            <legend>Rows already in the register (matched on {MATCHED_ON[entity]})</legend>
            {(Object.keys(MODE_LABELS) as ImportMode[]).map((m) => (
              <label key={m} className="checkbox">
                <input type="radio" name="mode" checked={mode === m} onChange={() => { setMode(m); setCheck(null); }} />
                {MODE_LABELS[m]}
              </label>
            ))}
            <p className="muted small">When a row updates a record, its empty cells leave the register's values as they are.</p>
          </fieldset>
          <fieldset className="choice-group">
            <legend>Dates written like 03/04/2026 are</legend>
            <label className="checkbox">
              <input type="radio" name="dates" checked={dateOrder === 'dmy'} onChange={() => { setDateOrder('dmy'); setCheck(null); }} />
              day/month/year (3 April)
            </label>
            <label className="checkbox">
              <input type="radio" name="dates" checked={dateOrder === 'mdy'} onChange={() => { setDateOrder('mdy'); setCheck(null); }} />
              month/day/year (March 4)
            </label>
            {file.dateOrder.evidence && (
              <p className={`small ${file.dateOrder.conflict ? 'text-danger' : 'muted'}`}>
                {file.dateOrder.conflict ? `The file mixes both orders (${file.dateOrder.evidence}).` : `Detected from “${file.dateOrder.evidence}”.`}
              </p>
            )}
          </fieldset>
          <fieldset className="choice-group">
            <legend>Vendors the file names that are not in the register</legend>
            <label className="checkbox">
              <input type="radio" name="unknown" checked={unknownVendors === 'error'} onChange={() => { setUnknownVendors('error'); setCheck(null); }} />
              Report them as errors
            </label>
            <label className="checkbox">
              <input type="radio" name="unknown" checked={unknownVendors === 'create'} onChange={() => { setUnknownVendors('create'); setCheck(null); }} />
              Add them as new vendors (details to fill in later)
            </label>
          </fieldset>
          {missingRequired.length > 0 && <p className="form-error">Choose a column for {missingRequired.map((f) => f.label).join(' and ')}.</p>}
          <button type="button" className="button button--primary" disabled={missingRequired.length > 0 || usedTwice.size > 0} onClick={() => void runCheck()} data-testid="import-check">
            Check {rows(file.rowCount)}
          </button>
        </div>
      </div>

      {check && (
        <div className="card" data-testid="import-check-result">
          <h3>4. Check</h3>
          <div className="tiles">
            <Tile label="Rows" value={formatCompact(check.rows)} />
            <Tile testId="check-create" label="To add" value={check.toCreate.toLocaleString()} tone={check.toCreate ? 'success' : undefined} />
            <Tile testId="check-update" label="To update" value={check.toUpdate.toLocaleString()} />
            <Tile testId="check-errors" label="Rows with errors" value={check.withErrors.toLocaleString()} tone={check.withErrors ? 'danger' : undefined} />
            <Tile label="Rows with warnings" value={check.withWarnings.toLocaleString()} tone={check.withWarnings ? 'warning' : undefined} />
            <Tile label="New vendors" value={check.newVendors.length} detail={check.newVendors.slice(0, 3).join(', ') || undefined} />
          </div>
          <IssueTable issues={check.issues} total={check.issueCount} />
          <details className="preview-rows">
            <summary>
              Preview of the rows as read ({Math.min(check.preview.length, check.rows).toLocaleString()}
              {check.rows > check.preview.length ? ` of ${check.rows.toLocaleString()}` : ''})
            </summary>
            <div className="table-wrap table-wrap--scroll">
              <table className="table" aria-label="Rows as read">
                <thead>
                  <tr>
                    <th className="num">Row</th>
                    <th>Action</th>
                    {fields.filter((f) => mapping[f.key] != null).map((f) => (
                      <th key={f.key}>{f.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {check.preview.map((row) => (
                    <tr key={row.line} className={row.action === 'error' ? 'is-error' : undefined}>
                      <td className="num">{row.line}</td>
                      <td>
                        <span className={`tag ${row.action === 'error' ? 'tag--danger' : row.action === 'create' ? 'tag--success' : ''}`}>{row.action === 'error' ? 'error' : row.action === 'create' ? 'add' : 'update'}</span>
                      </td>
                      {fields.filter((f) => mapping[f.key] != null).map((f) => (
                        <td key={f.key}>{row.values[f.key]}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
          <div className="commit-bar">
            {check.withErrors > 0 && (
              <label className="checkbox">
                <input type="checkbox" checked={skipErrors} onChange={(e) => setSkipErrors(e.target.checked)} data-testid="import-skip-errors" />
                Skip the {rows(check.withErrors)} with errors and import the other {rows(check.rows - check.withErrors)}
              </label>
            )}
            {errorsBlock && <p className="muted small">With errors, nothing is imported unless you choose to skip those rows.</p>}
            <button type="button" className="button button--primary" disabled={Boolean(errorsBlock) || check.rows - check.withErrors === 0} onClick={() => void commit()} data-testid="import-commit">
              Import {rows(check.rows - (skipErrors ? check.withErrors : 0))}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
