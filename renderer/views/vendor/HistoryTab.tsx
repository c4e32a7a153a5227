import type { Vendor } from '../../../db/contract';
import { HistoryList } from '../../components/HistoryList';
import { useApiQuery } from '../../useApiQuery';

/** Every change touching this vendor, in words: names instead of ids, labels instead of codes. */
export function HistoryTab({ vendor }: { vendor: Vendor }) {
  const history = useApiQuery(`history:${vendor.id}:${vendor.version}`, (api) => api.audit.list({ vendorId: vendor.id, limit: 200 }));
  return (
    <div className="card">
      <h3>History</h3>
      {history.data?.length === 0 && <p className="muted">No changes recorded.</p>}
      {history.data && <HistoryList entries={history.data} />}
    </div>
  );
}
