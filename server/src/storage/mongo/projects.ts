import { newId } from '../ids.js';
import { dropEndpointIndexes } from './indexes.js';
import type { ProjectPatch } from '../rows.js';
import type { ProjectStore } from '../storage.js';
import { AFTER_UPDATE, pickDefined, type MongoContext } from './context.js';
import type { ProjectDoc } from './documents.js';
import { mapOrNull, toProject } from './mapping.js';

const PROJECT_PATCH_KEYS = ['name', 'apiKey', 'allowedOrigins', 'disallowNoOrigin', 'masterKeyHash', 'tokenTtlSeconds'] as const satisfies ReadonlyArray<keyof ProjectPatch>;

export function projectStore({ models, now }: MongoContext): ProjectStore {
  const { projects, endpoints, records, users, sessions, emailSettings, emailTemplates, oneTimeTokens, trafficCounts, requestErrors } = models;

  return {
    async createProject(input) {
      const t = now();
      const doc: ProjectDoc = {
        _id: input.id ?? newId(),
        ownerId: input.ownerId,
        name: input.name,
        apiKey: input.apiKey,
        allowedOrigins: [...input.allowedOrigins],
        disallowNoOrigin: input.disallowNoOrigin,
        masterKeyHash: input.masterKeyHash,
        tokenTtlSeconds: input.tokenTtlSeconds,
        jwtSecret: input.jwtSecret,
        createdAt: t,
        updatedAt: t,
      };
      await projects.create(doc);
      return toProject(doc);
    },
    async findProjectById(id) {
      return mapOrNull(await projects.findOne({ _id: id }).lean<ProjectDoc>(), toProject);
    },
    async findProjectByApiKey(apiKey) {
      return mapOrNull(await projects.findOne({ apiKey }).lean<ProjectDoc>(), toProject);
    },
    async listProjects(ownerId) {
      const docs = await projects.find({ ownerId }).sort({ createdAt: 1, _id: 1 }).lean<ProjectDoc[]>();
      return docs.map(toProject);
    },
    async updateProject(id, patch) {
      const set = { ...pickDefined(patch, PROJECT_PATCH_KEYS), updatedAt: now() };
      const doc = await projects.findOneAndUpdate({ _id: id }, { $set: set }, AFTER_UPDATE).lean<ProjectDoc>();
      return mapOrNull(doc, toProject);
    },
    async deleteProject(id) {
      // The project goes first, so nothing under it is reachable while the rest is removed.
      // The children are removed even when the project was already gone: that finishes a
      // cascade an earlier failure interrupted.
      const endpointIds = (await endpoints.find({ projectId: id }, { _id: 1 }).lean<Array<{ _id: string }>>()).map((e) => e._id);
      const { deletedCount } = await projects.deleteOne({ _id: id });
      const byProject = { projectId: id };
      await Promise.all([dropEndpointIndexes(records, endpointIds), dropEndpointIndexes(users, endpointIds)]);
      await Promise.all([
        endpoints.deleteMany(byProject),
        records.deleteMany(byProject),
        users.deleteMany(byProject),
        sessions.deleteMany(byProject),
        emailSettings.deleteOne({ _id: id }),
        emailTemplates.deleteMany(byProject),
        oneTimeTokens.deleteMany(byProject),
        trafficCounts.deleteMany(byProject),
        requestErrors.deleteMany(byProject),
      ]);
      return deletedCount > 0;
    },
    async projectUsage(projectId) {
      // Both collections are indexed on projectId; dataJson is the exact JSON text stored.
      const usage = { records: 0, bytes: 0 };
      // Records' file bytes (blobBytes, file endpoints) count too; users have none ($ifNull).
      const bytes = { $add: [{ $strLenBytes: '$dataJson' }, { $ifNull: ['$blobBytes', 0] }] };
      const sum = [{ $match: { projectId } }, { $group: { _id: null, n: { $sum: 1 }, bytes: { $sum: bytes } } }];
      for (const model of [records, users]) {
        const [total] = await model.aggregate<{ n: number; bytes: number }>(sum);
        usage.records += total?.n ?? 0;
        usage.bytes += total?.bytes ?? 0;
      }
      return usage;
    },
  };
}
