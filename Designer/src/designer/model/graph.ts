import type { Edge, Node } from '@xyflow/react';
import type { ActivityNode, Connection, Parameter, WorkflowDefinition } from './types';

/** What a canvas node carries: the activity as in the definition (without its position, which the node holds). */
export type ActivityNodeData = {
  activity: ActivityNode;
  /** Validation messages pinned on this activity. */
  errors?: string[];
  /** Outcomes that connections leave from but the activity cannot produce (shown as red handles, so they can be seen and deleted). */
  extraOutcomes?: string[];
  /** Instance viewer: "done" (executed), "waiting" (open task / bookmark), "faulted". */
  state?: 'done' | 'waiting' | 'faulted';
};

export type ActivityFlowNode = Node<ActivityNodeData, 'activity'>;

export type ConnectionEdgeData = { outcome: string; label?: string; taken?: boolean };
export type ConnectionFlowEdge = Edge<ConnectionEdgeData>;

/** The top-level fields of a definition that the canvas does not hold (unknown ones are kept). */
export interface DefinitionMeta {
  id: string;
  version?: number;
  name: string;
  description?: string;
  inputs?: Parameter[];
  variables?: Parameter[];
  [extra: string]: unknown;
}

export function edgeId(connection: Connection, index = 0): string {
  return `${connection.source}:${connection.outcome}->${connection.target}${index > 0 ? `#${index}` : ''}`;
}

/** Definition → canvas. Activities without a position are laid out in a simple grid (auto layout can tidy them). */
export function definitionToGraph(definition: WorkflowDefinition): { meta: DefinitionMeta; nodes: ActivityFlowNode[]; edges: ConnectionFlowEdge[] } {
  const { flowchart, ...rest } = definition;
  const meta = rest as DefinitionMeta;
  const nodes: ActivityFlowNode[] = (flowchart?.activities ?? []).map((activity, index) => {
    const { position, ...rest } = activity;
    return {
      id: activity.id,
      type: 'activity',
      position: position ? { x: position.x, y: position.y } : { x: (index % 6) * 240, y: Math.floor(index / 6) * 140 },
      data: { activity: rest as ActivityNode },
    };
  });
  const seen = new Map<string, number>();
  const edges: ConnectionFlowEdge[] = (flowchart?.connections ?? []).map((connection) => {
    const base = edgeId(connection);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return {
      id: edgeId(connection, count),
      source: connection.source,
      sourceHandle: connection.outcome,
      target: connection.target,
      targetHandle: 'in',
      data: { outcome: connection.outcome },
    };
  });
  return { meta, nodes, edges };
}

/** Canvas → definition, in canvas order; positions rounded to whole pixels. */
export function graphToDefinition(meta: DefinitionMeta, nodes: ActivityFlowNode[], edges: ConnectionFlowEdge[]): WorkflowDefinition {
  const activities: ActivityNode[] = nodes.map((node) => ({
    ...node.data.activity,
    id: node.id,
    position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
  }));
  const connections: Connection[] = edges.map((edge) => ({
    source: edge.source,
    outcome: edge.data?.outcome ?? edge.sourceHandle ?? '',
    target: edge.target,
  }));
  return { ...meta, flowchart: { activities, connections } };
}

/** A fresh activity id for a type: "humanTask1", "humanTask2", ... not used by any node (bodies included). */
export function newActivityId(type: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = type.charAt(0).toLowerCase() + type.slice(1).replace(/[^A-Za-z0-9_]/g, '');
  for (let n = 1; ; n++) {
    const id = `${base}${n}`;
    if (!used.has(id)) return id;
  }
}

/** Every activity id in a definition, nested bodies included (ids are unique across the whole definition). */
export function allActivityIds(nodes: ActivityFlowNode[]): string[] {
  const ids: string[] = [];
  const walk = (activities: ActivityNode[] | undefined) => {
    for (const a of activities ?? []) {
      ids.push(a.id);
      walk(a.body?.activities);
    }
  };
  for (const node of nodes) {
    ids.push(node.id);
    walk(node.data.activity.body?.activities);
  }
  return ids;
}

/** Renames an activity: its node, and every connection from or to it. */
export function renameActivity(nodes: ActivityFlowNode[], edges: ConnectionFlowEdge[], from: string, to: string) {
  const renamedNodes = nodes.map((n) => (n.id === from ? { ...n, id: to, data: { ...n.data, activity: { ...n.data.activity, id: to } } } : n));
  const renamedEdges = edges.map((e) => {
    if (e.source !== from && e.target !== from) return e;
    const source = e.source === from ? to : e.source;
    const target = e.target === from ? to : e.target;
    const outcome = e.data?.outcome ?? e.sourceHandle ?? '';
    return { ...e, id: edgeId({ source, outcome, target }), source, target };
  });
  return { nodes: renamedNodes, edges: renamedEdges };
}
