import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { designerApi } from '../api';
import { diffDefinitions, type Change } from '../model/diff';
import type { DefinitionRecord } from '../model/types';

/** A definition's versions (status, dates; publish / retract) and the differences between any two of them. */
export function HistoryPage() {
  const { id } = useParams();
  const { t } = useTranslation('designer');
  const { canDesign } = useAuth();
  const versions = useLoad((signal) => designerApi.versions(id!, signal), [id]);
  const [left, setLeft] = useState<number>();
  const [right, setRight] = useState<number>();
  const [actionError, setActionError] = useState<unknown>();
  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);

  useEffect(() => {
    if (list.length >= 2 && left === undefined && right === undefined) {
      setLeft(list[1].version);
      setRight(list[0].version);
    }
  }, [list, left, right]);

  const act = async (action: () => Promise<unknown>) => {
    setActionError(undefined);
    try {
      await action();
      versions.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  if (versions.loading && !versions.data) return <Loading />;
  return (
    <div className="page" data-testid="history-page">
      <div className="row page-head">
        <h1>{t('history.title', { id })}</h1>
        <span className="spacer" />
        <Link className="btn" to={`/designer/${encodeURIComponent(id!)}`}>{t('history.openEditor')}</Link>
      </div>
      <ProblemMessage error={versions.error ?? actionError} />
      <table className="table" data-testid="versions-table">
        <thead>
          <tr>
            <th>{t('definitions.version')}</th><th>{t('definitions.name')}</th><th>{t('definitions.status')}</th>
            <th>{t('definitions.updated')}</th><th>{t('history.publishedAt')}</th><th>{t('history.compare')}</th><th />
          </tr>
        </thead>
        <tbody>
          {list.map((v) => (
            <tr key={v.version} data-version={v.version}>
              <td>v{v.version}</td>
              <td>{v.name}</td>
              <td><span className={`badge status-${v.status}`}>{t(`status.${v.status}`)}</span></td>
              <td className="small">{new Date(v.updatedAt).toLocaleString()}</td>
              <td className="small">{v.publishedAt ? new Date(v.publishedAt).toLocaleString() : ''}</td>
              <td>
                <label className="inline"><input type="radio" name="left" checked={left === v.version} onChange={() => setLeft(v.version)} aria-label={t('history.from', { version: v.version })} />{t('history.fromShort')}</label>
                <label className="inline"><input type="radio" name="right" checked={right === v.version} onChange={() => setRight(v.version)} aria-label={t('history.to', { version: v.version })} />{t('history.toShort')}</label>
              </td>
              <td className="row actions">
                <Link className="btn btn-small" to={`/designer/${encodeURIComponent(id!)}?version=${v.version}`}>{t('history.open')}</Link>
                {canDesign && v.status === 'draft' && (
                  <button type="button" className="btn btn-small" onClick={() => void act(() => designerApi.publish(id!, v.version))}>{t('editor.publish')}</button>
                )}
                {canDesign && v.status === 'published' && (
                  <button type="button" className="btn btn-small btn-danger"
                    onClick={() => { if (window.confirm(t('editor.retractConfirm', { version: v.version }))) void act(() => designerApi.retract(id!, v.version)); }}>
                    {t('editor.retract')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {left !== undefined && right !== undefined && left !== right && <VersionDiff id={id!} left={left} right={right} />}
    </div>
  );
}

function VersionDiff({ id, left, right }: { id: string; left: number; right: number }) {
  const { t } = useTranslation('designer');
  const [withPositions, setWithPositions] = useState(false);
  const loaded = useLoad<[DefinitionRecord, DefinitionRecord]>(
    (signal) => Promise.all([designerApi.get(id, left, signal), designerApi.get(id, right, signal)]),
    [id, left, right],
  );
  if (loaded.error) return <ProblemMessage error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  const changes = diffDefinitions(loaded.data[0].definition, loaded.data[1].definition, withPositions);
  return (
    <section className="card diff" data-testid="version-diff">
      <div className="row">
        <h2>{t('history.diffTitle', { left, right })}</h2>
        <span className="spacer" />
        <label className="inline"><input type="checkbox" checked={withPositions} onChange={(e) => setWithPositions(e.target.checked)} />{t('history.withPositions')}</label>
      </div>
      {changes.length === 0 ? <p className="muted">{t('history.noChanges')}</p> : (
        <table className="table">
          <tbody>
            {changes.map((c, i) => <ChangeRow key={i} change={c} />)}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ChangeRow({ change }: { change: Change }) {
  const { t } = useTranslation('designer');
  return (
    <tr className={`change change-${change.kind}`} data-change={`${change.kind}:${change.area}:${change.key}`}>
      <td><span className={`badge change-badge-${change.kind}`}>{t(`history.kinds.${change.kind}`)}</span></td>
      <td>{t(`history.areas.${change.area}`)}</td>
      <td><code>{change.key}</code></td>
      <td className="small">
        {change.details?.join(', ')}
        {change.area === 'field' && <span> {String(change.before ?? '')} → {String(change.after ?? '')}</span>}
      </td>
    </tr>
  );
}
