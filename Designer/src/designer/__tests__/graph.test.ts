import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { definitionToGraph, graphToDefinition, newActivityId, renameActivity } from '../model/graph';
import { outcomesOf } from '../model/outcomes';
import type { ActivityDescriptor, WorkflowDefinition } from '../model/types';
import descriptors from './descriptors.fixture.json';

const byType = new Map((descriptors as ActivityDescriptor[]).map((d) => [d.type, d]));
// The shipped worked example, read from the repository: the conversion must keep it as it is.
const example = JSON.parse(readFileSync(resolve(__dirname, '../../../../Workflows/examples/simple-consultation.json'), 'utf8')) as WorkflowDefinition;

describe('definition ↔ graph', () => {
  it('round-trips a shipped workflow unchanged (positions, inputs, bodies, unknown fields)', () => {
    const { meta, nodes, edges } = definitionToGraph(example);
    expect(nodes).toHaveLength(example.flowchart.activities.length);
    expect(edges).toHaveLength(example.flowchart.connections.length);
    expect(graphToDefinition(meta, nodes, edges)).toEqual(example);
  });

  it('draws each connection from the handle of its outcome', () => {
    const { edges } = definitionToGraph(example);
    const reject = edges.find((e) => e.source === 'review' && e.target === 'rejected')!;
    expect(reject.sourceHandle).toBe('reject');
    expect(reject.data?.outcome).toBe('reject');
  });

  it('keeps two connections that differ only by outcome apart', () => {
    const definition: WorkflowDefinition = {
      id: 'x', name: 'x',
      flowchart: {
        activities: [{ id: 'd', type: 'Decision' }, { id: 'e', type: 'End' }],
        connections: [{ source: 'd', outcome: 'True', target: 'e' }, { source: 'd', outcome: 'False', target: 'e' }],
      },
    };
    const { meta, nodes, edges } = definitionToGraph(definition);
    expect(new Set(edges.map((e) => e.id)).size).toBe(2);
    expect(graphToDefinition(meta, nodes, edges).flowchart.connections).toEqual(definition.flowchart.connections);
  });

  it('places activities without a position and rounds positions on the way back', () => {
    const { meta, nodes, edges } = definitionToGraph({ id: 'x', name: 'x', flowchart: { activities: [{ id: 'a', type: 'Start' }, { id: 'b', type: 'End' }], connections: [] } });
    expect(nodes[0].position).not.toEqual(nodes[1].position);
    nodes[0].position = { x: 10.4, y: 20.6 };
    expect(graphToDefinition(meta, nodes, edges).flowchart.activities[0].position).toEqual({ x: 10, y: 21 });
  });

  it('renames an activity together with its connections', () => {
    const { nodes, edges } = definitionToGraph(example);
    const renamed = renameActivity(nodes, edges, 'review', 'officeReview');
    expect(renamed.nodes.find((n) => n.id === 'officeReview')?.data.activity.id).toBe('officeReview');
    expect(renamed.edges.filter((e) => e.source === 'officeReview' || e.target === 'officeReview')).toHaveLength(4);
    expect(renamed.edges.some((e) => e.source === 'review' || e.target === 'review')).toBe(false);
  });

  it('finds a fresh id that no activity uses, bodies included', () => {
    expect(newActivityId('HumanTask', ['humanTask1', 'humanTask2'])).toBe('humanTask3');
    const { nodes } = definitionToGraph(example);
    expect(newActivityId('HumanTask', ['opinion', ...nodes.map((n) => n.id)])).toBe('humanTask1');
  });
});

describe('outcomes from descriptors', () => {
  it('are a task’s own outcomes plus its expiry outcome', () => {
    const opinion = example.flowchart.activities.find((a) => a.id === 'opinions')!.body!.activities[0];
    expect(outcomesOf(opinion, byType.get('HumanTask'))).toEqual(['agree', 'disagree', 'noReply']);
  });

  it('are True/False for a Decision, the case outcomes and Default for a Switch, the branch names for a Fork', () => {
    expect(outcomesOf({ id: 'd', type: 'Decision' }, byType.get('Decision'))).toEqual(['True', 'False']);
    expect(outcomesOf({ id: 's', type: 'Switch', inputs: { cases: [{ outcome: 'urgent' }, { outcome: 'major' }] } }, byType.get('Switch')))
      .toEqual(['urgent', 'major', 'Default']);
    expect(outcomesOf({ id: 'f', type: 'Fork', inputs: { branches: ['police', 'procuratorate'] } }, byType.get('Fork'))).toEqual(['police', 'procuratorate']);
    expect(outcomesOf({ id: 'e', type: 'End' }, byType.get('End'))).toEqual([]);
  });
});
