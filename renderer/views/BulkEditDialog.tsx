import { useState } from 'react';
import { TIERS, VENDOR_STATUSES } from '../../db/shared/vocabulary';
import type { MethodInput } from '../../db/contract';
import { STATUS_LABELS, TIER_LABELS } from '../../db/shared/labels';
import { DateInput } from '../components/DateInput';
import { Field } from '../components/Field';
import { useDialogFocus } from '../components/useDialogFocus';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';

type Changes = MethodInput<'vendors.updateMany'>['changes'];
const KEEP = '';

/** The same change to every ticked vendor: each field is left as it is unless chosen; one audit entry per vendor. */
export function BulkEditDialog({ ids, onClose }: { ids: number[]; onClose(): void }) {
  const api = useApi();
  const offerUndo = useApp((s) => s.offerUndo);
  const reloadVendors = useApp((s) => s.reloadVendors);
  const dialog = useDialogFocus<HTMLDivElement>(onClose);
  const [status, setStatus] = useState(KEEP);
  const [tier, setTier] = useState(KEEP);
  const [owner, setOwner] = useState<{ change: boolean; value: string }>({ change: false, value: '' });
  const [review, setReview] = useState<{ change: boolean; value: string | null }>({ change: false, value: null });
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const changes: Changes = {
    ...(status ? { status: status as Changes['status'] } : {}),
    ...(tier ? { tier: Number(tier) } : {}),
    ...(owner.change ? { owner: owner.value } : {}),
    ...(review.change ? { nextReviewDue: review.value } : {}),
  };
  const count = Object.keys(changes).length;
  const vendors = `${ids.length.toLocaleString()} vendor${ids.length === 1 ? '' : 's'}`;

  const apply = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { updated, undo } = await api.vendors.updateMany({ ids, changes });
      reloadVendors();
      offerUndo(updated === 0 ? `Nothing changed: the ${vendors} already had these values.` : `Changed ${updated.toLocaleString()} of ${vendors}.`, undo);
      onClose();
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="dialog-backdrop">
      <div ref={dialog} className="confirm-dialog bulk-edit" role="dialog" aria-modal="true" aria-labelledby="bulk-edit-title">
        <h3 id="bulk-edit-title">Edit {vendors}</h3>
        <p className="muted small">Only the fields you change are written; each vendor's history records its own change.</p>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (count > 0) void apply();
          }}
        >
          <div className="grid">
            <Field label="Status">
              <select value={status} onChange={(e) => setStatus(e.target.value)}>
                <option value={KEEP}>Keep as it is</option>
                {VENDOR_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label="Tier">
              <select value={tier} onChange={(e) => setTier(e.target.value)}>
                <option value={KEEP}>Keep as it is</option>
                {TIERS.map((t) => (
                  <option key={t} value={t}>
                    {TIER_LABELS[t]}
                  </option>
                ))}
              </select>
            </Field>
            <div className="field">
              <label className="checkbox">
                <input type="checkbox" checked={owner.change} onChange={(e) => setOwner({ ...owner, change: e.target.checked })} /> Change the owner
              </label>
              {owner.change && <input aria-label="New owner (empty: no owner)" value={owner.value} maxLength={200} placeholder="No owner" onChange={(e) => setOwner({ ...owner, value: e.target.value })} autoFocus />}
            </div>
            <div className="field">
              <label className="checkbox">
                <input type="checkbox" checked={review.change} onChange={(e) => setReview({ ...review, change: e.target.checked })} /> Change the next review
              </label>
              {review.change && <DateInput aria-label="Next review due (empty: none)" value={review.value} onChange={(value) => setReview({ ...review, value })} />}
            </div>
          </div>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <div className="form-footer">
            <span className="spacer" />
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button--primary" disabled={count === 0 || busy}>
              {busy ? 'Changing…' : count === 0 ? 'Choose a change' : `Change ${vendors}`}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
