import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { workbenchApi, type CaseVerification } from '../api';

/**
 * The case's record as evidence: verify it against its hash chain and seal on demand, and download the evidence
 * package (the server records the download in the case).
 */
export function EvidenceCard({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation('workbench');
  const [result, setResult] = useState<CaseVerification | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const english = i18n.language.startsWith('en');

  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await workbenchApi.verifyCase(caseId));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" data-testid="case-evidence">
      <h2>{t('case.evidence.evidence')}</h2>
      <p>
        <button type="button" className="btn btn-small" onClick={verify} disabled={busy} data-testid="verify-case">
          {busy ? t('case.evidence.verifying') : t('case.evidence.verify')}
        </button>
      </p>
      {error != null && <ProblemMessage error={error} />}
      {result && (result.ok ? (
        <div className="alert alert-ok" role="status" data-testid="verify-result" data-ok="true">
          {t('case.evidence.intact', { entries: result.entries, tasks: result.tasks, attachments: result.attachments })}{' '}
          {result.sealedBy != null ? t('case.evidence.sealed', { length: result.sealedLength, seal: result.sealedBy }) : t('case.evidence.unsealed')}
        </div>
      ) : (
        <div className="alert alert-error" role="alert" data-testid="verify-result" data-ok="false">
          {t('case.evidence.broken')}{english ? result.finding?.messageEn ?? result.message : result.finding?.message ?? result.message}
        </div>
      ))}
      <p>
        <a href={api.url(`/api/cases/${caseId}/evidence`)} download className="btn btn-small" data-testid="evidence-package">⬇ {t('case.evidence.download')}</a>
      </p>
      <p className="muted">{t('case.evidence.downloadHint')}</p>
    </section>
  );
}
