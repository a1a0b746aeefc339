import { describe, expect, it } from 'vitest';
import { align, autoLayout } from '../canvas/layout';
import { History } from '../canvas/history';
import { pasteClip } from '../canvas/clipboard';
import type { ActivityFlowNode, ConnectionFlowEdge } from '../model/graph';

const node = (id: string, x: number, y: number, selected = false): ActivityFlowNode => ({
  id, type: 'activity', position: { x, y }, selected, measured: { width: 100, height: 50 }, data: { activity: { id, type: 'HumanTask' } },
});
const edge = (source: string, target: string, outcome = 'Done'): ConnectionFlowEdge => ({ id: `${source}-${target}`, source, target, sourceHandle: outcome, data: { outcome } });

describe('alignment', () => {
  it('aligns the selected nodes and leaves the others', () => {
    const nodes = [node('a', 10, 0, true), node('b', 50, 100, true), node('c', 300, 300)];
    expect(align(nodes, 'left').map((n) => n.position.x)).toEqual([10, 10, 300]);
    expect(align(nodes, 'right').map((n) => n.position.x)).toEqual([50, 50, 300]);
    expect(align(nodes, 'top').map((n) => n.position.y)).toEqual([0, 0, 300]);
    expect(align(nodes, 'centerY').map((n) => n.position.y)).toEqual([50, 50, 300]);
  });

  it('spreads three or more nodes evenly', () => {
    const nodes = [node('a', 0, 0, true), node('b', 130, 0, true), node('c', 400, 0, true)];
    expect(align(nodes, 'distributeX').map((n) => n.position.x)).toEqual([0, 200, 400]);
    expect(align(nodes.slice(0, 2), 'distributeX')).toEqual(nodes.slice(0, 2));
  });
});

describe('automatic layout', () => {
  it('puts each step to the right of the one before it, branches side by side', () => {
    const laid = autoLayout(
      [node('start', 0, 0), node('a', 0, 0), node('b', 0, 0), node('end', 0, 0)],
      [edge('start', 'a'), edge('start', 'b'), edge('a', 'end'), edge('b', 'end')],
    );
    const at = Object.fromEntries(laid.map((n) => [n.id, n.position]));
    expect(at.start.x).toBeLessThan(at.a.x);
    expect(at.a.x).toBe(at.b.x);
    expect(at.a.y).not.toBe(at.b.y);
    expect(at.end.x).toBeGreaterThan(at.a.x);
  });
});

describe('undo history', () => {
  it('steps back and forth, and a new change drops what could be redone', () => {
    const history = new History(3);
    const s = (n: number) => ({ meta: { id: 'x', name: String(n) }, nodes: [], edges: [] });
    history.push(s(1));
    history.push(s(2));
    expect(history.undo(s(3))?.meta.name).toBe('2');
    expect(history.redo(s(2))?.meta.name).toBe('3');
    history.undo(s(3));
    history.push(s(9));
    expect(history.canRedo).toBe(false);
    history.push(s(10));
    history.push(s(11));
    history.push(s(12));
    let count = 0;
    while (history.undo(s(0))) count++;
    expect(count).toBe(3);
  });
});

describe('paste', () => {
  it('gives pasted activities fresh ids, keeps the connections among them, and offsets them', () => {
    const clip = { nodes: [node('review', 0, 0, true), node('end', 200, 0, true)], edges: [edge('review', 'end', 'ok')] };
    const pasted = pasteClip(clip, ['start', 'review', 'end'], 40);
    expect(pasted.nodes.map((n) => n.id)).toEqual(['humanTask1', 'humanTask2']);
    expect(pasted.nodes.map((n) => n.data.activity.id)).toEqual(['humanTask1', 'humanTask2']);
    expect(pasted.nodes[0].position).toEqual({ x: 40, y: 40 });
    expect(pasted.edges).toEqual([expect.objectContaining({ source: 'humanTask1', target: 'humanTask2', data: { outcome: 'ok' } })]);
  });
});
