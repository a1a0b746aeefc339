import type { ActivityDescriptor, ActivityNode, TaskOutcome } from './types';

/**
 * The outcomes an activity can complete with, as the server's validator reads them: the descriptor's fixed ones plus
 * those named by its outcomesFromInput input (a task's outcomes and expiry outcome, a Switch's case outcomes, a Fork's
 * branch names).
 */
export function outcomesOf(activity: ActivityNode, descriptor: ActivityDescriptor | undefined): string[] {
  if (!descriptor) return [];
  const result: string[] = [];
  const add = (name: unknown) => {
    if (typeof name === 'string' && name.length > 0 && !result.includes(name)) result.push(name);
  };
  const source = descriptor.outcomesFromInput ? activity.inputs?.[descriptor.outcomesFromInput] : undefined;
  if (Array.isArray(source)) {
    for (const item of source) {
      if (typeof item === 'string') add(item);
      else if (item && typeof item === 'object') add((item as TaskOutcome).name ?? (item as { outcome?: string }).outcome);
    }
  }
  if (descriptor.outcomesFromInput === 'outcomes') add(activity.inputs?.expiryOutcome);
  for (const fixed of descriptor.outcomes) add(fixed);
  return result;
}

/** The display label of an outcome: a task outcome's label when it has one. */
export function outcomeLabel(activity: ActivityNode, outcome: string, language: string): string {
  const list = activity.inputs?.outcomes;
  if (Array.isArray(list)) {
    const found = list.find((o) => o && typeof o === 'object' && (o as TaskOutcome).name === outcome) as TaskOutcome | undefined;
    const label = found?.label;
    if (typeof label === 'string') return label;
    if (label && typeof label === 'object') return language.startsWith('en') && label.en ? label.en : label.zh;
  }
  return outcome;
}
