import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { designerApi, latestVersion } from '../api';
import { downloadJson } from '../canvas/download';
import { pendingDefinition } from '../pending';
import type { WorkflowDefinition } from '../model/types';

/** Every workflow definition (its newest version) with search and status; open, create, duplicate, import, export. */
export function DefinitionsPage() {
  const { t } = useTranslation('designer');
  const { canDesign } = useAuth();
  const navigate = useNavigate();
  const { data, error, loading } = useLoad((signal) => designerApi.list(signal), []);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<unknown>();
  const file = useRef<HTMLInputElement>(null);
  const rows = useMemo(() => {
    const term = search.trim().toLowerCase();
    return (data ?? [])
      .filter((d) => !status || d.status === status)
      .filter((d) => !term || d.definitionId.toLowerCase().includes(term) || d.name.toLowerCase().includes(term))
      .sort((a, b) => a.definitionId.localeCompare(b.definitionId));
  }, [data, search, status]);

  const openCopy = (definition: WorkflowDefinition) => {
    pendingDefinition.set(definition);
    navigate('/designer/new');
  };
  const duplicate = async (id: string) => {
    try {
      const record = await latestVersion(id);
      const { version: _v, ...rest } = record.definition;
      openCopy({ ...rest, id: `${id}-copy`, name: `${record.definition.name}（副本）` });
    } catch (e) {
      setActionError(e);
    }
  };
  const exportJson = async (id: string) => {
    try {
      const record = await latestVersion(id);
      downloadJson(`${id}.v${record.version}.json`, record.definition);
    } catch (e) {
      setActionError(e);
    }
  };
  const importJson = async (input: HTMLInputElement) => {
    const chosen = input.files?.[0];
    input.value = '';
    if (!chosen) return;
    try {
      const parsed = JSON.parse(await chosen.text()) as WorkflowDefinition;
      if (!parsed || typeof parsed !== 'object' || !parsed.flowchart) throw new Error(t('definitions.importInvalid'));
      const { version: _v, $schema: _s, ...rest } = parsed;
      openCopy(rest as WorkflowDefinition);
    } catch (e) {
      setActionError(e instanceof SyntaxError ? new Error(t('definitions.importInvalid')) : e);
    }
  };

  return (
    <div className="page" data-testid="definitions-page">
      <div className="row page-head">
        <h1>{t('definitions.title')}</h1>
        <span className="spacer" />
        {canDesign && (
          <>
            <Link className="btn btn-primary" to="/designer/new" data-testid="new-definition">{t('definitions.new')}</Link>
            <button type="button" className="btn" onClick={() => file.current?.click()}>{t('definitions.import')}</button>
            <input ref={file} type="file" accept="application/json,.json" hidden data-testid="import-file" onChange={(e) => void importJson(e.target)} />
          </>
        )}
      </div>
      <div className="row filters">
        <input type="search" placeholder={t('definitions.search')} aria-label={t('definitions.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label={t('definitions.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('definitions.allStatuses')}</option>
          {['draft', 'published', 'retracted'].map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
        </select>
      </div>
      <ProblemMessage error={error ?? actionError} />
      {loading && !data ? <Loading /> : (
        <div className="table-wrap">
          <table className="table" data-testid="definitions-table">
            <thead>
              <tr>
                <th>{t('definitions.name')}</th>
                <th>{t('definitions.id')}</th>
                <th>{t('definitions.version')}</th>
                <th>{t('definitions.status')}</th>
                <th>{t('definitions.updated')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.definitionId} data-definition={d.definitionId}>
                  <td><Link to={`/designer/${encodeURIComponent(d.definitionId)}`}>{d.name}</Link></td>
                  <td><code>{d.definitionId}</code></td>
                  <td>v{d.version}</td>
                  <td><span className={`badge status-${d.status}`}>{t(`status.${d.status}`)}</span></td>
                  <td className="small muted">{new Date(d.updatedAt).toLocaleString()}</td>
                  <td className="row actions">
                    <Link className="btn btn-small" to={`/designer/${encodeURIComponent(d.definitionId)}/history`}>{t('definitions.versions')}</Link>
                    {canDesign && <button type="button" className="btn btn-small" onClick={() => void duplicate(d.definitionId)}>{t('definitions.duplicate')}</button>}
                    <button type="button" className="btn btn-small" onClick={() => void exportJson(d.definitionId)}>{t('definitions.export')}</button>
                  </td>
                </tr>
              ))}
              {rows.length === 0 && (
                <tr><td colSpan={6} className="muted">{t('definitions.none')}</td></tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
