import { useRef, useState } from 'react';
import type { ExportTable, ExportedFile, MethodInput } from '../../db/contract';
import { downloadExported, runJob } from '../files';
import { useApi, useApp } from '../store';

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
  const menu = useRef<HTMLDetailsElement>(null);
  const items = tables ?? (table ? [{ table, label: '' }] : []);

  const run = async (which: ExportTable, format: 'csv' | 'xlsx') => {
    menu.current?.removeAttribute('open');
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
    <details className="menu" ref={menu}>
      <summary className="button" aria-disabled={busy || undefined}>
        {busy ? 'Exporting…' : 'Export'}
      </summary>
      <div className="menu__panel" role="menu">
        {items.map((item) =>
          FORMATS.map(([format, label]) => (
            <button key={`${item.table}-${format}`} type="button" role="menuitem" className="menu__item" disabled={busy} onClick={() => void run(item.table, format)} data-testid={`export-${item.table}-${format}`}>
              {item.label ? `${item.label} · ${label}` : label}
            </button>
          )),
        )}
      </div>
    </details>
  );
}
