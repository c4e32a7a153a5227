import { useState } from 'react';
import type { ExportTable, ExportedFile, MethodInput } from '../../db/contract';
import { downloadExported, runJob } from '../files';
import { useApi, useApp } from '../store';

type VendorFilter = Omit<MethodInput<'exports.table'>, 'table' | 'format'>;

/** "Export CSV / Excel" for one table; vendors follow the register view's search and filters. */
export function ExportButtons({ table, filter = {}, noun }: { table: ExportTable; filter?: VendorFilter; noun?: string }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);

  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      downloadExported(await runJob<ExportedFile>(api, () => api.exports.table({ ...filter, table, format })).result);
    } catch (error) {
      notify(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="button-group" role="group" aria-label="Export this table">
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" className="button button--ghost button--small" disabled={busy !== null} onClick={() => void run(format)} data-testid={`export-${table}-${format}`}>
          {busy === format ? 'Exporting…' : `Export ${noun ? `${noun} ` : ''}${format === 'csv' ? 'CSV' : 'Excel'}`}
        </button>
      ))}
    </div>
  );
}
