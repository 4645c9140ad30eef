import { newId } from '../ids.js';
import type { EndpointPatch, ProjectPatch } from '../rows.js';
import type { Storage } from '../storage.js';
import { changes, many, one, setClause, type SqliteContext } from './context.js';
import { toEndpoint, toOwner, toOwnerSession, toProject } from './mapping.js';

type AccountOps = Pick<
  Storage,
  | 'createOwner' | 'findOwnerById' | 'findOwnerByEmail'
  | 'createOwnerSession' | 'findOwnerSessionByTokenHash' | 'revokeOwnerSession'
  | 'createProject' | 'findProjectById' | 'findProjectByApiKey' | 'listProjects' | 'updateProject' | 'deleteProject'
  | 'createEndpoint' | 'findEndpointById' | 'findEndpointByName' | 'listEndpoints' | 'updateEndpoint' | 'deleteEndpoint'
>;

const PROJECT_COLUMNS: Record<string, string> = {
  name: 'name',
  apiKey: 'api_key',
  allowedOrigins: 'allowed_origins',
  disallowNoOrigin: 'disallow_no_origin',
  masterKeyHash: 'master_key_hash',
  tokenTtlSeconds: 'token_ttl_seconds',
};

const ENDPOINT_COLUMNS: Record<string, string> = {
  name: 'name',
  description: 'description',
  auth: 'auth',
  secure: 'secure',
  readOthers: 'read_others',
  updateOthers: 'update_others',
  deleteOthers: 'delete_others',
};

function projectValues(patch: ProjectPatch): Record<string, unknown> {
  const values: Record<string, unknown> = { ...patch };
  if (patch.allowedOrigins) values.allowedOrigins = JSON.stringify(patch.allowedOrigins);
  if (patch.disallowNoOrigin !== undefined) values.disallowNoOrigin = patch.disallowNoOrigin ? 1 : 0;
  return values;
}

function endpointValues(patch: EndpointPatch): Record<string, unknown> {
  const { access, auth, secure, ...rest } = patch;
  const values: Record<string, unknown> = { ...rest };
  if (auth !== undefined) values.auth = auth ? 1 : 0;
  if (secure !== undefined) values.secure = secure ? 1 : 0;
  if (access) {
    values.readOthers = access.readOthers ? 1 : 0;
    values.updateOthers = access.updateOthers ? 1 : 0;
    values.deleteOthers = access.deleteOthers ? 1 : 0;
  }
  return values;
}

export function accountOps(ctx: SqliteContext): AccountOps {
  const updateRow = async (table: string, id: string, patch: Record<string, unknown>, columns: Record<string, string>): Promise<boolean> => {
    const values = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    const set = setClause(values, columns);
    const sql = `UPDATE ${table} SET ${set ? `${set}, ` : ''}updated_at = @updatedAt WHERE id = @id`;
    return (await changes(ctx, sql, { ...values, id, updatedAt: ctx.now() })) > 0;
  };

  const ops: AccountOps = {
    async createOwner(input) {
      const id = newId();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO owners (id, email, email_lower, name, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(id, input.email, input.email.toLowerCase(), input.name, input.passwordHash, ctx.now()),
      );
      return (await ops.findOwnerById(id))!;
    },
    async findOwnerById(id) {
      return one(ctx, toOwner, 'SELECT * FROM owners WHERE id = ?', id);
    },
    async findOwnerByEmail(email) {
      return one(ctx, toOwner, 'SELECT * FROM owners WHERE email_lower = ?', email.toLowerCase());
    },

    async createOwnerSession(input) {
      const id = newId();
      await ctx.write(() =>
        ctx
          .prepare('INSERT INTO owner_sessions (id, owner_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
          .run(id, input.ownerId, input.tokenHash, ctx.now(), input.expiresAt.getTime()),
      );
      return one(ctx, toOwnerSession, 'SELECT * FROM owner_sessions WHERE id = ?', id)!;
    },
    async findOwnerSessionByTokenHash(tokenHash) {
      return one(ctx, toOwnerSession, 'SELECT * FROM owner_sessions WHERE token_hash = ?', tokenHash);
    },
    async revokeOwnerSession(id) {
      return (await changes(ctx, 'UPDATE owner_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', ctx.now(), id)) > 0;
    },

    async createProject(input) {
      const id = newId();
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
      return (await ops.findProjectById(id))!;
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
      return (await updateRow('projects', id, projectValues(patch), PROJECT_COLUMNS)) ? ops.findProjectById(id) : null;
    },
    async deleteProject(id) {
      return (await changes(ctx, 'DELETE FROM projects WHERE id = ?', id)) > 0;
    },

    async createEndpoint(input) {
      const id = newId();
      const now = ctx.now();
      await ctx.write(() =>
        ctx
          .prepare(
            `INSERT INTO endpoints (id, project_id, name, description, auth, secure, read_others, update_others, delete_others,
               created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.projectId, input.name, input.description, input.auth ? 1 : 0, input.secure ? 1 : 0,
            input.access.readOthers ? 1 : 0, input.access.updateOthers ? 1 : 0, input.access.deleteOthers ? 1 : 0, now, now),
      );
      return (await ops.findEndpointById(id))!;
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
      return (await updateRow('endpoints', id, endpointValues(patch), ENDPOINT_COLUMNS)) ? ops.findEndpointById(id) : null;
    },
    async deleteEndpoint(id) {
      return (await changes(ctx, 'DELETE FROM endpoints WHERE id = ?', id)) > 0;
    },
  };
  return ops;
}
