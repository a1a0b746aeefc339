import { describe, expect, it } from 'vitest';
import { canonical, diffDefinitions } from '../model/diff';
import type { WorkflowDefinition } from '../model/types';

const v1: WorkflowDefinition = {
  id: 'w', name: '会商', inputs: [{ name: 'subject', type: 'string', required: true }],
  flowchart: {
    activities: [
      { id: 'start', type: 'Start', position: { x: 0, y: 0 } },
      { id: 'review', type: 'HumanTask', name: '审议', position: { x: 200, y: 0 }, inputs: { title: '审议', assigneeAgency: 'sfj', assigneeRole: 'coordinator', outcomes: [{ name: 'ok' }] } },
      { id: 'end', type: 'End', position: { x: 400, y: 0 } },
    ],
    connections: [{ source: 'start', outcome: 'Done', target: 'review' }, { source: 'review', outcome: 'ok', target: 'end' }],
  },
};

const clone = (d: WorkflowDefinition) => JSON.parse(JSON.stringify(d)) as WorkflowDefinition;

describe('diffDefinitions', () => {
  it('finds nothing between equal versions, whatever the key order', () => {
    const reordered = JSON.parse(canonical(v1)) as WorkflowDefinition;
    expect(diffDefinitions(v1, reordered)).toEqual([]);
  });

  it('names added, removed and changed activities with the inputs that changed', () => {
    const v2 = clone(v1);
    v2.flowchart.activities[1].inputs!.assigneeRole = 'leader';
    v2.flowchart.activities[1].inputs!.due = { amount: 3, unit: 'workingDays' };
    v2.flowchart.activities = v2.flowchart.activities.filter((a) => a.id !== 'end');
    v2.flowchart.activities.push({ id: 'closed', type: 'End' });
    const changes = diffDefinitions(v1, v2);
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'changed', area: 'activity', key: 'review', details: ['inputs.assigneeRole', 'inputs.due'] }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'added', area: 'activity', key: 'closed' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'removed', area: 'activity', key: 'end' }));
  });

  it('names connections by source, outcome and target', () => {
    const v2 = clone(v1);
    v2.flowchart.connections[1] = { source: 'review', outcome: 'ok', target: 'start' };
    const changes = diffDefinitions(v1, v2).filter((c) => c.area === 'connection');
    expect(changes.map((c) => `${c.kind} ${c.key}`)).toEqual(['added review —ok→ start', 'removed review —ok→ end']);
  });

  it('ignores moves unless asked, and sees inputs, variables and the name', () => {
    const v2 = clone(v1);
    v2.flowchart.activities[0].position = { x: 50, y: 50 };
    expect(diffDefinitions(v1, v2)).toEqual([]);
    expect(diffDefinitions(v1, v2, true)).toEqual([expect.objectContaining({ kind: 'changed', key: 'start', details: ['position'] })]);
    v2.name = '会商（新）';
    v2.inputs = [];
    v2.variables = [{ name: 'n', type: 'integer' }];
    const keys = diffDefinitions(v1, v2).map((c) => `${c.kind}:${c.area}:${c.key}`);
    expect(keys).toEqual(['changed:field:name', 'removed:input:subject', 'added:variable:n']);
  });
});
