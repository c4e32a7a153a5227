import { useState } from 'react';
import type { RoiFinding, RoiImportReport } from '../../db/contract';
import { JobEnded, readAsBase64, runJob } from '../files';
import { useApi, useApp } from '../store';
import { messageOf } from '../store/ui';
import { RoiFindings } from './RoiFindings';

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

/** Moves a team here: a DORA RoI package from this app or another tool, imported into an empty register. */
export function RoiImportCard() {
  const api = useApi();
  const notify = useApp((s) => s.notify);
  const dataChanged = useApp((s) => s.dataChanged);
  const [busy, setBusy] = useState(false);
  const [findings, setFindings] = useState<RoiFinding[]>([]);

  const importPackage = async (file: File) => {
    setBusy(true);
    setFindings([]);
    try {
      const base64 = await readAsBase64(file);
      const report = await runJob<RoiImportReport>(api, () => api.roi.import({ fileName: file.name, base64 })).result;
      notify(`Imported ${report.providers} providers, ${report.arrangements} arrangements, ${report.functions} functions, ${report.legalEntities} legal entities and ${report.dependencies} supply-chain links from “${file.name}”.`, 'success');
      setFindings(report.warnings);
      dataChanged();
    } catch (error) {
      const refused = error instanceof JobEnded ? (error.status.error?.details?.findings as RoiFinding[] | undefined) : undefined;
      if (refused) setFindings(refused);
      notify(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="roi-import-title">
      <h3 id="roi-import-title">Import a Register of Information</h3>
      <p className="muted small">
        A DORA RoI plain-csv package (.zip), from this app or another tool, into an empty register: providers, arrangements, functions, our legal entities and the supply chain. Nothing is written unless every row reads.
      </p>
      <label className="button regulatory-file">
        {busy ? 'Importing…' : 'Choose a package…'}
        <input type="file" accept=".zip" disabled={busy} data-testid="roi-import-file" onChange={(e) => e.target.files?.[0] && void importPackage(e.target.files[0])} />
      </label>
      {findings.length > 0 && <p role="status">{findings.some((f) => f.severity === 'blocking') ? `Not imported: ${count(findings.length, 'finding')} to fix in the package.` : `Imported, with ${count(findings.length, 'warning')} to check.`}</p>}
      <RoiFindings findings={findings} testId="roi-import-findings" />
    </section>
  );
}
