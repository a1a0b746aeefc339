import type { Connection } from '../model/types';
import type { JournalEntry } from './caseTypes';

export interface ExecutedPath {
  /** Activities that completed at least once. */
  done: Set<string>;
  /** Activities that are waiting now (open tasks, timers, messages...). */
  waiting: Set<string>;
  faulted: Set<string>;
  /** Connections followed: "source|outcome|target". */
  taken: Set<string>;
}

export const connectionKey = (c: Connection) => `${c.source}|${c.outcome}|${c.target}`;

/**
 * Reads the executed path from the journal: an activity is done when it completed; a connection was followed when its
 * source completed with its outcome and its target started afterwards; what started and neither completed nor faulted
 * (or has an open task) waits.
 */
export function executedPath(journal: JournalEntry[], connections: Connection[], openTaskActivities: string[]): ExecutedPath {
  const done = new Set<string>();
  const faulted = new Set<string>();
  const started = new Map<string, number>();
  const open = new Map<string, number>();
  const completions: { activityId: string; outcomes: string[]; sequence: number }[] = [];
  for (const entry of [...journal].sort((a, b) => a.sequence - b.sequence)) {
    const id = entry.activityId;
    if (!id) continue;
    if (entry.kind === 'activityStarted') {
      started.set(id, entry.sequence);
      open.set(id, (open.get(id) ?? 0) + 1);
    } else if (entry.kind === 'activityCompleted') {
      done.add(id);
      open.set(id, Math.max(0, (open.get(id) ?? 1) - 1));
      completions.push({ activityId: id, outcomes: (entry.message ?? '').split(',').map((s) => s.trim()).filter((s) => s), sequence: entry.sequence });
    } else if (entry.kind === 'activityFaulted') {
      faulted.add(id);
      open.set(id, Math.max(0, (open.get(id) ?? 1) - 1));
    }
  }
  const taken = new Set<string>();
  for (const c of connections) {
    const targetStart = started.get(c.target);
    if (targetStart === undefined) continue;
    if (completions.some((x) => x.activityId === c.source && x.outcomes.includes(c.outcome) && x.sequence < targetStart)) taken.add(connectionKey(c));
  }
  const waiting = new Set(openTaskActivities);
  for (const [id, count] of open) if (count > 0 && !faulted.has(id)) waiting.add(id);
  return { done, waiting, faulted, taken };
}
