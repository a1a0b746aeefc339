import { useMemo } from 'react';
import { useParams, Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { Background, Controls, MarkerType, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { api } from '../../api/client';
import { useLoad } from '../../api/useLoad';
import { useAuth } from '../../auth/AuthContext';
import { Loading } from '../../components/Loading';
import { ProblemMessage } from '../../components/Problem';
import { TrafficLightBadge } from '../../components/TrafficLightBadge';
import { useLocalized } from '../../components/localized';
import { designerApi } from '../api';
import { CatalogBoundary } from '../catalog';
import { nodeTypes } from '../canvas/ActivityNodeView';
import { definitionToGraph } from '../model/graph';
import { outcomeLabel } from '../model/outcomes';
import type { DefinitionRecord } from '../model/types';
import type { CaseDetail } from './caseTypes';
import { connectionKey, executedPath } from './executedPath';

/** One case on its workflow: the executed path highlighted, where it waits now (tasks, assignees, traffic lights), its journal. */
export function InstanceViewerPage() {
  const { id } = useParams();
  const { t } = useTranslation('designer');
  const loaded = useLoad(async (signal) => {
    const detail = await api.get<CaseDetail>(`/api/cases/${id}`, { signal });
    const record = await designerApi.get(detail.summary.processId, detail.summary.version, signal);
    return { detail, record };
  }, [id]);
  if (loaded.error) return <div className="page"><ProblemMessage error={loaded.error} /></div>;
  if (!loaded.data) return <Loading />;
  const { detail, record } = loaded.data;
  return (
    <div className="viewer" data-testid="instance-viewer" data-status={detail.summary.status}>
      <div className="editor-toolbar">
        <strong>{detail.summary.processName}</strong>
        <span className="badge">v{detail.summary.version}</span>
        <span className={`badge case-status-${detail.summary.status}`} data-testid="instance-status">{t(`instance.statuses.${detail.summary.status}`, { defaultValue: detail.summary.status })}</span>
        <TrafficLightBadge light={detail.summary.trafficLight} />
        <span className="muted small">{detail.summary.correlationKey ?? detail.summary.instanceId}</span>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={loaded.reload}>{t('instance.refresh')}</button>
      </div>
      <div className="viewer-body">
        <div className="canvas">
          <CatalogBoundary>{() => <ViewerCanvas detail={detail} record={record} />}</CatalogBoundary>
        </div>
        <div className="side">
          <ViewerSide detail={detail} />
        </div>
      </div>
    </div>
  );
}

function ViewerCanvas({ detail, record }: { detail: CaseDetail; record: DefinitionRecord }) {
  const { i18n } = useTranslation();
  const { nodes, edges } = useMemo(() => {
    const graph = definitionToGraph(record.definition);
    const path = executedPath(detail.timeline, record.definition.flowchart.connections, detail.openTasks.map((task) => task.activityId));
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    // A body's activities (e.g. one opinion task per agency) are not on the canvas: their state shows on the container.
    for (const n of graph.nodes) {
      const inner = (n.data.activity.body?.activities ?? []).map((a) => a.id);
      if (inner.some((a) => path.waiting.has(a))) path.waiting.add(n.id);
      if (inner.some((a) => path.faulted.has(a))) path.faulted.add(n.id);
    }
    return {
      nodes: graph.nodes.map((n) => ({
        ...n,
        draggable: false,
        connectable: false,
        data: { ...n.data, state: path.faulted.has(n.id) ? 'faulted' as const : path.waiting.has(n.id) ? 'waiting' as const : path.done.has(n.id) ? 'done' as const : undefined },
      })),
      edges: graph.edges.map((e) => {
        const outcome = e.data?.outcome ?? '';
        const taken = path.taken.has(connectionKey({ source: e.source, outcome, target: e.target }));
        const source = byId.get(e.source);
        return {
          ...e,
          type: 'smoothstep',
          animated: false,
          className: taken ? 'edge-taken' : 'edge-idle',
          label: source ? outcomeLabel(source.data.activity, outcome, i18n.language) : outcome,
          markerEnd: { type: MarkerType.ArrowClosed },
          data: { ...e.data!, taken },
        };
      }),
    };
  }, [detail, record, i18n.language]);
  return (
    <ReactFlowProvider>
      <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView fitViewOptions={{ padding: 0.15, maxZoom: 1 }} minZoom={0.05}
        onInit={(instance) => requestAnimationFrame(() => void instance.fitView({ padding: 0.15, maxZoom: 1 }))}
        nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} proOptions={{ hideAttribution: true }}>
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </ReactFlowProvider>
  );
}

function ViewerSide({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('designer');
  const lt = useLocalized();
  const { canDesign } = useAuth();
  return (
    <div className="property-panel">
      {detail.incident && (
        <div className="alert alert-error">{t('instance.incident')}: {detail.incident.activityId} {detail.incident.message}</div>
      )}
      <h2>{t('instance.waiting')}</h2>
      {detail.openTasks.length === 0 && <p className="muted">{t('instance.noOpenTasks')}</p>}
      <ul className="task-list" data-testid="open-tasks">
        {detail.openTasks.map((task) => (
          <li key={task.id} className="card" data-activity={task.activityId}>
            <div className="row"><strong>{lt(task.title)}</strong><span className="spacer" /><TrafficLightBadge light={task.trafficLight} /></div>
            <div className="small">
              {t('instance.assignee')}: {task.assigneeAgencyName ?? task.assigneeAgency} · {t(`roles.${task.assigneeRole}`, { ns: 'common', defaultValue: task.assigneeRole })}
              {task.claimedByName && ` · ${t('instance.claimedBy', { name: task.claimedByName })}`}
            </div>
            {task.dueAt && <div className="small muted">{t('instance.due')}: {new Date(task.dueAt).toLocaleString()} {task.legalBasis && `（${task.legalBasis}）`}</div>}
          </li>
        ))}
      </ul>
      {detail.closedTasks.length > 0 && (
        <>
          <h2>{t('instance.closedTasks')}</h2>
          <ul className="task-list">
            {detail.closedTasks.map((task) => (
              <li key={task.id} className="small">
                {lt(task.title)} — {task.outcome ?? task.status} {task.closedByName && `(${task.closedByName})`} {task.late && <span className="badge badge-danger">{t('instance.late')}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('instance.journal')}</h2>
      <ol className="journal" data-testid="journal">
        {detail.timeline.map((entry) => (
          <li key={entry.sequence} data-kind={entry.kind}>
            <span className="muted small">{new Date(entry.at).toLocaleString()}</span>{' '}
            <strong>{t(`journal.${entry.kind}`, { defaultValue: entry.kind })}</strong>
            {entry.activityId && <> <code>{entry.activityId}</code></>}
            {entry.message && <span className="small"> {entry.message}</span>}
            {entry.actor?.agency && <span className="muted small"> · {entry.actor.agency}/{entry.actor.role}</span>}
          </li>
        ))}
      </ol>
      {canDesign && <Link className="btn btn-small" to={`/designer/${encodeURIComponent(detail.summary.processId)}/history`}>{t('instance.definition')}</Link>}
    </div>
  );
}
