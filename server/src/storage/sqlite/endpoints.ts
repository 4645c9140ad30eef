import { newId } from '../ids.js';
import type { EndpointPatch } from '../rows.js';
import type { EndpointStore } from '../storage.js';
import { many, one, updateById, type SqliteContext } from './context.js';
import { buildIndexes, dropEndpointIndexes, dropIndexes } from './indexes.js';
import { toEndpoint } from './mapping.js';

const ENDPOINT_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  auth: 'auth',
  maxFileBytes: 'max_file_bytes',
  allowedTypes: 'allowed_types',
  secure: 'secure',
  requireVerifiedEmail: 'require_verified_email',
  readOthers: 'read_others',
  updateOthers: 'update_others',
  deleteOthers: 'delete_others',
};

function endpointValues(patch: EndpointPatch): Record<string, unknown> {
  const { access, auth, secure, requireVerifiedEmail, files: _files, allowedTypes, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (allowedTypes !== undefined) values.allowedTypes = JSON.stringify(allowedTypes);
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
  const findEndpoint = (id: string) => one(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE id = ?', id);

  /**
   * Builds the indexes added (indexes.ts), then in one write lists them and drops those left out;
   * false when there is no such endpoint. An endpoint deleted during the build takes them along.
   */
  const replaceIndexes = async (id: string, indexes: string[]): Promise<boolean> => {
    const current = findEndpoint(id);
    if (!current) return false;
    await buildIndexes(ctx, current.auth ? 'users' : 'records', id, indexes.filter((f) => !current.indexes.includes(f)));
    return ctx.write(() => {
      const latest = findEndpoint(id);
      if (!latest) {
        dropEndpointIndexes(ctx, [id]);
        return false;
      }
      ctx.prepare('UPDATE endpoints SET indexes = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(indexes), ctx.now(), id);
      dropIndexes(ctx, id, latest.indexes.filter((f) => !indexes.includes(f)));
      return true;
    });
  };
  const store: EndpointStore = {
    async createEndpoint(input) {
      const id = input.id ?? newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(
            `INSERT INTO endpoints (id, project_id, name, description, auth, files, max_file_bytes, allowed_types, secure,
               require_verified_email, read_others, update_others, delete_others, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.projectId, input.name, input.description, input.auth ? 1 : 0, input.files ? 1 : 0, input.maxFileBytes,
            JSON.stringify(input.allowedTypes), input.secure ? 1 : 0, input.requireVerifiedEmail ? 1 : 0,
            input.access.readOthers ? 1 : 0, input.access.updateOthers ? 1 : 0, input.access.deleteOthers ? 1 : 0, now, now),
      );
      return findEndpoint(id)!;
    },
    async findEndpointById(id) {
      return findEndpoint(id);
    },
    async findEndpointByName(projectId, name) {
      return one(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE project_id = ? AND name = ?', projectId, name);
    },
    async listEndpoints(projectId) {
      return many(ctx, toEndpoint, 'SELECT * FROM endpoints WHERE project_id = ? ORDER BY name', projectId);
    },
    async updateEndpoint(id, patch) {
      const { indexes, ...rest } = patch;
      if (indexes !== undefined && !(await replaceIndexes(id, indexes))) return null;
      if (Object.keys(rest).length === 0 && indexes !== undefined) return findEndpoint(id);
      return (await updateById(ctx, 'endpoints', id, endpointValues(rest), ENDPOINT_COLUMNS)) ? findEndpoint(id) : null;
    },
    async deleteEndpoint(id) {
      return ctx.write(() => {
        dropEndpointIndexes(ctx, [id]);
        return ctx.prepare('DELETE FROM endpoints WHERE id = ?').run(id).changes > 0;
      });
    },
  };
  return store;
}
