import { newId } from '../ids.js';
import { REQUEST_ERRORS_KEPT, type TrafficStore } from '../traffic-storage.js';
import { op, type MongoContext } from './context.js';
import type { RequestErrorDoc, TrafficCountDoc } from './traffic-schemas.js';

const strip = <T extends { _id: string }>({ _id, ...row }: T): Omit<T, '_id'> => row;

export function trafficStore({ models: { trafficCounts, requestErrors, projects } }: MongoContext): TrafficStore {
  return {
    async addTrafficCounts(all) {
      const counts = await ofLiveProjects(all);
      if (counts.length === 0) return;
      // $inc on an upsert by _id: concurrent processes add up (the server retries a duplicate-key upsert).
      await trafficCounts.bulkWrite(counts.map((c) => ({
        updateOne: {
          filter: { _id: `${c.projectId}|${c.minute.getTime()}|${c.key}` },
          update: { $inc: { count: c.count }, $setOnInsert: { projectId: c.projectId, minute: c.minute, key: c.key } },
          upsert: true,
        },
      })), { ordered: false });
    },
    async listTrafficCounts(projectId, from, to) {
      const docs = await trafficCounts.find({ ...(projectId === null ? {} : { projectId }), minute: op({ $gte: from, $lt: to }) }).sort({ minute: 1, key: 1 }).lean<TrafficCountDoc[]>();
      return docs.map(strip);
    },
    async dropTrafficBefore(before) {
      return (await trafficCounts.deleteMany({ minute: op({ $lt: before }) })).deletedCount;
    },
    async addRequestErrors(rows) {
      const kept = await ofLiveProjects(rows);
      if (kept.length === 0) return;
      await requestErrors.insertMany(kept.map((r): RequestErrorDoc => ({ _id: newId(), ...r })));
      for (const projectId of new Set(kept.map((r) => r.projectId))) await trimErrors(projectId);
    },
    async listRequestErrors(projectId, { reason, endpoint, limit }) {
      const filter = { projectId, ...(reason === undefined ? {} : { reason }), ...(endpoint === undefined ? {} : { endpoint }) };
      const docs = await requestErrors.find(filter).sort({ at: -1, _id: -1 }).limit(limit).lean<RequestErrorDoc[]>();
      return docs.map(strip);
    },
  };

  /** Counted before their project was deleted, written after: dropped (SQLite's foreign keys do the same). */
  async function ofLiveProjects<T extends { projectId: string }>(rows: readonly T[]): Promise<T[]> {
    if (rows.length === 0) return [];
    const ids = [...new Set(rows.map((r) => r.projectId))];
    const live = new Set((await projects.find({ _id: op({ $in: ids }) }, { _id: 1 }).lean<{ _id: string }[]>()).map((p) => p._id));
    return rows.filter((r) => live.has(r.projectId));
  }

  async function trimErrors(projectId: string): Promise<void> {
    const [oldestKept] = await requestErrors.find({ projectId }).sort({ at: -1, _id: -1 }).skip(REQUEST_ERRORS_KEPT - 1).limit(1).lean<RequestErrorDoc[]>();
    if (oldestKept) await requestErrors.deleteMany({ projectId, $or: [{ at: op({ $lt: oldestKept.at }) }, { at: oldestKept.at, _id: op({ $lt: oldestKept._id }) }] });
  }
}
