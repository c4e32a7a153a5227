// Importing a spreadsheet: choose the file, say what it holds and which column is which, check every row, then
// import — all or nothing, unless the rows with errors are to be skipped — and read the report.
import { useMemo, useState, type DragEvent } from 'react';
import { IMPORT_MODE_LABELS } from '../../db/shared/labels';
import { IMPORT_ENCODINGS, IMPORT_ENTITIES } from '../../db/shared/vocabulary';
import type { ImportCheck, ImportEncoding, ImportEntity, ImportFile, ImportIssue, ImportMode, ImportOptions, ImportReport, JobStatus, RegisterInfo, SavedMapping } from '../../db/contract';
import { IMPORT_ENTITY_LABELS, IMPORT_FIELDS } from '../../db/shared/import-fields';
import { importReportCsv, rowOutcome } from '../../db/shared/import-report';
import { Field } from '../components/Field';
import { Tile } from '../components/Tile';
import { download, JobEnded, readAsBase64, runJob, type RunningJob } from '../files';
import { formatCompact, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';
import './import.css';

type Mapping = Record<string, number | null>;

const rows = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'row' : 'rows'}`;

const MATCHED_ON: Record<ImportEntity, string> = {
  vendors: 'vendor name',
  holdings: 'vendor, data category and storage country',
  services: 'service name (and vendor for its links)',
  incidents: 'vendor, title and date',
  contracts: 'vendor and reference',
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

const ENCODING_LABELS: Record<ImportEncoding, string> = {
  'utf-8': 'UTF-8',
  'windows-1252': 'Windows-1252 (Western Europe, Americas)',
  'windows-1250': 'Windows-1250 (Central Europe)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  macintosh: 'Mac Roman',
  'utf-16le': 'UTF-16',
  cp850: 'DOS code page 850',
};

const DELIMITER_LABELS: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'bar' };

const ODD_LABELS: Record<string, string> = { title: 'title', total: 'total', note: 'note', group: 'group header', chosen: 'chosen' };

/** Errors and warnings grouped by cause, with how many rows each has: one line for 853 identical errors. */
function CauseTable({ causes }: { causes: ImportCheck['causes'] }) {
  if (causes.length === 0) return null;
  return (
    <div className="table-wrap table-wrap--scroll import-causes">
      <table className="table" aria-label="Problems by cause" data-testid="import-causes">
        <thead>
          <tr>
            <th className="num">Rows</th>
            <th>Column</th>
            <th>Cause</th>
          </tr>
        </thead>
        <tbody>
          {causes.map((c) => (
            <tr key={`${c.level}|${c.column}|${c.cause}`}>
              <td className="num">{c.count.toLocaleString()}</td>
              <td>{c.column ?? '—'}</td>
              <td>
                <span className={`tag ${c.level === 'error' ? 'tag--danger' : 'tag--warning'}`}>{c.level}</span> {c.cause}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ImportView() {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const refreshRegisterInfo = useApp((s) => s.refreshRegisterInfo);
  const registerOpened = useApp((s) => s.registerOpened);
  const setView = useApp((s) => s.setView);
  const mappings = useApiQuery('import-mappings', (a) => a.imports.mappings({}));
  const categories = useApiQuery('categories', (a) => a.categories.list({}));

  const [file, setFile] = useState<ImportFile | null>(null);
  /** The file chosen, kept to read it again (another sheet, header row, encoding or delimiter). */
  const [selected, setSelected] = useState<File | null>(null);
  const [entity, setEntity] = useState<ImportEntity>('vendors');
  const [mapping, setMapping] = useState<Mapping>({});
  const [mode, setMode] = useState<ImportMode>('upsert');
  const [dateOrder, setDateOrder] = useState<'dmy' | 'mdy'>('dmy');
  const [decimal, setDecimal] = useState<'point' | 'comma'>('point');
  const [unknownVendors, setUnknownVendors] = useState<'create' | 'error'>('error');
  const [skipErrors, setSkipErrors] = useState(false);
  const [leaveOut, setLeaveOut] = useState<number[]>([]);
  const [defaults, setDefaults] = useState<Record<string, string>>({});
  const [translate, setTranslate] = useState<Record<string, Record<string, string>>>({});
  const [vendorAliases, setVendorAliases] = useState<Record<string, string>>({});
  const [wide, setWide] = useState<{ column: number; category: string }[] | null>(null);
  const [filters, setFilters] = useState<ImportOptions['filters']>([]);
  const [combine, setCombine] = useState<ImportOptions['combine']>([]);
  const [split, setSplit] = useState<ImportOptions['split']>([]);
  const [check, setCheck] = useState<ImportCheck | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [running, setRunning] = useState<{ job: RunningJob<unknown>; status: JobStatus | null; cancellable: boolean } | null>(null);
  const [mappingName, setMappingName] = useState('');
  const [mappingError, setMappingError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const [headerLine, setHeaderLine] = useState('');

  const fields = IMPORT_FIELDS[entity];
  const wideOn = entity === 'holdings' && wide !== null && wide.length > 0;
  const options: ImportOptions = { entity, mapping, mode, dateOrder, unknownVendors, skipErrors, decimal, leaveOut, defaults, translate, vendorAliases, filters, combine, split, ...(wideOn ? { wide } : {}) };
  const derived = new Set([...combine.map((c) => c.field), ...split.flatMap((sp) => sp.fields.filter((f): f is string => f !== null))]);
  const filledByWide = (key: string) => (wideOn && (key === 'category' || key === 'records')) || derived.has(key);
  const missingRequired = fields.filter((f) => f.required && mapping[f.key] == null && !defaults[f.key] && !filledByWide(f.key));
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

  /** Anything that changes what a check would find drops the last check. */
  const changed = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setCheck(null);
  };

  const chooseEntity = (next: ImportEntity, from: ImportFile | null = file) => {
    setEntity(next);
    setMapping(from ? { ...from.suggestedMappings[next] } : {});
    setDefaults({});
    setTranslate({});
    setCombine([]);
    setSplit([]);
    setCheck(null);
  };

  const readFile = async (chosen: File, choices: { sheet?: string | null; headerLine?: number | null; encoding?: ImportEncoding | null; delimiter?: ',' | ';' | '\t' | '|' | null } = {}) => {
    setReport(null);
    setCheck(null);
    const base64 = await readAsBase64(chosen);
    const read = await withProgress<ImportFile>(() => api.imports.read({ fileName: chosen.name, base64, sheet: choices.sheet ?? null, headerLine: choices.headerLine ?? null, encoding: choices.encoding ?? null, delimiter: choices.delimiter ?? null }), true);
    if (!read) return;
    setFile(read);
    setSelected(chosen);
    setHeaderLine(String(read.headerLine));
    setLeaveOut(read.oddRows.filter((r) => r.kind !== 'title').map((r) => r.line));
    setVendorAliases({});
    setFilters([]);
    setWide(read.wideHoldings.length ? read.wideHoldings : null);
    chooseEntity(read.suggestedEntity, read);
    if (read.dateOrder.order) setDateOrder(read.dateOrder.order);
    setDecimal(read.decimal.decimal ?? 'point');
    // A saved mapping whose columns this file has (all of them, by header name) is applied at once.
    const headers = new Set(read.headers.map((h) => h.toLowerCase()));
    const saved = (mappings.data ?? []).find((m) => Object.values(m.columns).length > 0 && Object.values(m.columns).every((h) => headers.has(h.toLowerCase())));
    if (saved) {
      applySaved(saved, read);
      notify(`Applied the saved mapping “${saved.name}”.`, 'success');
    }
  };
  const reread = (choices: Parameters<typeof readFile>[1]) => {
    if (!selected || !file) return;
    void readFile(selected, { sheet: file.sheet, headerLine: file.headerLine, ...choices });
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

  const undo = async () => {
    if (!report?.undo) return;
    const info = await withProgress<RegisterInfo>(() => api.imports.undo(report.undo!), false);
    if (!info) return;
    registerOpened(info);
    setReport(null);
    setFile(null);
    notify(`Undone: the register is back as it was before importing ${report.fileName}.`, 'success');
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
    setTranslate(saved.translate);
    setDefaults(saved.defaults);
    setCheck(null);
  };

  const saveMapping = async () => {
    if (!file) return;
    try {
      const columns = Object.fromEntries(Object.entries(mapping).filter(([, i]) => i != null).map(([key, i]) => [key, file.headers[i!]!]));
      await api.imports.saveMapping({ name: mappingName, entity, columns, translate, defaults });
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
        <div className="page__actions import-actions">
          {report.committed && (
            <button type="button" className="button button--primary" onClick={() => setView(report.entity === 'incidents' ? 'incidents' : report.entity === 'services' ? 'services' : 'register')}>
              Show {report.entity === 'incidents' ? 'incidents' : report.entity === 'services' ? 'services' : 'the register'}
            </button>
          )}
          {report.undo && (
            <button type="button" className="button" onClick={() => void undo()} data-testid="import-undo" title="Restores the backup taken just before this import, if nothing else was written since">
              Undo this import
            </button>
          )}
          <button type="button" className="button" onClick={reset}>
            Import another file
          </button>
          <button type="button" className="button" onClick={() => void download(new Blob([importReportCsv(report)], { type: 'text/csv;charset=utf-8' }), `Import report – ${report.fileName}.csv`).then((where) => where && notify(where, 'success'))}>
            Download the report
          </button>
        </div>
        {report.leftOut.length > 0 && (
          <p className="small" data-testid="report-left-out">
            {rows(report.leftOut.length)} left out as not records: {report.leftOut.map((r) => `row ${r.line} (${ODD_LABELS[r.kind] ?? r.kind}) “${r.text}”`).join('; ')}.
          </p>
        )}
        {report.filteredOut > 0 && (
          <p className="small" data-testid="report-filtered-out">
            {rows(report.filteredOut)} filtered out: not imported, as the filters chose.
          </p>
        )}
        {report.undo && <p className="muted small">A backup was taken just before the import. “Undo this import” restores it while nothing else has been written to the register.</p>}
        {report.causes.length > 0 && (
          <div className="card">
            <h3>Problems by cause</h3>
            <CauseTable causes={report.causes} />
          </div>
        )}
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
                {report.preview.map((row, i) => (
                  <tr key={`${row.line}:${i}`} className={row.action === 'error' ? 'is-error' : undefined}>
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
          <span className="muted">CSV in any common layout (comma, semicolon, tab; UTF-8, Windows code pages) or an Excel workbook</span>
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
  const hidden = new Set(file.hiddenColumns);
  const headerName = (i: number) => `${file.headers[i]}${hidden.has(i) ? ' (hidden)' : ''}`;
  const unused = file.headers.map((_, i) => i).filter((i) => !Object.values(mapping).includes(i) && !(wideOn && wide!.some((w) => w.column === i)));
  const oddOfRecords = file.oddRows.filter((r) => r.kind !== 'title');
  const errorsBlock = check && check.withErrors > 0 && !skipErrors;
  const importable = check ? check.rows - (skipErrors ? check.withErrors : 0) : 0;
  const blockedBecause = !check
    ? null
    : errorsBlock
      ? `${rows(check.withErrors)} ${check.withErrors === 1 ? 'has' : 'have'} errors: fix them in the file, or tick “Skip” to import the others.`
      : check.rows - check.withErrors === 0
        ? 'No row can be imported: every row has errors.'
        : null;
  const checkBlockedBecause = missingRequired.length > 0 ? `Choose a column (or a default) for ${missingRequired.map((f) => f.label).join(' and ')}.` : usedTwice.size > 0 ? 'A column is used for two fields: choose one of them.' : null;
  const fieldLabel = (key: string) => fields.find((f) => f.key === key)?.label ?? key;
  // Fields no column fills that a single value can (not the record's name or vendor, which differ by row).
  const defaultable = fields.filter((f) => mapping[f.key] == null && !filledByWide(f.key) && !(f.key in defaults) && f.kind !== 'vendor' && f.kind !== 'category' && f.key !== 'name' && f.key !== 'title' && f.key !== 'reference');

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h2>Import {file.fileName}</h2>
          <p className="muted" data-testid="import-file-facts">
            {file.format === 'xlsx' ? `Excel workbook, sheet “${file.sheet}”` : `CSV, ${file.encoding}, separated by ${file.delimiter === '\t' ? 'tabs' : `“${file.delimiter}”`}`} · headers on row {file.headerLine} · {rows(file.rowCount)}
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
          {file.notes.length > 0 && (
            <ul className="import-notes small" data-testid="import-notes" aria-label="What the read found">
              {file.notes.map((note) => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
          <div className="form-grid import-read">
            <Field label="Records in this file">
              <select value={entity} onChange={(e) => chooseEntity(e.target.value as ImportEntity)} data-testid="import-entity">
                {IMPORT_ENTITIES.map((e) => (
                  <option key={e} value={e}>
                    {IMPORT_ENTITY_LABELS[e]}
                  </option>
                ))}
              </select>
            </Field>
            {file.sheets.length > 1 && (
              <Field label="Sheet" hint={file.hiddenSheets.length ? 'Hidden sheets are marked.' : undefined}>
                <select value={file.sheet ?? ''} onChange={(e) => reread({ sheet: e.target.value, headerLine: null })} data-testid="import-sheet">
                  {file.sheets.map((s) => (
                    <option key={s} value={s}>
                      {s}
                      {file.hiddenSheets.includes(s) ? ' (hidden)' : ''}
                      {s === file.activeSheet ? ' (active)' : ''}
                    </option>
                  ))}
                </select>
              </Field>
            )}
            <Field label="Headers are on row" hint="The first row that looks like headers; titles above it are left out.">
              <input
                type="number"
                min={1}
                className="input-narrow"
                value={headerLine}
                onChange={(e) => setHeaderLine(e.target.value)}
                onBlur={() => Number(headerLine) !== file.headerLine && Number(headerLine) >= 1 && reread({ headerLine: Number(headerLine) })}
                onKeyDown={(e) => e.key === 'Enter' && Number(headerLine) !== file.headerLine && Number(headerLine) >= 1 && reread({ headerLine: Number(headerLine) })}
                data-testid="import-header-line"
              />
            </Field>
            {file.format === 'csv' && (
              <>
                <Field label="Text encoding">
                  <select value="" onChange={(e) => e.target.value && reread({ encoding: e.target.value as ImportEncoding })} data-testid="import-encoding">
                    <option value="">{file.encoding} (detected)</option>
                    {IMPORT_ENCODINGS.map((enc) => (
                      <option key={enc} value={enc}>
                        {ENCODING_LABELS[enc]}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field label="Separator">
                  <select value={file.delimiter ?? ','} onChange={(e) => reread({ delimiter: e.target.value as ',' | ';' | '\t' | '|' })}>
                    {Object.entries(DELIMITER_LABELS).map(([d, label]) => (
                      <option key={d} value={d}>
                        {label}
                      </option>
                    ))}
                  </select>
                </Field>
              </>
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

          {file.oddRows.length > 0 && (
            <fieldset className="choice-group import-odd" data-testid="import-odd-rows">
              <legend>Rows that are not records</legend>
              {file.oddRows
                .filter((r) => r.kind === 'title')
                .map((r) => (
                  <p key={r.line} className="small muted">
                    Row {r.line} ({ODD_LABELS[r.kind]}, above the headers): {r.text}
                  </p>
                ))}
              {oddOfRecords.map((r) => (
                <label key={r.line} className="checkbox">
                  <input type="checkbox" checked={leaveOut.includes(r.line)} onChange={(e) => changed(setLeaveOut)(e.target.checked ? [...leaveOut, r.line] : leaveOut.filter((l) => l !== r.line))} />
                  Leave out row {r.line} ({ODD_LABELS[r.kind]}): <span className="import-odd__text">{r.text}</span>
                </label>
              ))}
            </fieldset>
          )}

          <fieldset className="choice-group import-rules" data-testid="import-filters">
            <legend>Only the rows where</legend>
            {filters.map((f, i) => (
              <div key={i} className="import-rule">
                <select aria-label={`Filter ${i + 1}: column`} value={f.column} onChange={(e) => changed(setFilters)(filters.map((x, j) => (j === i ? { ...x, column: Number(e.target.value) } : x)))}>
                  {file.headers.map((h, c) => (
                    <option key={h} value={c}>
                      {headerName(c)}
                    </option>
                  ))}
                </select>
                <select aria-label={`Filter ${i + 1}: test`} value={f.op} onChange={(e) => changed(setFilters)(filters.map((x, j) => (j === i ? { ...x, op: e.target.value as typeof f.op } : x)))}>
                  <option value="equals">is</option>
                  <option value="notEquals">is not</option>
                  <option value="contains">contains</option>
                  <option value="notEmpty">is not empty</option>
                </select>
                {f.op !== 'notEmpty' && <input aria-label={`Filter ${i + 1}: value`} value={f.value} onChange={(e) => changed(setFilters)(filters.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />}
                <button type="button" className="link-button" aria-label={`Remove filter ${i + 1}`} onClick={() => changed(setFilters)(filters.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
            ))}
            <p>
              <button type="button" className="link-button small" onClick={() => changed(setFilters)([...filters, { column: 0, op: 'equals', value: '' }])} data-testid="import-add-filter">
                {filters.length ? 'and where…' : 'Import only some rows…'}
              </button>
            </p>
          </fieldset>

          {entity === 'holdings' && file.wideHoldings.length > 0 && (
            <fieldset className="choice-group import-wide" data-testid="import-wide">
              <legend>One column per data category</legend>
              <label className="checkbox">
                <input type="checkbox" checked={wideOn} onChange={(e) => changed(setWide)(e.target.checked ? file.wideHoldings : [])} data-testid="import-wide-on" />
                Each of these columns holds the people of one category: every filled cell becomes a holding
              </label>
              {wideOn && (
                <table className="table import-wide__table" aria-label="Category columns">
                  <tbody>
                    {wide!.map((w) => (
                      <tr key={w.column}>
                        <td>{file.headers[w.column]}</td>
                        <td>
                          <select
                            aria-label={`Data category of ${file.headers[w.column]}`}
                            value={w.category}
                            onChange={(e) => changed(setWide)(wide!.map((x) => (x.column === w.column ? { ...x, category: e.target.value } : x)))}
                          >
                            {(categories.data ?? []).map((c) => (
                              <option key={c.code} value={c.code}>
                                {c.label}
                              </option>
                            ))}
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </fieldset>
          )}

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
                  const byWide = filledByWide(field.key);
                  return (
                    <tr key={field.key} className={field.required && index === null && !defaults[field.key] && !byWide ? 'is-missing' : undefined}>
                      <td>
                        {field.label}
                        {field.required && <span className="field__required"> *</span>}
                        {field.hint && <div className="muted small">{field.hint}</div>}
                      </td>
                      <td>
                        {byWide ? (
                          <span className="muted small">{derived.has(field.key) ? 'From the columns combined or split below' : 'From the category columns'}</span>
                        ) : (
                          <select aria-label={`Column for ${field.label}`} value={index ?? ''} onChange={(e) => changed(setMapping)({ ...mapping, [field.key]: e.target.value === '' ? null : Number(e.target.value) })}>
                            <option value="">— not imported —</option>
                            {file.headers.map((h, i) => (
                              <option key={h} value={i}>
                                {headerName(i)}
                              </option>
                            ))}
                          </select>
                        )}
                        {usedTwice.has(field.key) && <div className="field__error">This column is also used for another field.</div>}
                      </td>
                      <td className="muted small sample-values">{index === null ? (defaults[field.key] ? `every row: ${defaults[field.key]}` : '—') : samples.join(' · ') || '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {unused.length > 0 && <p className="muted small">Not imported: {unused.map(headerName).join(', ')}.</p>}
          <div className="import-rules" data-testid="import-defaults">
            {Object.keys(defaults).map((key) => {
              const field = fields.find((f) => f.key === key);
              if (!field) return null;
              return (
                <div key={key} className="import-rule">
                  <span>Every row’s {field.label.toLowerCase()}:</span>
                  <DefaultValue field={field} value={defaults[key] ?? ''} onChange={(value) => changed(setDefaults)({ ...defaults, [key]: value })} />
                  <button type="button" className="link-button" aria-label={`Remove the value for every row of ${field.label}`} onClick={() => changed(setDefaults)(Object.fromEntries(Object.entries(defaults).filter(([k]) => k !== key)))}>
                    ×
                  </button>
                </div>
              );
            })}
            {defaultable.length > 0 && (
              <div className="import-rule">
                <select aria-label="Give every row a value for" value="" onChange={(e) => e.target.value && changed(setDefaults)({ ...defaults, [e.target.value]: '' })} data-testid="import-add-default">
                  <option value="">Give every row a value for…</option>
                  {defaultable.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
          <div className="import-rules" data-testid="import-combine">
            {combine.map((c, i) => (
              <div key={`c${i}`} className="import-rule">
                <span>Fill</span>
                <select aria-label={`Combined field ${i + 1}`} value={c.field} onChange={(e) => changed(setCombine)(combine.map((x, j) => (j === i ? { ...x, field: e.target.value } : x)))}>
                  {fields.map((f) => (
                    <option key={f.key} value={f.key}>
                      {f.label}
                    </option>
                  ))}
                </select>
                <span>from</span>
                {c.columns.map((col, k) => (
                  <select key={k} aria-label={`Combined field ${i + 1}: column ${k + 1}`} value={col} onChange={(e) => changed(setCombine)(combine.map((x, j) => (j === i ? { ...x, columns: x.columns.map((y, m) => (m === k ? Number(e.target.value) : y)) } : x)))}>
                    {file.headers.map((h, hi) => (
                      <option key={h} value={hi}>
                        {headerName(hi)}
                      </option>
                    ))}
                  </select>
                ))}
                <span>joined by</span>
                <input className="input-tiny" placeholder="space" aria-label={`Combined field ${i + 1}: separator`} value={c.separator} onChange={(e) => changed(setCombine)(combine.map((x, j) => (j === i ? { ...x, separator: e.target.value } : x)))} />
                <button type="button" className="link-button" aria-label={`Remove combined field ${i + 1}`} onClick={() => changed(setCombine)(combine.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
            ))}
            {split.map((sp, i) => (
              <div key={`s${i}`} className="import-rule">
                <span>Split</span>
                <select aria-label={`Split ${i + 1}: column`} value={sp.column} onChange={(e) => changed(setSplit)(split.map((x, j) => (j === i ? { ...x, column: Number(e.target.value) } : x)))}>
                  {file.headers.map((h, hi) => (
                    <option key={h} value={hi}>
                      {headerName(hi)}
                    </option>
                  ))}
                </select>
                <span>at</span>
                <input className="input-tiny" aria-label={`Split ${i + 1}: separator`} value={sp.separator} onChange={(e) => changed(setSplit)(split.map((x, j) => (j === i ? { ...x, separator: e.target.value } : x)))} />
                <span>into</span>
                {sp.fields.map((f, k) => (
                  <select key={k} aria-label={`Split ${i + 1}: part ${k + 1}`} value={f ?? ''} onChange={(e) => changed(setSplit)(split.map((x, j) => (j === i ? { ...x, fields: x.fields.map((y, m) => (m === k ? e.target.value || null : y)) } : x)))}>
                    <option value="">— not imported —</option>
                    {fields.map((fd) => (
                      <option key={fd.key} value={fd.key}>
                        {fd.label}
                      </option>
                    ))}
                  </select>
                ))}
                <button type="button" className="link-button" aria-label={`Remove split ${i + 1}`} onClick={() => changed(setSplit)(split.filter((_, j) => j !== i))}>
                  ×
                </button>
              </div>
            ))}
            <p className="small">
              <button type="button" className="link-button" onClick={() => changed(setCombine)([...combine, { field: fields[1]?.key ?? fields[0]!.key, columns: [0, Math.min(1, file.headers.length - 1)], separator: ' ' }])}>
                Combine columns into a field…
              </button>{' '}
              ·{' '}
              <button type="button" className="link-button" onClick={() => changed(setSplit)([...split, { column: 0, separator: ',', fields: [null, null] }])}>
                Split a column…
              </button>
            </p>
          </div>
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
            {(Object.keys(IMPORT_MODE_LABELS) as ImportMode[]).map((m) => (
              <label key={m} className="checkbox">
                <input type="radio" name="mode" checked={mode === m} onChange={() => changed(setMode)(m)} />
                {IMPORT_MODE_LABELS[m]}
              </label>
            ))}
            <p className="muted small">When a row updates a record, its empty cells (and fields with no column) leave the register's values as they are.</p>
          </fieldset>
          <fieldset className="choice-group">
            <legend>Dates written like 03/04/2026 are</legend>
            <label className="checkbox">
              <input type="radio" name="dates" checked={dateOrder === 'dmy'} onChange={() => changed(setDateOrder)('dmy')} />
              day/month/year (3 April)
            </label>
            <label className="checkbox">
              <input type="radio" name="dates" checked={dateOrder === 'mdy'} onChange={() => changed(setDateOrder)('mdy')} />
              month/day/year (March 4)
            </label>
            {file.dateOrder.evidence && (
              <p className={`small ${file.dateOrder.conflict ? 'text-danger' : 'muted'}`}>
                {file.dateOrder.conflict ? `The file mixes both orders (${file.dateOrder.evidence}).` : `Detected from “${file.dateOrder.evidence}”.`}
              </p>
            )}
          </fieldset>
          <fieldset className="choice-group">
            <legend>Numbers written like 1.250 are</legend>
            <label className="checkbox">
              <input type="radio" name="decimal" checked={decimal === 'point'} onChange={() => changed(setDecimal)('point')} data-testid="import-decimal-point" />
              one and a quarter (decimal point: 1,234.5)
            </label>
            <label className="checkbox">
              <input type="radio" name="decimal" checked={decimal === 'comma'} onChange={() => changed(setDecimal)('comma')} data-testid="import-decimal-comma" />
              one thousand two hundred and fifty (decimal comma: 1.234,5)
            </label>
            {file.decimal.evidence && (
              <p className={`small ${file.decimal.conflict ? 'text-danger' : 'muted'}`}>
                {file.decimal.conflict ? `The file mixes both (${file.decimal.evidence}).` : `Detected from “${file.decimal.evidence}”.`}
              </p>
            )}
          </fieldset>
          <fieldset className="choice-group">
            <legend>Vendors the file names that are not in the register</legend>
            <label className="checkbox">
              <input type="radio" name="unknown" checked={unknownVendors === 'error'} onChange={() => changed(setUnknownVendors)('error')} />
              Report them as errors
            </label>
            <label className="checkbox">
              <input type="radio" name="unknown" checked={unknownVendors === 'create'} onChange={() => changed(setUnknownVendors)('create')} />
              Add them as new vendors (details to fill in later)
            </label>
          </fieldset>
          {checkBlockedBecause && <p className="form-error">{checkBlockedBecause}</p>}
          <button type="button" className="button button--primary" disabled={checkBlockedBecause !== null} onClick={() => void runCheck()} data-testid="import-check">
            Check {rows(file.rowCount - leaveOut.length)}
          </button>
        </div>
      </div>

      {check && (
        <div className="card" data-testid="import-check-result">
          <h3>4. Check</h3>
          <div className="tiles">
            <Tile label="Rows" value={formatCompact(check.rows)} detail={[check.leftOut.length ? `${check.leftOut.length} left out` : '', check.filteredOut ? `${check.filteredOut.toLocaleString()} filtered out` : ''].filter(Boolean).join(', ') || undefined} />
            <Tile testId="check-create" label="To add" value={check.toCreate.toLocaleString()} tone={check.toCreate ? 'success' : undefined} />
            <Tile testId="check-update" label="To update" value={check.toUpdate.toLocaleString()} />
            <Tile testId="check-errors" label="Rows with errors" value={check.withErrors.toLocaleString()} tone={check.withErrors ? 'danger' : undefined} />
            <Tile testId="check-warnings" label="Warnings" value={check.warningCount.toLocaleString()} tone={check.warningCount ? 'warning' : undefined} detail={check.withWarnings ? `${rows(check.withWarnings)} to import have warnings` : undefined} />
            <Tile label="New vendors" value={check.newVendors.length} detail={check.newVendors.slice(0, 3).join(', ') || undefined} />
          </div>

          {check.didYouMean.length > 0 && (
            <fieldset className="choice-group import-pickers" data-testid="import-did-you-mean">
              <legend>Did you mean</legend>
              <p className="muted small">These names are not in the register but look like vendors that are. Choose the vendor they mean, then check again.</p>
              {check.didYouMean.map((d) => (
                <label key={d.name} className="import-picker">
                  <span>“{d.name}”</span>
                  <select aria-label={`Vendor meant by ${d.name}`} value={vendorAliases[d.name] ?? ''} onChange={(e) => setVendorAliases({ ...vendorAliases, [d.name]: e.target.value })}>
                    <option value="">a vendor of its own</option>
                    {d.candidates.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </fieldset>
          )}

          {check.unmatchedValues.length > 0 && (
            <fieldset className="choice-group import-pickers" data-testid="import-unmatched">
              <legend>Values to translate</legend>
              <p className="muted small">The file uses its own words for these fields. Say what each means, then check again.</p>
              {check.unmatchedValues.map((u) => {
                const field = fields.find((f) => f.key === u.field);
                return u.values.map((v) => (
                  <label key={`${u.field}|${v.value}`} className="import-picker">
                    <span>
                      {fieldLabel(u.field)}: “{v.value}” <span className="muted">({rows(v.rows)})</span>
                    </span>
                    <select
                      aria-label={`${fieldLabel(u.field)} meant by ${v.value}`}
                      value={translate[u.field]?.[v.value] ?? ''}
                      onChange={(e) => setTranslate({ ...translate, [u.field]: { ...(translate[u.field] ?? {}), [v.value]: e.target.value } })}
                    >
                      <option value="">— choose —</option>
                      {(field?.choices ?? []).map((c) => (
                        <option key={String(c.value)} value={c.names[0]}>
                          {c.names[0]}
                        </option>
                      ))}
                    </select>
                  </label>
                ));
              })}
            </fieldset>
          )}
          {(check.didYouMean.length > 0 || check.unmatchedValues.length > 0) && (
            <p>
              <button type="button" className="button" onClick={() => void runCheck()} data-testid="import-recheck">
                Check again with these choices
              </button>
            </p>
          )}

          {check.causes.length > 0 && (
            <>
              <h4>Problems by cause</h4>
              <CauseTable causes={check.causes} />
            </>
          )}
          <h4>Problems, row by row</h4>
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
                    {fields.filter((f) => mapping[f.key] != null || defaults[f.key] || filledByWide(f.key)).map((f) => (
                      <th key={f.key}>{f.label}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {check.preview.map((row, i) => (
                    <tr key={`${row.line}:${i}`} className={row.action === 'error' ? 'is-error' : undefined}>
                      <td className="num">{row.line}</td>
                      <td>
                        <span className={`tag ${row.action === 'error' ? 'tag--danger' : row.action === 'create' ? 'tag--success' : ''}`}>{row.action === 'error' ? 'error' : row.action === 'create' ? 'add' : 'update'}</span>
                      </td>
                      {fields.filter((f) => mapping[f.key] != null || defaults[f.key] || filledByWide(f.key)).map((f) => (
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
            {blockedBecause && (
              <p className="muted small" data-testid="import-blocked">
                {blockedBecause}
              </p>
            )}
            <button type="button" className="button button--primary" disabled={blockedBecause !== null} onClick={() => void commit()} data-testid="import-commit">
              Import {rows(importable)}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

/** The value every row gets for a field no column fills: a choice for coded fields and flags, text for the others. */
function DefaultValue({ field, value, onChange }: { field: (typeof IMPORT_FIELDS)[ImportEntity][number]; value: string; onChange: (value: string) => void }) {
  if (field.kind === 'coded' || field.kind === 'boolean') {
    const choices = field.kind === 'boolean' ? ['Yes', 'No'] : (field.choices ?? []).map((c) => c.names[0]!);
    return (
      <select className="import-default" aria-label={`Default for ${field.label}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">— choose —</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    );
  }
  return <input className="import-default" aria-label={`Default for ${field.label}`} placeholder={field.kind === 'date' ? 'e.g. 2026-06-30' : 'value'} value={value} onChange={(e) => onChange(e.target.value)} />;
}
