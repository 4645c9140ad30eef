import type { Statement } from 'better-sqlite3';
import type { PageQuery } from '../rows.js';

const PATH_SEGMENT = /^[A-Za-z0-9_]+$/;

/** `data.a.b` → the JSON path `$."a"."b"`; throws on anything but plain segments. */
export function jsonPath(field: string): string {
  const segments = field.split('.').slice(1);
  if (segments.length === 0 || !segments.every((s) => PATH_SEGMENT.test(s))) throw new Error(`invalid sort field ${field}`);
  return `$.${segments.map((s) => `"${s}"`).join('.')}`;
}

/**
 * One keyset page of `records` or `users` of an endpoint, in one statement.
 * Order is (key, created_at, unique_id); the cursor row's own key is read by a
 * sub-select, so an unknown cursor compares as NULL and yields an empty page.
 * A JSON null or missing field sorts first (as -Infinity, which JSON cannot hold).
 */
export function pageRows(prepare: (sql: string) => Statement, table: 'records' | 'users', endpointId: string, query: PageQuery): Record<string, unknown>[] {
  const sort = query.sort ?? { field: 'createdAt', direction: 'asc' };
  const dir = sort.direction === 'desc' ? 'DESC' : 'ASC';
  const cmp = sort.direction === 'desc' ? '<' : '>';
  const byData = sort.field !== 'createdAt';
  const keys = byData ? ['IFNULL(json_extract(data, @path), -9e999)', 'created_at', 'unique_id'] : ['created_at', 'unique_id'];
  const cols = keys.join(', ');
  const where = ['endpoint_id = @endpointId'];
  if (query.creatorId !== undefined) where.push('creator_id = @creatorId');
  if (query.after !== undefined) {
    where.push(`(${cols}) ${cmp} (SELECT ${cols} FROM ${table} WHERE unique_id = @after AND endpoint_id = @endpointId)`);
  }
  const order = keys.map((c) => `${c} ${dir}`).join(', ');
  // Not `LIMIT @limit`: SQLite's planner reads a bare bound LIMIT, so every new binding expires the
  // statement and it is parsed and planned again on each page (~5 µs). The CAST hides it from the planner.
  const sql = `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT CAST(@limit AS INTEGER)`;
  const params: Record<string, unknown> = { endpointId, limit: query.limit };
  if (byData) params.path = jsonPath(sort.field);
  if (query.creatorId !== undefined) params.creatorId = query.creatorId;
  if (query.after !== undefined) params.after = query.after;
  return prepare(sql).all(params) as Record<string, unknown>[];
}
