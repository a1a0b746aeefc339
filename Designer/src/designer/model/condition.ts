/**
 * The condition builder's model of a JSON Logic rule: and/or groups of "field operator value" rules. Rules it cannot
 * show this way (other operators, computed operands) are edited on the raw JSON tab; `parseCondition` says so by
 * returning null.
 */

export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'oneOf' | 'isSet' | 'isNotSet' | 'isTrue' | 'isFalse';

export const operators: Operator[] = ['==', '!=', '>', '>=', '<', '<=', 'contains', 'oneOf', 'isSet', 'isNotSet', 'isTrue', 'isFalse'];

/** Operators that take no value. */
export const unary: Operator[] = ['isSet', 'isNotSet', 'isTrue', 'isFalse'];

export interface RuleCondition {
  kind: 'rule';
  field: string;
  operator: Operator;
  /** A string, number, boolean or null; for "oneOf" a list of them. */
  value?: unknown;
}

export interface GroupCondition {
  kind: 'group';
  op: 'and' | 'or';
  children: ConditionNode[];
}

export type ConditionNode = RuleCondition | GroupCondition;

const comparison = ['==', '!=', '>', '>=', '<', '<='] as const;
const strictAlias: Record<string, string> = { '===': '==', '!==': '!=' };

const isLiteral = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function varPath(operand: unknown): string | undefined {
  if (!operand || typeof operand !== 'object' || Array.isArray(operand)) return undefined;
  const keys = Object.keys(operand);
  if (keys.length !== 1 || keys[0] !== 'var') return undefined;
  const v = (operand as { var: unknown }).var;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'string') return v[0];
  return undefined;
}

function single(rule: Record<string, unknown>): [string, unknown] | undefined {
  const keys = Object.keys(rule);
  return keys.length === 1 ? [keys[0], rule[keys[0]]] : undefined;
}

/** JSON Logic → builder tree; null when the rule uses anything the builder cannot show. Always a group at the top. */
export function parseCondition(rule: unknown): GroupCondition | null {
  if (rule === undefined || rule === null) return { kind: 'group', op: 'and', children: [] };
  const node = parseNode(rule);
  if (!node) return null;
  return node.kind === 'group' ? node : { kind: 'group', op: 'and', children: [node] };
}

function parseNode(rule: unknown): ConditionNode | null {
  if (!rule || typeof rule !== 'object' || Array.isArray(rule)) return null;
  const path = varPath(rule);
  if (path !== undefined) return { kind: 'rule', field: path, operator: 'isTrue' };
  const entry = single(rule as Record<string, unknown>);
  if (!entry) return null;
  const [op, args] = entry;
  if (op === 'and' || op === 'or') {
    if (!Array.isArray(args)) return null;
    const children = args.map(parseNode);
    return children.every((c) => c !== null) ? { kind: 'group', op, children: children as ConditionNode[] } : null;
  }
  const list = Array.isArray(args) ? args : [args];
  if (op === '!!' || op === '!') {
    if (list.length !== 1) return null;
    const field = varPath(list[0]);
    if (field !== undefined) return { kind: 'rule', field, operator: op === '!!' ? 'isSet' : 'isNotSet' };
    // {"!": {"==": [...]}} etc. is not representable; neither is a negated group.
    return null;
  }
  const normal = strictAlias[op] ?? op;
  if ((comparison as readonly string[]).includes(normal)) {
    if (list.length !== 2) return null;
    const field = varPath(list[0]);
    if (field === undefined || !isLiteral(list[1])) return null;
    if (normal === '==' && list[1] === false) return { kind: 'rule', field, operator: 'isFalse' };
    return { kind: 'rule', field, operator: normal as Operator, value: list[1] };
  }
  if (op === 'in' && list.length === 2) {
    const field = varPath(list[1]);
    if (field !== undefined && isLiteral(list[0])) return { kind: 'rule', field, operator: 'contains', value: list[0] };
    const subject = varPath(list[0]);
    if (subject !== undefined && Array.isArray(list[1]) && list[1].every(isLiteral)) return { kind: 'rule', field: subject, operator: 'oneOf', value: list[1] };
  }
  return null;
}

/** Builder tree → JSON Logic. An empty top group is no rule at all (undefined). */
export function toJsonLogic(node: ConditionNode): unknown {
  if (node.kind === 'group') {
    const children = node.children.map(toJsonLogic).filter((c) => c !== undefined);
    if (children.length === 0) return undefined;
    if (children.length === 1) return children[0];
    return { [node.op]: children };
  }
  const v = { var: node.field };
  switch (node.operator) {
    case 'isSet':
      return { '!!': [v] };
    case 'isNotSet':
      return { '!': [v] };
    case 'isTrue':
      return v;
    case 'isFalse':
      return { '==': [v, false] };
    case 'contains':
      return { in: [node.value ?? '', v] };
    case 'oneOf':
      return { in: [v, Array.isArray(node.value) ? node.value : node.value === undefined ? [] : [node.value]] };
    default:
      return { [node.operator]: [v, node.value ?? null] };
  }
}

/** Text typed into a value box → the JSON value: numbers and true/false/null as such, "quoted" or other text as text. */
export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (trimmed === 'null') return null;
  if (trimmed !== '' && /^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1);
  return text;
}

/** The JSON value → the text shown in a value box (a text that looks like a number is shown quoted). */
export function formatValue(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return parseValue(value) === value ? value : `"${value}"`;
  return JSON.stringify(value);
}
