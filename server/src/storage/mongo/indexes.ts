import { createHash } from 'node:crypto';
import type { Model } from 'mongoose';
import { dataPathOf } from '../where.js';
import { queryablePath } from './queryable.js';
import { sortablePath } from './sortable.js';

/*
 * Owner-declared indexes (endpoint setting `indexes`). Each field gets two partial compound
 * indexes on its endpoint's documents: `{endpointId, queryable.<path>}` for `where`, and
 * `{endpointId, sortable.<path>, createdAt, _id}` for `sort` (the two copies differ on booleans
 * and arrays, see queryable.ts and sortable.ts). MongoDB builds indexes without holding the
 * collection for long. Names start `rx_<endpoint id>_`, which prepareCollections (models.ts) keeps.
 */

const PREFIX = 'rx_';

export const isDeclaredIndex = (name: string): boolean => name.startsWith(PREFIX);

const indexName = (endpointId: string, field: string, use: 'q' | 's'): string =>
  `${PREFIX}${endpointId}_${createHash('sha256').update(field).digest('hex').slice(0, 12)}_${use}`;

type Indexed = Pick<Model<unknown>, 'collection'>;

/** Builds the indexes of `next` missing from `previous` and drops those no longer listed. */
export async function syncIndexes(model: Indexed, endpointId: string, previous: readonly string[], next: readonly string[]): Promise<void> {
  const partialFilterExpression = { endpointId };
  for (const field of previous) {
    if (next.includes(field)) continue;
    for (const use of ['q', 's'] as const) await model.collection.dropIndex(indexName(endpointId, field, use)).catch(ignoreMissing);
  }
  for (const field of next) {
    if (previous.includes(field)) continue;
    await model.collection.createIndex({ endpointId: 1, [queryablePath(dataPathOf(field))]: 1 }, { name: indexName(endpointId, field, 'q'), partialFilterExpression });
    await model.collection.createIndex(
      { endpointId: 1, [sortablePath(field)]: 1, createdAt: 1, _id: 1 },
      { name: indexName(endpointId, field, 's'), partialFilterExpression },
    );
  }
}

/** Drops every declared index of these endpoints. */
export async function dropEndpointIndexes(model: Indexed, endpointIds: readonly string[]): Promise<void> {
  const existing = (await model.collection.indexes().catch(() => [])) as Array<{ name?: string }>;
  const names = existing.map((index) => index.name ?? '').filter((name) => endpointIds.some((id) => name.startsWith(`${PREFIX}${id}_`)));
  for (const name of names) await model.collection.dropIndex(name).catch(ignoreMissing);
}

function ignoreMissing(error: unknown): void {
  if ((error as { codeName?: string }).codeName !== 'IndexNotFound') throw error;
}
