import type { ActivityFlowNode, DefinitionMeta } from '../model/graph';
import type { FormField } from '../model/types';

/** Paths a condition can read, offered as suggestions: inputs, variables, each activity's outcome and form data. */
export function fieldSuggestions(meta: DefinitionMeta, nodes: ActivityFlowNode[]): string[] {
  const fields: string[] = [];
  for (const p of meta.inputs ?? []) fields.push(`input.${p.name}`);
  for (const p of meta.variables ?? []) fields.push(`variables.${p.name}`);
  for (const node of nodes) {
    const a = node.data.activity;
    if (a.type === 'HumanTask') {
      fields.push(`activities.${a.id}.outcome`);
      const form = a.inputs?.form as { fields?: FormField[] } | undefined;
      for (const f of form?.fields ?? []) fields.push(`activities.${a.id}.data.${f.key}`);
    } else if (a.type === 'ParallelForEach') fields.push(`activities.${a.id}.results`);
  }
  return fields;
}
