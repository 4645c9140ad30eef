import { newId } from '../ids.js';
import type { RecordStore } from '../storage.js';
import { compareAndSet, RETRY } from './compare-and-set.js';
import { AFTER_UPDATE, op, type MongoContext } from './context.js';
import type { RecordDoc } from './documents.js';
import { dataFields, toRecord, WITHOUT_SORTABLE, type Stored } from './mapping.js';
import { listPage, whereCondition } from './pages.js';

const byCreator = (creatorId: string | undefined) => (creatorId === undefined ? {} : { creatorId });

export function recordStore({ models: { records }, now }: MongoContext): RecordStore {
  return {
    async createRecord(input) {
      const t = now();
      const doc: RecordDoc = {
        _id: input.uniqueId ?? newId(),
        projectId: input.projectId,
        endpointId: input.endpointId,
        creatorId: input.creatorId,
        ...dataFields(input.data),
        blobBytes: input.blobBytes ?? 0,
        createdAt: t,
        updatedAt: t,
      };
      await records.create(doc);
      return toRecord(doc);
    },
    async findRecords(endpointId, uniqueIds) {
      if (uniqueIds.length === 0) return [];
      const docs = await records
        .find({ endpointId, _id: op({ $in: [...uniqueIds] }) }, WITHOUT_SORTABLE)
        .lean<Array<Stored<RecordDoc>>>();
      const byId = new Map(docs.map((doc) => [doc._id, doc]));
      return uniqueIds.flatMap((id) => {
        const doc = byId.get(id);
        return doc ? [toRecord(doc)] : [];
      });
    },
    async listRecords(endpointId, query) {
      return listPage(records, endpointId, query, toRecord, byCreator(query.creatorId));
    },
    async countRecords(endpointId, filter) {
      const upTo = filter?.upTo;
      const count = records.countDocuments({ endpointId, ...byCreator(filter?.creatorId), ...whereCondition(filter?.where) });
      if (upTo === undefined) return count;
      // countDocuments runs $match → $limit → $group: with a limit it reads at most upTo index
      // entries. limit(0) would mean no limit, so zero is answered here.
      return upTo <= 0 ? 0 : count.limit(Math.floor(upTo));
    },
    async updateRecord(endpointId, uniqueId, next) {
      // Compare-and-set on the stored JSON text: a write that raced ours makes the filter miss, and we retry.
      return compareAndSet(async () => {
        const current = await records.findOne({ _id: uniqueId, endpointId }, WITHOUT_SORTABLE).lean<Stored<RecordDoc>>();
        if (!current) return null;
        const data = next(toRecord(current));
        const doc = await records
          .findOneAndUpdate(
            { _id: uniqueId, endpointId, dataJson: current.dataJson },
            { $set: { ...dataFields(data), updatedAt: now() } },
            { ...AFTER_UPDATE, projection: WITHOUT_SORTABLE },
          )
          .lean<Stored<RecordDoc>>();
        return doc ? toRecord(doc) : RETRY;
      }, 'record');
    },
    async replaceRecordFile(endpointId, uniqueId, { data, blobBytes }) {
      const doc = await records
        .findOneAndUpdate({ _id: uniqueId, endpointId }, { $set: { ...dataFields(data), blobBytes, updatedAt: now() } }, { ...AFTER_UPDATE, projection: WITHOUT_SORTABLE })
        .lean<Stored<RecordDoc>>();
      return doc ? toRecord(doc) : null;
    },
    async deleteRecord(endpointId, uniqueId) {
      const { deletedCount } = await records.deleteOne({ _id: uniqueId, endpointId });
      return deletedCount > 0;
    },
  };
}
