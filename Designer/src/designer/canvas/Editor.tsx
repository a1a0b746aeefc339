import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background, Controls, MiniMap, MarkerType, ReactFlow, ReactFlowProvider, applyEdgeChanges, applyNodeChanges, useReactFlow, useStore,
  type Connection as FlowConnection, type EdgeChange, type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { ProblemMessage } from '../../components/Problem';
import { designerApi } from '../api';
import {
  allActivityIds, definitionToGraph, edgeId, graphToDefinition, newActivityId, renameActivity,
  type ActivityFlowNode, type ConnectionFlowEdge, type DefinitionMeta,
} from '../model/graph';
import { outcomeLabel, outcomesOf } from '../model/outcomes';
import { useCatalog } from '../catalog';
import type { ActivityNode, DefinitionStatus, ValidationError, WorkflowDefinition } from '../model/types';
import { PropertyPanel } from '../panel/PropertyPanel';
import { nodeTypes } from './ActivityNodeView';
import { copySelection, pasteClip, storedClip, type Clip } from './clipboard';
import { History, type Snapshot } from './history';
import { align, autoLayout, type Alignment } from './layout';
import { Palette, paletteMime } from './Palette';
import { downloadJson } from './download';

export interface EditorProps {
  definition: WorkflowDefinition;
  /** The version shown and its status; none for a definition not saved yet. */
  version?: number;
  status?: DefinitionStatus;
  canEdit: boolean;
}

export function Editor(props: EditorProps) {
  return (
    <ReactFlowProvider>
      <EditorCanvas {...props} />
    </ReactFlowProvider>
  );
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Everything but positions: what validation depends on. */
const validationKey = (definition: WorkflowDefinition) =>
  JSON.stringify({ ...definition, flowchart: { ...definition.flowchart, activities: definition.flowchart.activities.map(({ position: _p, ...a }) => a) } });

function EditorCanvas({ definition, version: initialVersion, status: initialStatus, canEdit }: EditorProps) {
  const { t, i18n } = useTranslation('designer');
  const navigate = useNavigate();
  const catalog = useCatalog();
  const flow = useReactFlow<ActivityFlowNode, ConnectionFlowEdge>();
  const initial = useMemo(() => definitionToGraph(definition), [definition]);
  const [meta, setMeta] = useState<DefinitionMeta>(initial.meta);
  const [nodes, setNodes] = useState<ActivityFlowNode[]>(initial.nodes);
  const [edges, setEdges] = useState<ConnectionFlowEdge[]>(initial.edges);
  const [version, setVersion] = useState(initialVersion);
  const [status, setStatus] = useState(initialStatus);
  const [dirty, setDirty] = useState(initialVersion === undefined);
  const [errors, setErrors] = useState<ValidationError[]>([]);
  const [validated, setValidated] = useState(false);
  const [busy, setBusy] = useState(false);
  const location = useLocation();
  const [notice, setNotice] = useState<string | undefined>((location.state as { notice?: string } | null)?.notice);
  const [actionError, setActionError] = useState<unknown>();
  const [, setTick] = useState(0);
  const [ready, setReady] = useState(false);
  const history = useRef(new History());
  const clip = useRef<Clip | undefined>(undefined);
  const pasteCount = useRef(0);
  const dragStart = useRef<Snapshot | undefined>(undefined);
  const removalRecorded = useRef(false);
  const state = useRef<Snapshot>({ meta, nodes, edges });
  state.current = { meta, nodes, edges };
  const isNew = version === undefined;

  /** Applies a change as one undoable step. */
  const commit = useCallback((change: (current: Snapshot) => Partial<Snapshot>) => {
    const current = state.current;
    const next = change(current);
    history.current.push(current);
    if (next.meta) setMeta(next.meta);
    if (next.nodes) setNodes(next.nodes);
    if (next.edges) setEdges(next.edges);
    setDirty(true);
    setNotice(undefined);
    setTick((n) => n + 1);
  }, []);

  const restore = (snapshot: Snapshot | undefined) => {
    if (!snapshot) return;
    setMeta(snapshot.meta);
    setNodes(snapshot.nodes);
    setEdges(snapshot.edges);
    setDirty(true);
    setTick((n) => n + 1);
  };
  const undo = () => restore(history.current.undo(state.current));
  const redo = () => restore(history.current.redo(state.current));

  const onNodesChange = useCallback((changes: NodeChange<ActivityFlowNode>[]) => {
    if (!canEdit) changes = changes.filter((c) => c.type === 'select' || c.type === 'dimensions');
    if (changes.some((c) => c.type === 'remove') && !removalRecorded.current) {
      // Deleting nodes also deletes their connections (a second change list): one undo step for both.
      removalRecorded.current = true;
      history.current.push(state.current);
      setDirty(true);
      queueMicrotask(() => (removalRecorded.current = false));
    }
    setNodes((current) => applyNodeChanges(changes, current));
  }, [canEdit]);

  const onEdgesChange = useCallback((changes: EdgeChange<ConnectionFlowEdge>[]) => {
    if (!canEdit) changes = changes.filter((c) => c.type === 'select');
    if (changes.some((c) => c.type === 'remove') && !removalRecorded.current) {
      removalRecorded.current = true;
      history.current.push(state.current);
      setDirty(true);
      queueMicrotask(() => (removalRecorded.current = false));
    }
    setEdges((current) => applyEdgeChanges(changes, current));
  }, [canEdit]);

  const onConnect = useCallback((connection: FlowConnection) => {
    const outcome = connection.sourceHandle;
    if (!outcome || !connection.target) return;
    const link = { source: connection.source, outcome, target: connection.target };
    if (state.current.edges.some((e) => e.source === link.source && e.target === link.target && (e.data?.outcome ?? e.sourceHandle) === outcome)) return;
    commit(({ edges: current }) => ({
      edges: [...current, { id: edgeId(link), source: link.source, sourceHandle: outcome, target: link.target, targetHandle: 'in', data: { outcome } }],
    }));
  }, [commit]);

  const addActivity = useCallback((type: string, position?: { x: number; y: number }) => {
    const at = position ?? flow.screenToFlowPosition({ x: window.innerWidth / 2, y: window.innerHeight / 2 });
    commit(({ nodes: current }) => {
      const id = newActivityId(type, allActivityIds(current));
      const node: ActivityFlowNode = {
        id, type: 'activity', position: { x: Math.round(at.x / 10) * 10, y: Math.round(at.y / 10) * 10 }, selected: true,
        data: { activity: { id, type, inputs: {} } },
      };
      return { nodes: [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), node] };
    });
  }, [commit, flow]);

  const onDrop = useCallback((event: DragEvent) => {
    event.preventDefault();
    const type = event.dataTransfer.getData(paletteMime);
    if (!type || !canEdit) return;
    addActivity(type, flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  }, [addActivity, canEdit, flow]);

  const updateActivity = useCallback((id: string, activity: ActivityNode) => {
    commit(({ nodes: current }) => ({ nodes: current.map((n) => (n.id === id ? { ...n, data: { ...n.data, activity } } : n)) }));
  }, [commit]);

  const rename = useCallback((from: string, to: string) => {
    if (allActivityIds(state.current.nodes).includes(to)) {
      setActionError(new ApiError(0, t('activity.idTaken', { id: to })));
      return false;
    }
    commit(({ nodes: n, edges: e }) => renameActivity(n, e, from, to));
    return true;
  }, [commit, t]);

  const copy = () => {
    clip.current = copySelection(state.current.nodes, state.current.edges);
    pasteCount.current = 0;
  };
  const paste = () => {
    const source = clip.current ?? storedClip();
    if (!source || !canEdit) return;
    pasteCount.current += 1;
    const pasted = pasteClip(source, allActivityIds(state.current.nodes), 40 * pasteCount.current);
    commit(({ nodes: n, edges: e }) => ({
      nodes: [...n.map((x) => (x.selected ? { ...x, selected: false } : x)), ...pasted.nodes],
      edges: [...e, ...pasted.edges],
    }));
  };
  const deleteSelected = () => {
    const { nodes: n, edges: e } = state.current;
    const removed = new Set(n.filter((x) => x.selected).map((x) => x.id));
    if (removed.size === 0 && !e.some((x) => x.selected)) return;
    commit(() => ({
      nodes: n.filter((x) => !removed.has(x.id)),
      edges: e.filter((x) => !x.selected && !removed.has(x.source) && !removed.has(x.target)),
    }));
  };
  const layout = () => {
    commit(({ nodes: n, edges: e }) => ({ nodes: autoLayout(n, e) }));
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 200 }));
  };
  const alignSelected = (how: Alignment) => commit(({ nodes: n }) => ({ nodes: align(n, how) }));

  // Keyboard: copy, paste, undo, redo (delete is React Flow's own: Delete / Backspace).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTyping(e.target) || !(e.ctrlKey || e.metaKey)) return;
      const key = e.key.toLowerCase();
      if (key === 'c') copy();
      else if (key === 'v' && canEdit) paste();
      else if (key === 'z' && !e.shiftKey && canEdit) undo();
      else if (((key === 'z' && e.shiftKey) || key === 'y') && canEdit) redo();
      else if (key === 'a') setNodes((n) => n.map((x) => ({ ...x, selected: true })));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // Validation by the server, live: after a pause in editing, when anything but positions changed.
  const definitionNow = useCallback(() => graphToDefinition(state.current.meta, state.current.nodes, state.current.edges), []);
  const lastValidated = useRef<string>('');
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      const current = definitionNow();
      const key = validationKey(current);
      if (key === lastValidated.current) return;
      designerApi.validate(current, controller.signal).then(
        (result) => {
          lastValidated.current = key;
          setErrors(result.errors);
          setValidated(true);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          // A body the server cannot read at all (e.g. a malformed body JSON) is shown as one error.
          lastValidated.current = key;
          const problem = e instanceof ApiError ? e : new ApiError(0, String(e));
          setErrors(Object.entries(problem.fieldErrors).flatMap(([path, messages]) => messages.map((message) => ({ path, code: 'unreadable', message })))
            .concat(Object.keys(problem.fieldErrors).length === 0 ? [{ path: '$', code: 'unreadable', message: problem.title }] : []));
          setValidated(true);
        },
      );
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [meta, nodes, edges, definitionNow]);

  // Leaving the page with unsaved changes asks first.
  useEffect(() => {
    if (!dirty || !canEdit) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty, canEdit]);

  const errorsById = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const e of errors) if (e.activityId) map.set(e.activityId, [...(map.get(e.activityId) ?? []), e.message]);
    return map;
  }, [errors]);

  // Outcomes used by connections, per source: a connection whose outcome the activity no longer has (an outcome
  // deleted from a task, an imported file) keeps a visible handle, so that it can be seen and deleted.
  const usedOutcomes = useMemo(() => {
    const map = new Map<string, Set<string>>();
    for (const e of edges) {
      const outcome = e.data?.outcome ?? e.sourceHandle ?? '';
      map.set(e.source, (map.get(e.source) ?? new Set()).add(outcome));
    }
    return map;
  }, [edges]);
  const displayNodes = useMemo(() => nodes.map((n) => {
    const pinned = errorsById.get(n.id);
    const used = usedOutcomes.get(n.id);
    const extra = used ? [...used].filter((o) => !outcomesOf(n.data.activity, catalog.byType.get(n.data.activity.type)).includes(o)) : [];
    if (!pinned && extra.length === 0) return n;
    return { ...n, data: { ...n.data, errors: pinned, extraOutcomes: extra.length > 0 ? extra : undefined } };
  }), [nodes, errorsById, usedOutcomes, catalog]);

  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  // Far out, edge labels are unreadable and cost the most to draw: leave them out below 40 %.
  const zoomedOut = useStore((s) => s.transform[2] < 0.4);
  const displayEdges = useMemo(() => edges.map((e) => {
    const outcome = e.data?.outcome ?? e.sourceHandle ?? '';
    const source = byId.get(e.source);
    return {
      ...e,
      type: 'smoothstep',
      label: zoomedOut ? undefined : source ? outcomeLabel(source.data.activity, outcome, i18n.language) : outcome,
      markerEnd: { type: MarkerType.ArrowClosed },
      className: errors.some((x) => x.path.startsWith('flowchart.connections') && x.activityId === e.source && x.message.includes(`'${outcome}'`)) ? 'edge-error' : undefined,
    };
  }), [edges, byId, i18n.language, errors, zoomedOut]);

  const selectedNodes = nodes.filter((n) => n.selected);
  const selectedEdges = edges.filter((e) => e.selected);

  // Saving, publishing, retracting.
  const savedNewId = useRef<string | undefined>(undefined);
  const noticeRef = useRef<string | undefined>(undefined);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(undefined);
    setNotice(undefined);
    noticeRef.current = undefined;
    try {
      await action();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
    // A new definition has an address once saved: go there (after the whole action, so the page loads what it did).
    if (savedNewId.current) {
      const id = savedNewId.current;
      savedNewId.current = undefined;
      navigate(`/designer/${encodeURIComponent(id)}`, { replace: true, state: { notice: noticeRef.current } });
    }
  };
  const say = (text: string) => {
    noticeRef.current = text;
    setNotice(text);
  };
  const saveDraft = async (): Promise<{ version: number; errors: ValidationError[] }> => {
    const current = definitionNow();
    const result = await designerApi.saveDraft(current);
    setVersion(result.definition.version);
    setStatus(result.definition.status);
    setErrors(result.errors);
    lastValidated.current = validationKey(current);
    setDirty(false);
    if (isNew) savedNewId.current = current.id;
    return { version: result.definition.version, errors: result.errors };
  };
  const onSave = () => run(async () => {
    const saved = await saveDraft();
    say(t('editor.saved', { version: saved.version }));
  });
  const onPublish = () => run(async () => {
    let target = version;
    if (dirty || status !== 'draft' || target === undefined) {
      const saved = await saveDraft();
      if (saved.errors.length > 0) {
        say(t('editor.publishRefused', { count: saved.errors.length }));
        return;
      }
      target = saved.version;
    }
    const published = await designerApi.publish(definitionNow().id, target);
    setStatus(published.status);
    setVersion(published.version);
    say(t('editor.published', { version: published.version }));
  });
  const onRetract = () => run(async () => {
    if (version === undefined) return;
    if (!window.confirm(t('editor.retractConfirm', { version }))) return;
    const retracted = await designerApi.retract(definitionNow().id, version);
    setStatus(retracted.status);
    say(t('editor.retracted', { version }));
  });

  const focusActivity = (id: string) => {
    setNodes((current) => current.map((n) => ({ ...n, selected: n.id === id })));
    setEdges((current) => current.map((e) => (e.selected ? { ...e, selected: false } : e)));
    const node = state.current.nodes.find((n) => n.id === id);
    if (node) void flow.setCenter(node.position.x + 95, node.position.y + 35, { zoom: Math.max(flow.getZoom(), 0.9), duration: 200 });
  };

  const canPublish = canEdit && validated && errors.length === 0 && !busy && meta.id !== '' && (dirty || status !== 'published');
  const large = nodes.length > 150;

  return (
    <div className="editor" data-testid="editor" data-ready={ready} data-nodes={nodes.length} data-dirty={dirty} data-status={status ?? 'new'} data-version={version ?? ''}>
      <div className="editor-toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
        <strong className="editor-title" title={meta.id}>{meta.name || t('editor.untitled')}</strong>
        <span className={`badge status-${status ?? 'new'}`} data-testid="definition-status">
          {status ? t(`status.${status}`) : t('status.new')}
          {version !== undefined && ` v${version}`}
        </span>
        {dirty && <span className="badge badge-warn">{t('editor.unsaved')}</span>}
        {canEdit && (
          <>
            <button type="button" className="btn" disabled={busy || meta.id === ''} onClick={() => void onSave()} data-testid="save">{t('editor.save')}</button>
            <button type="button" className="btn btn-primary" disabled={!canPublish} onClick={() => void onPublish()} data-testid="publish"
              title={errors.length > 0 ? t('editor.publishBlocked', { count: errors.length }) : undefined}>
              {t('editor.publish')}
            </button>
            {status === 'published' && !dirty && (
              <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void onRetract()} data-testid="retract">{t('editor.retract')}</button>
            )}
            <span className="toolbar-sep" />
            <button type="button" className="btn btn-small" disabled={!history.current.canUndo} onClick={undo} title="Ctrl+Z" data-testid="undo">{t('editor.undo')}</button>
            <button type="button" className="btn btn-small" disabled={!history.current.canRedo} onClick={redo} title="Ctrl+Y" data-testid="redo">{t('editor.redo')}</button>
            <button type="button" className="btn btn-small" disabled={selectedNodes.length === 0} onClick={copy} title="Ctrl+C">{t('editor.copy')}</button>
            <button type="button" className="btn btn-small" onClick={paste} title="Ctrl+V">{t('editor.paste')}</button>
            <button type="button" className="btn btn-small" disabled={selectedNodes.length + selectedEdges.length === 0} onClick={deleteSelected} title="Delete">{t('delete', { ns: 'common' })}</button>
            <span className="toolbar-sep" />
            <button type="button" className="btn btn-small" onClick={layout} data-testid="auto-layout">{t('editor.autoLayout')}</button>
            <select className="btn-small" aria-label={t('editor.align')} value="" disabled={selectedNodes.length < 2}
              onChange={(e) => { if (e.target.value) alignSelected(e.target.value as Alignment); }}>
              <option value="">{t('editor.align')}</option>
              {(['left', 'centerX', 'right', 'top', 'centerY', 'bottom', 'distributeX', 'distributeY'] as Alignment[]).map((a) => (
                <option key={a} value={a} disabled={a.startsWith('distribute') && selectedNodes.length < 3}>{t(`editor.alignments.${a}`)}</option>
              ))}
            </select>
          </>
        )}
        <button type="button" className="btn btn-small" onClick={() => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 200 })} data-testid="fit">{t('editor.fit')}</button>
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={() => downloadJson(`${meta.id || 'workflow'}.json`, definitionNow())}>{t('editor.export')}</button>
        {!isNew && <Link className="btn btn-small" to={`/designer/${encodeURIComponent(meta.id)}/history`}>{t('editor.history')}</Link>}
      </div>
      {(notice || actionError !== undefined) && (
        <div className="editor-messages">
          {notice && <div className="alert alert-ok" role="status" data-testid="notice">{notice}</div>}
          <ProblemMessage error={actionError} />
        </div>
      )}
      <div className="editor-body">
        {canEdit && <Palette onAdd={(type) => addActivity(type)} />}
        <div className="canvas" onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop} data-testid="canvas">
          <ReactFlow<ActivityFlowNode, ConnectionFlowEdge>
            nodes={displayNodes}
            edges={displayEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            onNodeDragStart={() => { dragStart.current = state.current; }}
            onNodeDragStop={() => {
              if (dragStart.current) history.current.push(dragStart.current);
              dragStart.current = undefined;
              setDirty(true);
              setTick((n) => n + 1);
            }}
            nodesDraggable={canEdit}
            nodesConnectable={canEdit}
            deleteKeyCode={canEdit ? ['Delete', 'Backspace'] : null}
            snapToGrid
            snapGrid={[10, 10]}
            minZoom={0.05}
            maxZoom={2}
            fitView
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            onInit={(instance) => {
              // Once more after the first paint: the side panel and toolbar may have changed the canvas size meanwhile.
              requestAnimationFrame(() => void instance.fitView({ padding: 0.15, maxZoom: 1 }).then(() => setReady(true)));
            }}
            onlyRenderVisibleElements={large && !zoomedOut}
            proOptions={{ hideAttribution: true }}
            className={zoomedOut ? 'zoomed-out' : undefined}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
            {!large && <MiniMap pannable zoomable />}
          </ReactFlow>
        </div>
        <div className="side">
          <ValidationList errors={errors} validated={validated} onFocus={focusActivity} />
          <PropertyPanel
            meta={meta}
            nodes={nodes}
            selectedNode={selectedNodes.length === 1 ? selectedNodes[0] : undefined}
            selectedEdge={selectedNodes.length === 0 && selectedEdges.length === 1 ? selectedEdges[0] : undefined}
            errors={errors}
            idEditable={isNew && canEdit}
            disabled={!canEdit}
            onMetaChange={(next) => commit(() => ({ meta: next }))}
            onActivityChange={updateActivity}
            onRename={rename}
            onDeleteEdge={(id) => commit(({ edges: e }) => ({ edges: e.filter((x) => x.id !== id) }))}
          />
        </div>
      </div>
    </div>
  );
}

function ValidationList({ errors, validated, onFocus }: { errors: ValidationError[]; validated: boolean; onFocus: (id: string) => void }) {
  const { t } = useTranslation('designer');
  const [open, setOpen] = useState(true);
  if (!validated) return <div className="validation muted small">{t('validation.pending')}</div>;
  if (errors.length === 0) return <div className="validation ok" data-testid="validation-ok">✓ {t('validation.none')}</div>;
  return (
    <div className="validation has-errors" data-testid="validation-errors" data-count={errors.length}>
      <button type="button" className="validation-head" onClick={() => setOpen(!open)} aria-expanded={open}>
        ⚠ {t('validation.count', { count: errors.length })}
      </button>
      {open && (
        <ul>
          {errors.map((e, i) => (
            <li key={i} data-activity={e.activityId}>
              {e.activityId ? (
                <button type="button" className="link" onClick={() => onFocus(e.activityId!)}>{e.activityId}</button>
              ) : (
                <code>{e.path}</code>
              )}{' '}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
