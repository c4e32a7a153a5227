// Settings → Backups and exports: automatic daily backups (how many to keep), backing up now, restoring a backup,
// and exporting any table, or the whole register as JSON.
import { useState } from 'react';
import { EXPORT_TABLES } from '../../db/shared/vocabulary';
import type { BackupFile, ExportTable, ExportedFile, RegisterInfo } from '../../db/contract';
import { ExportMenu } from '../components/ExportMenu';
import { Field } from '../components/Field';
import { downloadExported, runJob } from '../files';
import { formatBytes, formatDateTime } from '../format';
import { useApi, useApp } from '../store';
import { fieldErrorsOf, messageOf } from '../store/ui';
import { useApiQuery } from '../useApiQuery';

const REASON_LABELS: Record<BackupFile['reason'], string> = {
  daily: 'Daily',
  manual: 'Taken by hand',
  'before-restore': 'Before a restore',
  'before-import': 'Before an import',
};

const TABLE_LABELS: Record<ExportTable, string> = {
  vendors: 'Vendors',
  holdings: 'Data holdings',
  services: 'Services and their vendors',
  incidents: 'Incidents',
  contracts: 'Contracts',
  scores: 'Vendor risk scores',
  concentration: 'Concentration on every basis (HHI, CR1, CR3)',
  dueSoon: 'Due in the next 90 days',
  history: 'History of changes',
};

export function BackupsCard() {
  const api = useApi();
  const confirm = useApp((s) => s.confirm);
  const notify = useApp((s) => s.notify);
  const registerOpened = useApp((s) => s.registerOpened);
  const list = useApiQuery('backups', (a) => a.backups.list({}));
  const [keep, setKeep] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const settings = list.data?.settings;
  const saveSettings = async (daily: boolean, keepText: string) => {
    try {
      await api.backups.updateSettings({ daily, keep: Number(keepText) });
      setErrors({});
      setKeep(null);
      list.reload();
    } catch (error) {
      const fields = fieldErrorsOf(error, '');
      if (fields) setErrors(fields);
      else notify(error);
    }
  };

  const work = async <T,>(label: string, start: () => Promise<{ jobId: string }>): Promise<T | null> => {
    setBusy(label);
    try {
      return await runJob<T>(api, start).result;
    } catch (error) {
      notify(messageOf(error));
      return null;
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  const restore = async (backup: BackupFile) => {
    const question = `Replace the register with the backup from ${formatDateTime(backup.takenAt)}?\n\nEverything changed since then is replaced. The register as it is now is backed up first, so this can be undone.`;
    if (!(await confirm({ title: 'Restore this backup?', message: question, confirmLabel: 'Restore', danger: true }))) return;
    const info = await work<RegisterInfo>('restore', () => api.backups.restore({ fileName: backup.fileName }));
    if (info) {
      registerOpened(info);
      notify(`Restored the backup from ${formatDateTime(backup.takenAt)}.`, 'success');
    }
  };

  return (
    <>
      <div className="card" data-testid="backups-card">
        <h3>Backups</h3>
        {list.data && settings && (
          <>
            <p className="muted small">
              Kept in <span className="mono">{list.data.folder}</span>. Each is a complete register file, copied with SQLite's backup API.
            </p>
            <div className="inline-form inline-form--backups">
              <label className="checkbox">
                <input type="checkbox" checked={settings.daily} onChange={(e) => void saveSettings(e.target.checked, keep ?? String(settings.keep))} />
                Back up automatically once a day
              </label>
              <Field label="Backups to keep" error={errors.keep}>
                <input type="number" min={1} max={365} value={keep ?? settings.keep} onChange={(e) => setKeep(e.target.value)} onBlur={() => keep !== null && void saveSettings(settings.daily, keep)} />
              </Field>
              <button type="button" className="button" disabled={busy !== null} onClick={() => void work('take', () => api.backups.take({}))} data-testid="backup-now">
                {busy === 'take' ? 'Backing up…' : 'Back up now'}
              </button>
            </div>
            {list.data.backups.length === 0 ? (
              <p className="muted">No backups yet.</p>
            ) : (
              <div className="table-wrap table-wrap--scroll">
                <table className="table" aria-label="Backups">
                  <thead>
                    <tr>
                      <th>Taken</th>
                      <th>Why</th>
                      <th className="num">Size</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.backups.map((b) => (
                      <tr key={b.fileName}>
                        <td>{formatDateTime(b.takenAt)}</td>
                        <td>{REASON_LABELS[b.reason]}</td>
                        <td className="num">{formatBytes(b.sizeBytes)}</td>
                        <td className="num">
                          <button type="button" className="button button--small" disabled={busy !== null} onClick={() => void restore(b)}>
                            {busy === 'restore' ? 'Restoring…' : 'Restore…'}
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
        {list.error && <p className="form-error">{list.error}</p>}
      </div>

      <div className="card">
        <h3>Export</h3>
        <p className="muted small">Tables as CSV or Excel, with the same column names the import reads; text that a spreadsheet could run as a formula starts with an apostrophe.</p>
        <table className="table export-table" aria-label="Export tables">
          <tbody>
            {EXPORT_TABLES.map((table) => (
              <tr key={table}>
                <td>{TABLE_LABELS[table]}</td>
                <td className="num">
                  <ExportMenu table={table} />
                </td>
              </tr>
            ))}
            <tr>
              <td>
                The whole register <span className="muted small">(every table, as JSON)</span>
              </td>
              <td className="num">
                <button
                  type="button"
                  className="button button--small"
                  disabled={busy !== null}
                  data-testid="export-json"
                  onClick={() => void work<ExportedFile>('json', () => api.exports.json({})).then(async (file) => { const where = file && (await downloadExported(file)); if (where) notify(where, 'success'); })}
                >
                  {busy === 'json' ? 'Exporting…' : 'Export JSON'}
                </button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
