// The part of a contract's Register of Information fields that says how it ends and how its service was assessed
// (B_02.02.0090 and B_07.01). Labels come from ARRANGEMENT_FIELD, the names the linter's findings use, so a finding
// opens the form with the cursor in its field.
import type { MethodInput } from '../../db/contract';
import {
  ALTERNATIVES,
  ALTERNATIVES_LABELS,
  ARRANGEMENT_FIELD,
  REINTEGRATIONS,
  REINTEGRATION_LABELS,
  SERVICE_IMPACTS,
  SERVICE_IMPACT_LABELS,
  SUBSTITUTION_REASONS,
  SUBSTITUTION_REASON_LABELS,
  TERMINATION_REASONS,
  TERMINATION_REASON_LABELS,
} from '../../db/shared/regulatory-codes';
import { CodeSelect } from '../components/CodeSelect';
import { DateInput } from '../components/DateInput';
import { Field } from '../components/Field';

type ArrangementInput = MethodInput<'arrangements.save'>['arrangement'];

interface Props {
  draft: ArrangementInput;
  errors: Record<string, string>;
  set(patch: Partial<ArrangementInput>): void;
}

export function ArrangementAssessmentFields({ draft, errors, set }: Props) {
  return (
    <>
      <Field label={ARRANGEMENT_FIELD.terminationReason} error={errors.terminationReason} hint="When it has ended or notice is given (B_02.02.0090)" wide>
        <CodeSelect value={draft.terminationReason} values={TERMINATION_REASONS} labels={TERMINATION_REASON_LABELS} onChange={(terminationReason) => set({ terminationReason })} />
      </Field>
      <h4 className="regulatory-form__note">Assessment of the service (B_07.01)</h4>
      <p className="regulatory-form__note muted small">Substitutability and the exit plan are the vendor’s, on its page.</p>
      <Field label={ARRANGEMENT_FIELD.substitutionReason} error={errors.substitutionReason} hint="Needed when the vendor is not, or hardly, substitutable">
        <CodeSelect value={draft.substitutionReason} values={SUBSTITUTION_REASONS} labels={SUBSTITUTION_REASON_LABELS} onChange={(substitutionReason) => set({ substitutionReason })} />
      </Field>
      <Field label={ARRANGEMENT_FIELD.lastAuditOn} error={errors.lastAuditOn}>
        <DateInput value={draft.lastAuditOn ?? null} onChange={(lastAuditOn) => set({ lastAuditOn })} />
      </Field>
      <Field label={ARRANGEMENT_FIELD.reintegration} error={errors.reintegration} hint="Bringing the service back in-house">
        <CodeSelect value={draft.reintegration} values={REINTEGRATIONS} labels={REINTEGRATION_LABELS} onChange={(reintegration) => set({ reintegration })} />
      </Field>
      <Field label={ARRANGEMENT_FIELD.serviceDiscontinuingImpact} error={errors.serviceDiscontinuingImpact}>
        <CodeSelect value={draft.serviceDiscontinuingImpact} values={SERVICE_IMPACTS} labels={SERVICE_IMPACT_LABELS} onChange={(serviceDiscontinuingImpact) => set({ serviceDiscontinuingImpact })} />
      </Field>
      <Field label={ARRANGEMENT_FIELD.alternativesIdentified} error={errors.alternativesIdentified}>
        <CodeSelect value={draft.alternativesIdentified} values={ALTERNATIVES} labels={ALTERNATIVES_LABELS} onChange={(alternativesIdentified) => set({ alternativesIdentified })} />
      </Field>
      <Field label={ARRANGEMENT_FIELD.alternativeProviders} error={errors.alternativeProviders} hint="Their names, when some are identified" wide>
        <textarea rows={2} maxLength={500} value={draft.alternativeProviders ?? ''} onChange={(e) => set({ alternativeProviders: e.target.value || null })} />
      </Field>
    </>
  );
}
