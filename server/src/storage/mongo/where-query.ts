import type { FieldTest, WhereField, WhereNode } from '../where.js';
import { op } from './context.js';
import { queryablePath } from './queryable.js';

/*
 * A WhereNode as a MongoDB query document on the queryable copy (queryable.ts). Every operator
 * object is marked trusted (`op`): the connection sanitizes filters, so no `$…` key can come from
 * anywhere else. $startsWith / $contains / $icontains become regular expressions built here from
 * the escaped string, never from client syntax. The semantics match sqlite/where-sql.ts (and so
 * MongoDB's own): a test on an array matches when the array or an element passes it.
 */

type Filter = Record<string, unknown>;

export function whereQuery(node: WhereNode): Filter {
  if (node.kind === 'field') return allOf(node.tests.map((test) => testFilter(node.field, test)));
  if (node.nodes.length === 0) return node.kind === 'and' ? {} : { _id: op({ $in: [] }) };
  return { [`$${node.kind}`]: node.nodes.map(whereQuery) };
}

const allOf = (filters: Filter[]): Filter => (filters.length === 1 ? filters[0]! : { $and: filters });

function fieldPath(field: WhereField): string {
  if (field.kind === 'uniqueId') return '_id';
  if (field.kind === 'time') return field.name;
  return queryablePath(field.path);
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One test as a filter. $not is field-level: none of its tests' conjunction holds (a missing field included), as $nor. */
function testFilter(field: WhereField, test: FieldTest): Filter {
  if (test.op === 'not') return { $nor: [allOf(test.tests.map((t) => testFilter(field, t)))] };
  return { [fieldPath(field)]: operator(field, test) };
}

function operator(field: WhereField, test: Exclude<FieldTest, { op: 'not' }>): unknown {
  const value = (v: unknown) => (field.kind === 'time' ? new Date(v as number) : v);
  switch (test.op) {
    case 'in': case 'nin':
      return op({ [`$${test.op}`]: test.values.map(value) });
    case 'startsWith':
      return op({ $regex: `^${escapeRegex(test.value)}` });
    case 'contains':
      return op({ $regex: escapeRegex(test.value) });
    case 'icontains':
      return op({ $regex: escapeRegex(test.value), $options: 'i' });
    default:
      return op({ [`$${test.op}`]: value(test.value) });
  }
}
