import type { ActivityNode, Connection, Parameter, WorkflowDefinition } from './types';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  kind: ChangeKind;
  /** "activity", "connection", "input", "variable" or "field". */
  area: 'activity' | 'connection' | 'input' | 'variable' | 'field';
  /** What changed: an activity id, "source —outcome→ target", a parameter name, or a top-level field name. */
  key: string;
  /** For changed activities: which of its parts ("name", "type", "inputs.title", "position", "body"). */
  details?: string[];
  before?: unknown;
  after?: unknown;
}

/** Stable JSON for comparing values: object keys sorted. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

function activityDetails(before: ActivityNode, after: ActivityNode, withPositions: boolean): string[] {
  const details: string[] = [];
  if (before.type !== after.type) details.push('type');
  if ((before.name ?? '') !== (after.name ?? '')) details.push('name');
  const keys = new Set([...Object.keys(before.inputs ?? {}), ...Object.keys(after.inputs ?? {})]);
  for (const key of [...keys].sort()) if (!same(before.inputs?.[key], after.inputs?.[key])) details.push(`inputs.${key}`);
  if (!same(before.body, after.body)) details.push('body');
  if (withPositions && !same(before.position, after.position)) details.push('position');
  return details;
}

function connectionKey(c: Connection) {
  return `${c.source} —${c.outcome}→ ${c.target}`;
}

function parameters(area: 'input' | 'variable', before: Parameter[] = [], after: Parameter[] = []): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.map((p) => [p.name, p]));
  const now = new Map(after.map((p) => [p.name, p]));
  for (const [name, p] of now) {
    if (!old.has(name)) changes.push({ kind: 'added', area, key: name, after: p });
    else if (!same(old.get(name), p)) changes.push({ kind: 'changed', area, key: name, before: old.get(name), after: p });
  }
  for (const [name, p] of old) if (!now.has(name)) changes.push({ kind: 'removed', area, key: name, before: p });
  return changes;
}

/**
 * The differences between two versions of a definition: top-level fields, inputs and variables by name, activities by
 * id (with the parts that changed), connections as (source, outcome, target). Moving an activity on the canvas is a
 * change only when `withPositions`.
 */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition, withPositions = false): Change[] {
  const changes: Change[] = [];
  for (const field of ['name', 'description'] as const) {
    if ((before[field] ?? '') !== (after[field] ?? '')) changes.push({ kind: 'changed', area: 'field', key: field, before: before[field], after: after[field] });
  }
  changes.push(...parameters('input', before.inputs, after.inputs));
  changes.push(...parameters('variable', before.variables, after.variables));

  const old = new Map(before.flowchart.activities.map((a) => [a.id, a]));
  const now = new Map(after.flowchart.activities.map((a) => [a.id, a]));
  for (const [id, a] of now) {
    const previous = old.get(id);
    if (!previous) changes.push({ kind: 'added', area: 'activity', key: id, after: a });
    else {
      const details = activityDetails(previous, a, withPositions);
      if (details.length > 0) changes.push({ kind: 'changed', area: 'activity', key: id, details, before: previous, after: a });
    }
  }
  for (const [id, a] of old) if (!now.has(id)) changes.push({ kind: 'removed', area: 'activity', key: id, before: a });

  const oldConnections = new Set(before.flowchart.connections.map(connectionKey));
  const newConnections = new Set(after.flowchart.connections.map(connectionKey));
  for (const key of newConnections) if (!oldConnections.has(key)) changes.push({ kind: 'added', area: 'connection', key });
  for (const key of oldConnections) if (!newConnections.has(key)) changes.push({ kind: 'removed', area: 'connection', key });
  return changes;
}
