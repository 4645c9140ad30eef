import { newId } from '../ids.js';
import type { EndpointPatch } from '../rows.js';
import type { EndpointStore } from '../storage.js';
import { changes, many, one, updateById, type SqliteContext } from './context.js';
import { toEndpoint } from './mapping.js';

const ENDPOINT_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  auth: 'auth',
  secure: 'secure',
  requireVerifiedEmail: 'require_verified_email',
  readOthers: 'read_others',
  updateOthers: 'update_others',
  deleteOthers: 'delete_others',
};

function endpointValues(patch: EndpointPatch): Record<string, unknown> {
  const { access, auth, secure, requireVerifiedEmail, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (auth !== undefined) values.auth = auth ? 1 : 0;
  if (secure !== undefined) values.secure = secure ? 1 : 0;
  if (requireVerifiedEmail !== undefined) values.requireVerifiedEmail = requireVerifiedEmail ? 1 : 0;
  if (access) {
    values.readOthers = access.readOthers ? 1 : 0;
    values.updateOthers = access.updateOthers ? 1 : 0;
    values.deleteOthers = access.deleteOthers ? 1 : 0;
  }
  return values;
}

export function endpointStore(ctx: SqliteContext): EndpointStore {
  const store: EndpointStore = {
    async createEndpoint(input) {
      const id = input.id ?? newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(
            `INSERT INTO endpoints (id, project_id, name, description, auth, secure, require_verified_email, read_others, update_others,
               delete_others, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.projectId, input.name, input.description, input.auth ? 1 : 0, input.secure ? 1 : 0,
            input.requireVerifiedEmail ? 1 : 0, input.access.readOthers ? 1 : 0, input.access.updateOthers ? 1 : 0, input.access.deleteOthers ? 1 : 0, now, now),
      );
      return (await store.findEndpointById(id))!;
    },
    async findEndpointById(id) {
      return one(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE id = ?', id);
    },
    async findEndpointByName(projectId, name) {
      return one(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE project_id = ? AND name = ?', projectId, name);
    },
    async listEndpoints(projectId) {
      return many(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE project_id = ? ORDER BY name', projectId);
    },
    async updateEndpoint(id, patch) {
      return (await updateById(ctx, 'endpoints', id, endpointValues(patch), ENDPOINT_COLUMNS)) ? store.findEndpointById(id) : null;
    },
    async deleteEndpoint(id) {
      return (await changes(ctx, 'DELETE FROM endpoints WHERE id = ?', id)) > 0;
    },
  };
  return store;
}
