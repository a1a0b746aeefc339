import type { ActivityFlowNode, ConnectionFlowEdge, DefinitionMeta } from '../model/graph';

/** One state of the editor that undo/redo steps between. */
export interface Snapshot {
  meta: DefinitionMeta;
  nodes: ActivityFlowNode[];
  edges: ConnectionFlowEdge[];
}

/** Undo and redo stacks; bounded so a long session does not hold every state it ever had. */
export class History {
  private past: Snapshot[] = [];
  private future: Snapshot[] = [];

  constructor(private readonly limit = 200) {}

  get canUndo() {
    return this.past.length > 0;
  }

  get canRedo() {
    return this.future.length > 0;
  }

  /** Records the state before a change. */
  push(before: Snapshot) {
    this.past.push(before);
    if (this.past.length > this.limit) this.past.shift();
    this.future = [];
  }

  undo(current: Snapshot): Snapshot | undefined {
    const previous = this.past.pop();
    if (previous) this.future.push(current);
    return previous;
  }

  redo(current: Snapshot): Snapshot | undefined {
    const next = this.future.pop();
    if (next) this.past.push(current);
    return next;
  }
}
