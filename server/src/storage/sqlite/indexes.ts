import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SqliteContext } from './context.js';
import { dataKeyOf, sortPathOf } from './where-sql.js';

/*
 * Owner-declared indexes (endpoint setting `indexes`): one partial expression index per field,
 * `(key, created_at, unique_id) WHERE endpoint_id = '<id>'`, where key is the expression a filter
 * compares and a data sort orders by (where-sql.ts dataKeyOf). Partial, so an index holds only its
 * endpoint's rows and costs writes to other endpoints nothing; named `rx_<endpoint id>_<hash of
 * the field>`, so an endpoint's indexes are found by name when it goes.
 *
 * Building one reads the whole table (seconds at 1,000,000 records). On a database file with more
 * than IN_PLACE_ROWS rows in the table that happens in a child process on a connection of its own
 * (index-builder.ts) while this connection holds its writes back, so the server keeps answering
 * reads meanwhile; writes wait in the queue until the build is done. Smaller tables, and an
 * in-memory database, build in place.
 */

const ID = /^[0-9a-f]{32}$/;
type Table = 'records' | 'users';

export const indexName = (endpointId: string, field: string): string =>
  `rx_${checkedId(endpointId)}_${createHash('sha256').update(field).digest('hex').slice(0, 12)}`;

function checkedId(endpointId: string): string {
  if (!ID.test(endpointId)) throw new Error('invalid endpoint id');
  return endpointId;
}

const createSql = (table: Table, endpointId: string, field: string): string =>
  `CREATE INDEX IF NOT EXISTS ${indexName(endpointId, field)} ON ${table} (${dataKeyOf(sortPathOf(field))}, created_at, unique_id) WHERE endpoint_id = '${checkedId(endpointId)}'`;

/** Creates the indexes of these fields (not in a write of the caller's: it holds the writes itself). */
export async function buildIndexes(ctx: SqliteContext, table: Table, endpointId: string, fields: readonly string[]): Promise<void> {
  const statements = fields.map((field) => createSql(table, endpointId, field));
  if (statements.length === 0) return;
  if (ctx.db.memory || rowsOf(ctx, table) <= IN_PLACE_ROWS) {
    await ctx.write(() => statements.forEach((sql) => ctx.db.exec(sql)));
    return;
  }
  await ctx.holdWrites(() => buildInChild(ctx.db.name, statements));
}

/** A build reads the whole table (every endpoint's rows): up to this many it takes a few tens of ms, and runs in place. */
export const IN_PLACE_ROWS = 20_000;

function rowsOf(ctx: SqliteContext, table: Table): number {
  // The records' counts are kept per endpoint by triggers (migration 2); users are counted.
  const sql = table === 'records' ? 'SELECT IFNULL(sum(n), 0) AS n FROM endpoint_record_counts' : 'SELECT count(*) AS n FROM users';
  return (ctx.prepare(sql).get() as { n: number }).n;
}

function buildInChild(file: string, statements: string[]): Promise<void> {
  const fromSources = import.meta.url.endsWith('.ts');
  const script = fileURLToPath(new URL(fromSources ? './index-builder.ts' : './index-builder.js', import.meta.url));
  const tsx = () => pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  // Nothing of the server's environment (its SECRET, the database URI) goes to the child: it needs none.
  const env = Object.fromEntries(['PATH', 'TMPDIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
  const child = fork(script, [], { execArgv: fromSources ? ['--import', tsx()] : [], env, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('message', (answer: { ok: boolean; message?: string }) => {
      child.disconnect();
      if (answer.ok) resolve();
      else reject(new Error(`building the index failed: ${answer.message}`));
    });
    child.once('exit', (code) => reject(new Error(`the index builder exited (${code}) before answering`)));
    child.once('error', reject);
    child.send({ file, statements });
  });
}

/** Drops the indexes of these fields (inside the caller's write). */
export function dropIndexes(ctx: SqliteContext, endpointId: string, fields: readonly string[]): void {
  for (const field of fields) ctx.db.exec(`DROP INDEX IF EXISTS ${indexName(endpointId, field)}`);
}

/** Drops every declared index of these endpoints (before they are deleted; inside the caller's write). */
export function dropEndpointIndexes(ctx: SqliteContext, endpointIds: readonly string[]): void {
  for (const endpointId of endpointIds) {
    const names = ctx.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE ? ESCAPE '!'")
      .all(`rx!_${checkedId(endpointId)}!_%`) as { name: string }[];
    for (const { name } of names) ctx.db.exec(`DROP INDEX IF EXISTS "${name}"`);
  }
}
