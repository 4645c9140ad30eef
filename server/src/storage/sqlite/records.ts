import { newId } from '../ids.js';
import type { RecordStore } from '../storage.js';
import { changes, one, type SqliteContext } from './context.js';
import { toRecord } from './mapping.js';
import { countRows, pageRows } from './pages.js';

export function recordStore(ctx: SqliteContext): RecordStore {
  const findRecord = (endpointId: string, uniqueId: string) =>
    one(ctx, toRecord, 'SELECT * FROM records WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId);

  return {
    async createRecord({ uniqueId = newId(), blobBytes = 0, ...input }) {
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO records (unique_id, project_id, endpoint_id, creator_id, data, blob_bytes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
          .run(uniqueId, input.projectId, input.endpointId, input.creatorId, JSON.stringify(input.data), blobBytes, now, now),
      );
      return { uniqueId, ...input, createdAt: new Date(now), updatedAt: new Date(now) };
    },
    async findRecords(endpointId, uniqueIds) {
      return uniqueIds.map((id) => findRecord(endpointId, id)).filter((r) => r !== null);
    },
    async listRecords(endpointId, query) {
      return pageRows(ctx, 'records', endpointId, query, toRecord);
    },
    async countRecords(endpointId, filter) {
      const upTo = filter?.upTo;
      if (upTo !== undefined && upTo <= 0) return 0;
      if (filter?.creatorId === undefined && filter?.where === undefined && upTo === undefined) {
        // The endpoint's whole count is kept by triggers (migration 2): one point read at any size.
        const row = ctx.prepare('SELECT n FROM endpoint_record_counts WHERE endpoint_id = ?').get(endpointId) as { n: number } | undefined;
        return row?.n ?? 0;
      }
      return countRows(ctx, 'records', endpointId, filter ?? {}, upTo);
    },
    async updateRecord(endpointId, uniqueId, next) {
      // One write: the read and the write hold the lock together, across processes too.
      return ctx.write(() => {
        const current = findRecord(endpointId, uniqueId);
        if (!current) return null;
        const data = next(current);
        const now = ctx.now();
        ctx.prepare('UPDATE records SET data = ?, updated_at = ? WHERE unique_id = ? AND endpoint_id = ?').run(JSON.stringify(data), now, uniqueId, endpointId);
        return { ...current, data, updatedAt: new Date(now) };
      });
    },
    async replaceRecordFile(endpointId, uniqueId, { data, blobBytes }) {
      return ctx.write(() => {
        const current = findRecord(endpointId, uniqueId);
        if (!current) return null;
        const now = ctx.now();
        ctx.prepare('UPDATE records SET data = ?, blob_bytes = ?, updated_at = ? WHERE unique_id = ? AND endpoint_id = ?')
          .run(JSON.stringify(data), blobBytes, now, uniqueId, endpointId);
        return { ...current, data, updatedAt: new Date(now) };
      });
    },
    async deleteRecord(endpointId, uniqueId) {
      return (await changes(ctx, 'DELETE FROM records WHERE unique_id = ? AND endpoint_id = ?', uniqueId, endpointId)) > 0;
    },
  };
}
