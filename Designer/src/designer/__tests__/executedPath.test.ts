import { describe, expect, it } from 'vitest';
import { executedPath } from '../viewer/executedPath';
import type { JournalEntry } from '../viewer/caseTypes';

const connections = [
  { source: 'start', outcome: 'Done', target: 'review' },
  { source: 'review', outcome: 'accept', target: 'decide' },
  { source: 'review', outcome: 'reject', target: 'rejected' },
  { source: 'decide', outcome: 'True', target: 'agreed' },
  { source: 'decide', outcome: 'False', target: 'review' },
];
let sequence = 0;
const entry = (kind: string, activityId?: string, message?: string): JournalEntry => ({ sequence: ++sequence, at: '2026-01-01T00:00:00Z', kind, activityId, message });

describe('executed path from the journal', () => {
  it('marks completed activities, followed connections and what waits now', () => {
    const journal = [
      entry('instanceStarted'),
      entry('activityStarted', 'start'), entry('activityCompleted', 'start', 'Done'),
      entry('activityStarted', 'review'), entry('taskAssigned', 'review'), entry('activityCompleted', 'review', 'accept'),
      entry('activityStarted', 'decide'), entry('activityCompleted', 'decide', 'False'),
      entry('activityStarted', 'review'), entry('taskAssigned', 'review'),
    ];
    const path = executedPath(journal, connections, ['review']);
    expect([...path.done].sort()).toEqual(['decide', 'review', 'start']);
    expect([...path.waiting]).toEqual(['review']);
    expect([...path.taken].sort()).toEqual(['decide|False|review', 'review|accept|decide', 'start|Done|review']);
  });

  it('does not count a connection whose target started before the source completed with that outcome', () => {
    const journal = [
      entry('activityStarted', 'rejected'), entry('activityCompleted', 'rejected'),
      entry('activityStarted', 'review'), entry('activityCompleted', 'review', 'reject'),
    ];
    expect(executedPath(journal, connections, []).taken.has('review|reject|rejected')).toBe(false);
  });

  it('marks a faulted activity and not as waiting', () => {
    const journal = [entry('activityStarted', 'decide'), entry('activityFaulted', 'decide', 'bad rule')];
    const path = executedPath(journal, connections, []);
    expect(path.faulted.has('decide')).toBe(true);
    expect(path.waiting.has('decide')).toBe(false);
  });
});
