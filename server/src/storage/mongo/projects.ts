import { newId } from '../ids.js';
import type { EndpointPatch, ProjectPatch } from '../rows.js';
import type { Storage } from '../storage.js';
import { AFTER_UPDATE, pickDefined, type MongoContext } from './context.js';
import type { EndpointDoc, ProjectDoc } from './documents.js';
import { mapOrNull, toEndpoint, toProject } from './mapping.js';

type ProjectOps = Pick<
  Storage,
  | 'createProject' | 'findProjectById' | 'findProjectByApiKey' | 'listProjects' | 'updateProject' | 'deleteProject'
  | 'createEndpoint' | 'findEndpointById' | 'findEndpointByName' | 'listEndpoints' | 'updateEndpoint' | 'deleteEndpoint'
>;

const PROJECT_PATCH_KEYS = ['name', 'apiKey', 'allowedOrigins', 'disallowNoOrigin', 'masterKeyHash', 'tokenTtlSeconds'] as const satisfies ReadonlyArray<keyof ProjectPatch>;
const ENDPOINT_PATCH_KEYS = ['name', 'description', 'auth', 'secure', 'access'] as const satisfies ReadonlyArray<keyof EndpointPatch>;

export function projectOps({ models, now }: MongoContext): ProjectOps {
  const { projects, endpoints, records, users, sessions } = models;

  return {
    async createProject(input) {
      const t = now();
      const doc: ProjectDoc = {
        _id: newId(),
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
      const { deletedCount } = await projects.deleteOne({ _id: id });
      const byProject = { projectId: id };
      await Promise.all([
        endpoints.deleteMany(byProject),
        records.deleteMany(byProject),
        users.deleteMany(byProject),
        sessions.deleteMany(byProject),
      ]);
      return deletedCount > 0;
    },

    async createEndpoint(input) {
      const t = now();
      const { readOthers, updateOthers, deleteOthers } = input.access;
      const doc: EndpointDoc = {
        _id: newId(),
        projectId: input.projectId,
        name: input.name,
        description: input.description,
        auth: input.auth,
        secure: input.secure,
        access: { readOthers, updateOthers, deleteOthers },
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
      const set = { ...pickDefined(patch, ENDPOINT_PATCH_KEYS), updatedAt: now() };
      const doc = await endpoints.findOneAndUpdate({ _id: id }, { $set: set }, AFTER_UPDATE).lean<EndpointDoc>();
      return mapOrNull(doc, toEndpoint);
    },
    async deleteEndpoint(id) {
      const { deletedCount } = await endpoints.deleteOne({ _id: id });
      const byEndpoint = { endpointId: id };
      await Promise.all([records.deleteMany(byEndpoint), users.deleteMany(byEndpoint), sessions.deleteMany(byEndpoint)]);
      return deletedCount > 0;
    },
  };
}
