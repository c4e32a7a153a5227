import type { RoiFinding } from '../../db/contract';

/**
 * The findings of the RoI linter or of a refused import: severity, rule, template cell, record, field, message. A
 * finding that points at a register record opens it (`onOpen`).
 */
export function RoiFindings({ findings, testId, onOpen }: { findings: RoiFinding[]; testId: string; onOpen?(finding: RoiFinding): void }) {
  if (findings.length === 0) return null;
  return (
    <table className="table" data-testid={testId}>
      <thead>
        <tr>
          <th>Severity</th>
          <th>Rule</th>
          <th>Where</th>
          <th>Record</th>
          <th>Field to fix</th>
          <th>Finding</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={i} className={f.severity === 'blocking' ? 'roi-finding--blocking' : undefined}>
            <td>{f.severity === 'blocking' ? 'Blocking' : 'Warning'}</td>
            <td>{f.rule}</td>
            {/* A template cell reads as code; a CPS 230 sheet name reads as words, and may wrap. */}
            <td className={f.column || f.template.startsWith('B_') ? 'mono' : undefined}>{f.column ? `${f.template}.${f.column}` : f.template}</td>
            <td>
              {f.target && onOpen ? (
                <button type="button" className="link-button roi-finding__open" onClick={() => onOpen(f)} title={`Open ${f.record} at “${f.field}”`}>
                  {f.record}
                </button>
              ) : (
                f.record
              )}
            </td>
            <td>{f.field}</td>
            <td>{f.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
