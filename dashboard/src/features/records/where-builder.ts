/** The filter bar's conditions, and the `where` JSON they make (docs/querying.md). */

export const OPERATORS = [
  { op: '$eq', label: '=' },
  { op: '$ne', label: '≠' },
  { op: '$gt', label: '>' },
  { op: '$gte', label: '≥' },
  { op: '$lt', label: '<' },
  { op: '$lte', label: '≤' },
  { op: '$contains', label: 'contains' },
  { op: '$icontains', label: 'contains (any case)' },
  { op: '$startsWith', label: 'starts with' },
  { op: '$exists', label: 'exists' },
] as const;

export type Operator = (typeof OPERATORS)[number]['op'];

export interface Condition {
  field: string;
  op: Operator;
  value: unknown;
}

const STRING_OPS: readonly Operator[] = ['$contains', '$icontains', '$startsWith'];

/**
 * What the value box means: JSON where it parses (42, true, null, "quoted"), else the text as a
 * string; the string operators always take the text, $exists a boolean.
 */
export function conditionValue(op: Operator, text: string): unknown {
  if (STRING_OPS.includes(op)) return text;
  if (op === '$exists') return text.trim() !== 'false';
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? text : parsed;
  } catch {
    return text;
  }
}

/**
 * `where` with one more condition: a second condition on a field joins the first
 * (`{"$gte": 18}` and `{"$lt": 65}` make `{"$gte": 18, "$lt": 65}`); `$eq` alone is written as the plain value.
 */
export function withCondition(where: Record<string, unknown>, { field, op, value }: Condition): Record<string, unknown> {
  const existing = where[field];
  const operators = existing === undefined ? {} : isOperators(existing) ? existing : { $eq: existing };
  const merged: Record<string, unknown> = { ...operators, [op]: value };
  return { ...where, [field]: Object.keys(merged).length === 1 && '$eq' in merged ? merged.$eq : merged };
}

const isOperators = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).every((k) => k.startsWith('$'));

/** A local check of the JSON box before the server's own (which names the offending part). */
export function whereTextProblem(text: string): string | null {
  if (!text.trim()) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? null : 'where must be a JSON object, such as {"data.age": {"$gte": 18}}.';
  } catch {
    return 'This is not valid JSON.';
  }
}
