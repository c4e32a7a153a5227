import { useState } from 'react';
import type { ExportTable, ExportedFile, MethodInput } from '../../db/contract';
import { downloadExported, runJob } from '../files';
import { useApi, useApp } from '../store';
import { Menu } from './Menu';

type VendorFilter = Omit<MethodInput<'exports.table'>, 'table' | 'format'>;

const FORMATS = [
  ['csv', 'CSV (.csv)'],
  ['xlsx', 'Excel (.xlsx)'],
] as const;

/**
 * An "Export" menu: each table as CSV or Excel (vendors follow the register view's search and filters). `tables`
 * lists several tables, each with its own label, in one menu.
 */
export function ExportMenu({ table, filter = {}, tables }: { table?: ExportTable; filter?: VendorFilter; tables?: { table: ExportTable; label: string }[] }) {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const [busy, setBusy] = useState(false);
  const items = tables ?? (table ? [{ table, label: '' }] : []);

  const run = async (which: ExportTable, format: 'csv' | 'xlsx') => {
    setBusy(true);
    try {
      const where = await downloadExported(await runJob<ExportedFile>(api, () => api.exports.table({ ...filter, table: which, format })).result);
      if (where) notify(where, 'success');
    } catch (error) {
      notify(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Menu
      label={busy ? 'Exporting…' : 'Export'}
      busy={busy}
      items={items.flatMap((item) =>
        FORMATS.map(([format, label]) => ({
          label: item.label ? `${item.label} · ${label}` : label,
          onSelect: () => void run(item.table, format),
          testId: `export-${item.table}-${format}`,
        })),
      )}
    />
  );
}
