import { newId } from '../ids.js';
import type { ProjectPatch } from '../rows.js';
import type { ProjectStore, ProjectUsage } from '../storage.js';
import { many, one, updateById, type SqliteContext } from './context.js';
import { dropEndpointIndexes } from './indexes.js';
import { toProject } from './mapping.js';

const PROJECT_COLUMNS: Record<string, string> = {
  name: 'name',
  apiKey: 'api_key',
  allowedOrigins: 'allowed_origins',
  disallowNoOrigin: 'disallow_no_origin',
  masterKeyHash: 'master_key_hash',
  tokenTtlSeconds: 'token_ttl_seconds',
};

function projectValues(patch: ProjectPatch): Record<string, unknown> {
  const values: Record<string, unknown> = { ...patch };
  if (patch.allowedOrigins) values.allowedOrigins = JSON.stringify(patch.allowedOrigins);
  if (patch.disallowNoOrigin !== undefined) values.disallowNoOrigin = patch.disallowNoOrigin ? 1 : 0;
  return values;
}

export function projectStore(ctx: SqliteContext): ProjectStore {
  const store: ProjectStore = {
    async createProject(input) {
      const id = input.id ?? newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(
            `INSERT INTO projects (id, owner_id, name, api_key, allowed_origins, disallow_no_origin, master_key_hash,
               token_ttl_seconds, jwt_secret, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.ownerId, input.name, input.apiKey, JSON.stringify(input.allowedOrigins), input.disallowNoOrigin ? 1 : 0,
            input.masterKeyHash, input.tokenTtlSeconds, input.jwtSecret, now, now),
      );
      return (await store.findProjectById(id))!;
    },
    async findProjectById(id) {
      return one(ctx, toProject, 'SELECT * FROM projects WHERE id = ?', id);
    },
    async findProjectByApiKey(apiKey) {
      return one(ctx, toProject, 'SELECT * FROM projects WHERE api_key = ?', apiKey);
    },
    async listProjects(ownerId) {
      return many(ctx, toProject, 'SELECT * FROM projects WHERE owner_id = ? ORDER BY created_at, id', ownerId);
    },
    async updateProject(id, patch) {
      return (await updateById(ctx, 'projects', id, projectValues(patch), PROJECT_COLUMNS)) ? store.findProjectById(id) : null;
    },
    async deleteProject(id) {
      return ctx.write(() => {
        const endpoints = ctx.prepare('SELECT id FROM endpoints WHERE project_id = ?').all(id) as { id: string }[];
        dropEndpointIndexes(ctx, endpoints.map((e) => e.id));
        return ctx.prepare('DELETE FROM projects WHERE id = ?').run(id).changes > 0;
      });
    },
    async projectUsage(projectId) {
      // Kept by triggers (migration 3): one point read at any size.
      const row = ctx.prepare('SELECT records, bytes FROM project_usage WHERE project_id = ?').get(projectId) as ProjectUsage | undefined;
      return { records: row?.records ?? 0, bytes: row?.bytes ?? 0 };
    },
  };
  return store;
}
