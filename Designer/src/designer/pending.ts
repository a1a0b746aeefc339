import type { WorkflowDefinition } from './model/types';

/** A definition handed from the list (duplicate, import) to the editor of a new definition, once. */
let pending: WorkflowDefinition | undefined;

export const pendingDefinition = {
  set(definition: WorkflowDefinition) {
    pending = definition;
  },
  take(): WorkflowDefinition | undefined {
    const value = pending;
    pending = undefined;
    return value;
  },
};
