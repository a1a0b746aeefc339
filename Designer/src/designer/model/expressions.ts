/** `{"$expr": rule}` marks an input value computed when the activity runs; anything else is a literal. */
export type Expression = { $expr: unknown };

export function isExpression(value: unknown): value is Expression {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && '$expr' in value;
}

export function expr(rule: unknown): Expression {
  return { $expr: rule };
}
