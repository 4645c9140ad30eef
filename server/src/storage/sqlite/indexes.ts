import { createHash } from 'node:crypto';
import type { SqliteContext } from './context.js';
import { dataKeyOf, sortPathOf } from './where-sql.js';

/*
 * Owner-declared indexes (endpoint setting `indexes`): one partial expression index per field,
 * `(key, created_at, unique_id) WHERE endpoint_id = '<id>'`, where key is the expression a filter
 * compares and a data sort orders by (where-sql.ts dataKeyOf). Partial, so an index holds only its
 * endpoint's rows and costs writes to other endpoints nothing; named `rx_<endpoint id>_<hash of
 * the field>`, so an endpoint's indexes are found by name when it goes.
 */

const ID = /^[0-9a-f]{32}$/;

export const indexName = (endpointId: string, field: string): string =>
  `rx_${endpointId}_${createHash('sha256').update(field).digest('hex').slice(0, 12)}`;

function checkedId(endpointId: string): string {
  if (!ID.test(endpointId)) throw new Error('invalid endpoint id');
  return endpointId;
}

/** Creates the indexes of `next` missing from `previous` and drops those no longer listed (inside the caller's write). */
export function syncIndexes(ctx: SqliteContext, table: 'records' | 'users', endpointId: string, previous: readonly string[], next: readonly string[]): void {
  const id = checkedId(endpointId);
  for (const field of previous) {
    if (!next.includes(field)) ctx.db.exec(`DROP INDEX IF EXISTS ${indexName(id, field)}`);
  }
  for (const field of next) {
    if (previous.includes(field)) continue;
    const key = dataKeyOf(sortPathOf(field));
    ctx.db.exec(`CREATE INDEX IF NOT EXISTS ${indexName(id, field)} ON ${table} (${key}, created_at, unique_id) WHERE endpoint_id = '${id}'`);
  }
}

/** Drops every declared index of these endpoints (before they are deleted; inside the caller's write). */
export function dropEndpointIndexes(ctx: SqliteContext, endpointIds: readonly string[]): void {
  for (const endpointId of endpointIds) {
    const names = ctx.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? ESCAPE '!'")
      .all(`rx!_${checkedId(endpointId)}!_%`) as { name: string }[];
    for (const { name } of names) ctx.db.exec(`DROP INDEX IF EXISTS "${name}"`);
  }
}
