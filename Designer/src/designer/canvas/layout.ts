import dagre from '@dagrejs/dagre';
import type { ActivityFlowNode, ConnectionFlowEdge } from '../model/graph';

export const defaultNodeWidth = 190;
export const defaultNodeHeight = 70;

const width = (n: ActivityFlowNode) => n.measured?.width ?? n.width ?? defaultNodeWidth;
const height = (n: ActivityFlowNode) => n.measured?.height ?? n.height ?? defaultNodeHeight;

/** Automatic layout, left to right, with dagre; only positions change. */
export function autoLayout(nodes: ActivityFlowNode[], edges: ConnectionFlowEdge[]): ActivityFlowNode[] {
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: width(node), height: height(node) });
  for (const edge of edges) if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.setEdge(edge.source, edge.target, {}, edge.id);
  dagre.layout(graph);
  return nodes.map((node) => {
    const placed = graph.node(node.id);
    return placed ? { ...node, position: { x: Math.round(placed.x - width(node) / 2), y: Math.round(placed.y - height(node) / 2) } } : node;
  });
}

export type Alignment = 'left' | 'centerX' | 'right' | 'top' | 'centerY' | 'bottom' | 'distributeX' | 'distributeY';

/** Aligns or spreads the selected nodes (two or more; three or more to distribute); the others stay. */
export function align(nodes: ActivityFlowNode[], how: Alignment): ActivityFlowNode[] {
  const selected = nodes.filter((n) => n.selected);
  if (selected.length < 2) return nodes;
  const moved = new Map<string, { x: number; y: number }>();
  const left = Math.min(...selected.map((n) => n.position.x));
  const right = Math.max(...selected.map((n) => n.position.x + width(n)));
  const top = Math.min(...selected.map((n) => n.position.y));
  const bottom = Math.max(...selected.map((n) => n.position.y + height(n)));
  for (const n of selected) {
    const { x, y } = n.position;
    switch (how) {
      case 'left': moved.set(n.id, { x: left, y }); break;
      case 'right': moved.set(n.id, { x: right - width(n), y }); break;
      case 'centerX': moved.set(n.id, { x: (left + right) / 2 - width(n) / 2, y }); break;
      case 'top': moved.set(n.id, { x, y: top }); break;
      case 'bottom': moved.set(n.id, { x, y: bottom - height(n) }); break;
      case 'centerY': moved.set(n.id, { x, y: (top + bottom) / 2 - height(n) / 2 }); break;
      default: break;
    }
  }
  if (how === 'distributeX' || how === 'distributeY') {
    if (selected.length < 3) return nodes;
    const horizontal = how === 'distributeX';
    const sorted = [...selected].sort((a, b) => (horizontal ? a.position.x - b.position.x : a.position.y - b.position.y));
    const total = sorted.reduce((sum, n) => sum + (horizontal ? width(n) : height(n)), 0);
    const span = horizontal ? right - left : bottom - top;
    const gap = (span - total) / (sorted.length - 1);
    let at = horizontal ? left : top;
    for (const n of sorted) {
      moved.set(n.id, horizontal ? { x: at, y: n.position.y } : { x: n.position.x, y: at });
      at += (horizontal ? width(n) : height(n)) + gap;
    }
  }
  return nodes.map((n) => (moved.has(n.id) ? { ...n, position: moved.get(n.id)! } : n));
}
