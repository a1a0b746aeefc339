import { edgeId, newActivityId, type ActivityFlowNode, type ConnectionFlowEdge } from '../model/graph';

/** What copy puts aside: the selected activities and the connections among them. */
export interface Clip {
  nodes: ActivityFlowNode[];
  edges: ConnectionFlowEdge[];
}

const storageKey = 'consultflow.designer.clipboard';

export function copySelection(nodes: ActivityFlowNode[], edges: ConnectionFlowEdge[]): Clip | undefined {
  const selected = nodes.filter((n) => n.selected);
  if (selected.length === 0) return undefined;
  const ids = new Set(selected.map((n) => n.id));
  const clip: Clip = { nodes: selected, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)) };
  try {
    // Kept in the browser too, so a copy can be pasted into another definition (another tab or page).
    localStorage.setItem(storageKey, JSON.stringify(clip));
  } catch {
    // Not remembered beyond this page.
  }
  return clip;
}

export function storedClip(): Clip | undefined {
  try {
    const text = localStorage.getItem(storageKey);
    return text ? (JSON.parse(text) as Clip) : undefined;
  } catch {
    return undefined;
  }
}

/** The clip's activities with fresh ids (connections follow them), moved by `offset`, selected; the rest unselected. */
export function pasteClip(clip: Clip, existing: string[], offset: number): Clip {
  const taken = [...existing];
  const renamed = new Map<string, string>();
  for (const node of clip.nodes) {
    const id = taken.includes(node.id) ? newActivityId(node.data.activity.type, taken) : node.id;
    renamed.set(node.id, id);
    taken.push(id);
  }
  const nodes = clip.nodes.map((node) => {
    const id = renamed.get(node.id)!;
    return {
      ...node,
      id,
      selected: true,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      data: { activity: { ...node.data.activity, id } },
    } as ActivityFlowNode;
  });
  const edges = clip.edges.map((edge) => {
    const source = renamed.get(edge.source)!;
    const target = renamed.get(edge.target)!;
    const outcome = edge.data?.outcome ?? edge.sourceHandle ?? '';
    return { ...edge, id: edgeId({ source, outcome, target }), source, target, selected: false };
  });
  return { nodes, edges };
}
