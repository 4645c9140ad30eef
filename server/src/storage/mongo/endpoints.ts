import { newId } from '../ids.js';
import type { EndpointPatch } from '../rows.js';
import type { EndpointStore } from '../storage.js';
import { AFTER_UPDATE, pickDefined, type MongoContext } from './context.js';
import type { EndpointDoc } from './documents.js';
import { dropEndpointIndexes, syncIndexes } from './indexes.js';
import { mapOrNull, toEndpoint } from './mapping.js';

const ENDPOINT_PATCH_KEYS = ['name', 'description', 'auth', 'maxFileBytes', 'allowedTypes', 'secure', 'requireVerifiedEmail', 'access', 'indexes'] as const satisfies ReadonlyArray<keyof EndpointPatch>;

export function endpointStore({ models, now }: MongoContext): EndpointStore {
  const { endpoints, records, users, sessions, oneTimeTokens } = models;

  return {
    async createEndpoint(input) {
      const t = now();
      const { readOthers, updateOthers, deleteOthers } = input.access;
      const doc: EndpointDoc = {
        _id: input.id ?? newId(),
        projectId: input.projectId,
        name: input.name,
        description: input.description,
        auth: input.auth,
        files: input.files,
        maxFileBytes: input.maxFileBytes,
        allowedTypes: [...input.allowedTypes],
        secure: input.secure,
        requireVerifiedEmail: input.requireVerifiedEmail ?? false,
        access: { readOthers, updateOthers, deleteOthers },
        indexes: [],
        createdAt: t,
        updatedAt: t,
      };
      await endpoints.create(doc);
      return toEndpoint(doc);
    },
    async findEndpointById(id) {
      return mapOrNull(await endpoints.findOne({ _id: id }).lean<EndpointDoc>(), toEndpoint);
    },
    async findEndpointByName(projectId, name) {
      return mapOrNull(await endpoints.findOne({ projectId, name }).lean<EndpointDoc>(), toEndpoint);
    },
    async listEndpoints(projectId) {
      const docs = await endpoints.find({ projectId }).sort({ name: 1 }).lean<EndpointDoc[]>();
      return docs.map(toEndpoint);
    },
    async updateEndpoint(id, patch) {
      if (patch.indexes !== undefined) {
        // The indexes first: the setting lists an index only once it exists.
        const current = await endpoints.findOne({ _id: id }).lean<EndpointDoc>();
        if (!current) return null;
        await syncIndexes(current.auth ? users : records, id, current.indexes ?? [], patch.indexes);
      }
      const set = { ...pickDefined(patch, ENDPOINT_PATCH_KEYS), updatedAt: now() };
      const doc = await endpoints.findOneAndUpdate({ _id: id }, { $set: set }, AFTER_UPDATE).lean<EndpointDoc>();
      return mapOrNull(doc, toEndpoint);
    },
    async deleteEndpoint(id) {
      const { deletedCount } = await endpoints.deleteOne({ _id: id });
      await Promise.all([dropEndpointIndexes(records, [id]), dropEndpointIndexes(users, [id])]);
      const byEndpoint = { endpointId: id };
      await Promise.all([records.deleteMany(byEndpoint), users.deleteMany(byEndpoint), sessions.deleteMany(byEndpoint), oneTimeTokens.deleteMany(byEndpoint)]);
      return deletedCount > 0;
    },
  };
}
