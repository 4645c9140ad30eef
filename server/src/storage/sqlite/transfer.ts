import { foldIdentifier } from '../../auth/identifiers.js';
import type { EndpointRow, StoredJson } from '../rows.js';
import type { TransferKind, TransferRows, TransferStore } from '../storage.js';
import { many, type SqliteContext } from './context.js';
import { toSettings, toTemplate } from './email.js';
import { buildIndexes } from './indexes.js';
import { toEndpoint, toOwner, toOwnerSession, toProject, toRecord, toSession, toUser } from './mapping.js';
import { toToken } from './one-time-tokens.js';
import { toEvent } from './audit.js';

type Raw = Record<string, unknown>;

/** How one kind of row is stored: its table, key (SQL for transfer-keys.ts's key), columns (each computed from the row) and what picks a project's rows. */
interface TableSpec<Row> {
  table: string;
  key: string;
  /** The column that makes a row unique, when the key is not one column itself. */
  conflict?: string;
  columns: Record<string, (row: Row) => unknown>;
  /** A condition on @projectId. */
  ofProject: string;
  toRow(raw: Raw): Row;
}

const ms = (date: Date): number => date.getTime();
const msOrNull = (date: Date | null): number | null => (date ? date.getTime() : null);
const bit = (flag: boolean): number => (flag ? 1 : 0);
/** The stored JSON text as it was read, or the data serialized. */
const dataText = (row: { data: unknown; dataJson?: StoredJson }): string =>
  row.dataJson === undefined ? JSON.stringify(row.data) : row.dataJson.toString();
const OF_PROJECT = 'project_id = @projectId';

/** Every kind, one table each. A new kind of data is one entry here. */
const TABLES: { [K in TransferKind]: TableSpec<TransferRows[K]> } = {
  owners: {
    table: 'owners', key: 'id', toRow: toOwner,
    ofProject: 'id = (SELECT owner_id FROM projects WHERE id = @projectId)',
    columns: { id: (r) => r.id, email: (r) => r.email, email_lower: (r) => foldIdentifier(r.email), name: (r) => r.name, password_hash: (r) => r.passwordHash, created_at: (r) => ms(r.createdAt) },
  },
  ownerSessions: {
    table: 'owner_sessions', key: 'id', toRow: toOwnerSession, ofProject: '0',
    columns: { id: (r) => r.id, owner_id: (r) => r.ownerId, token_hash: (r) => r.tokenHash, created_at: (r) => ms(r.createdAt), expires_at: (r) => ms(r.expiresAt), revoked_at: (r) => msOrNull(r.revokedAt) },
  },
  projects: {
    table: 'projects', key: 'id', toRow: toProject, ofProject: 'id = @projectId',
    columns: {
      id: (r) => r.id, owner_id: (r) => r.ownerId, name: (r) => r.name, api_key: (r) => r.apiKey, allowed_origins: (r) => JSON.stringify(r.allowedOrigins),
      disallow_no_origin: (r) => bit(r.disallowNoOrigin), master_key_hash: (r) => r.masterKeyHash, token_ttl_seconds: (r) => r.tokenTtlSeconds,
      jwt_secret: (r) => r.jwtSecret, created_at: (r) => ms(r.createdAt), updated_at: (r) => ms(r.updatedAt),
    },
  },
  endpoints: {
    table: 'endpoints', key: 'id', toRow: toEndpoint, ofProject: OF_PROJECT,
    columns: {
      id: (r) => r.id, project_id: (r) => r.projectId, name: (r) => r.name, description: (r) => r.description, auth: (r) => bit(r.auth), secure: (r) => bit(r.secure),
      files: (r) => bit(r.files), max_file_bytes: (r) => r.maxFileBytes, allowed_types: (r) => JSON.stringify(r.allowedTypes),
      require_verified_email: (r) => bit(r.requireVerifiedEmail), indexes: (r) => JSON.stringify(r.indexes), read_others: (r) => bit(r.access.readOthers), update_others: (r) => bit(r.access.updateOthers), delete_others: (r) => bit(r.access.deleteOthers),
      created_at: (r) => ms(r.createdAt), updated_at: (r) => ms(r.updatedAt),
    },
  },
  users: {
    table: 'users', key: 'unique_id', toRow: toUser, ofProject: OF_PROJECT,
    columns: {
      unique_id: (r) => r.uniqueId, project_id: (r) => r.projectId, endpoint_id: (r) => r.endpointId, username_lower: (r) => r.usernameLower, email_lower: (r) => r.emailLower,
      password_hash: (r) => r.passwordHash, data: dataText, disabled_at: (r) => msOrNull(r.disabledAt), created_at: (r) => ms(r.createdAt), updated_at: (r) => ms(r.updatedAt),
    },
  },
  sessions: {
    table: 'sessions', key: 'id', toRow: toSession, ofProject: OF_PROJECT,
    columns: {
      id: (r) => r.id, project_id: (r) => r.projectId, endpoint_id: (r) => r.endpointId, user_id: (r) => r.userId, created_at: (r) => ms(r.createdAt),
      expires_at: (r) => ms(r.expiresAt), revoked_at: (r) => msOrNull(r.revokedAt), last_seen_at: (r) => ms(r.lastSeenAt), user_agent: (r) => r.userAgent, ip: (r) => r.ip,
    },
  },
  records: {
    table: 'records', key: 'unique_id', ofProject: OF_PROJECT,
    toRow: (r) => Object.assign(toRecord(r), { blobBytes: r.blob_bytes as number }),
    columns: {
      unique_id: (r) => r.uniqueId, project_id: (r) => r.projectId, endpoint_id: (r) => r.endpointId, creator_id: (r) => r.creatorId, data: dataText,
      blob_bytes: (r) => r.blobBytes, created_at: (r) => ms(r.createdAt), updated_at: (r) => ms(r.updatedAt),
    },
  },
  emailSettings: {
    table: 'email_settings', key: 'project_id', toRow: toSettings, ofProject: OF_PROJECT,
    columns: {
      project_id: (r) => r.projectId, sender: (r) => r.from, host: (r) => r.host, port: (r) => r.port, secure: (r) => bit(r.secure), user: (r) => r.user,
      password_sealed: (r) => r.passwordSealed, updated_at: (r) => ms(r.updatedAt),
    },
  },
  emailTemplates: {
    table: 'email_templates', key: "project_id || '/' || name", conflict: 'project_id, name', toRow: toTemplate, ofProject: OF_PROJECT,
    columns: {
      project_id: (r) => r.projectId, name: (r) => r.name, subject: (r) => r.subject, html: (r) => r.html, text: (r) => r.text,
      created_at: (r) => ms(r.createdAt), updated_at: (r) => ms(r.updatedAt),
    },
  },
  oneTimeTokens: {
    table: 'one_time_tokens', key: 'token_hash', toRow: toToken, ofProject: OF_PROJECT,
    columns: {
      token_hash: (r) => r.tokenHash, purpose: (r) => r.purpose, subject_id: (r) => r.subjectId, project_id: (r) => r.projectId, endpoint_id: (r) => r.endpointId,
      created_at: (r) => ms(r.createdAt), expires_at: (r) => ms(r.expiresAt),
    },
  },
  auditEvents: {
    table: 'audit_events', key: 'id', toRow: toEvent, ofProject: OF_PROJECT,
    columns: {
      id: (r) => r.id, project_id: (r) => r.projectId, at: (r) => ms(r.at), type: (r) => r.type, actor_kind: (r) => r.actor.kind, actor_id: (r) => r.actor.id,
      ip: (r) => r.ip, user_agent: (r) => r.userAgent, request_id: (r) => r.requestId, target_endpoint: (r) => r.target.endpoint,
      target_unique_id: (r) => r.target.uniqueId, target_session_id: (r) => r.target.sessionId, details: (r) => JSON.stringify(r.details),
    },
  },
};

function insertSql(spec: TableSpec<unknown>): string {
  const names = Object.keys(spec.columns);
  // Only the key's conflict is ignored: a clash on any other unique column still throws.
  return `INSERT INTO ${spec.table} (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')}) ON CONFLICT (${spec.conflict ?? spec.key}) DO NOTHING`;
}

/** The database indexes an endpoint declares (indexes.ts), for endpoints just written whole. */
async function buildDeclaredIndexes(ctx: SqliteContext, endpoints: readonly EndpointRow[]): Promise<void> {
  for (const endpoint of endpoints) await buildIndexes(ctx, endpoint.auth ? 'users' : 'records', endpoint.id, endpoint.indexes);
}

export function transferStore(ctx: SqliteContext): TransferStore {
  const specOf = <K extends TransferKind>(kind: K) => TABLES[kind] as unknown as TableSpec<TransferRows[K]>;
  return {
    async scanRows(kind, { after, limit, projectId }) {
      const spec = specOf(kind);
      const where = [after === undefined ? '1' : `${spec.key} > @after`, projectId === undefined ? '1' : spec.ofProject].join(' AND ');
      const sql = `SELECT * FROM ${spec.table} WHERE ${where} ORDER BY ${spec.key} LIMIT @limit`;
      return many(ctx, spec.toRow, sql, { limit, ...(after === undefined ? {} : { after }), ...(projectId === undefined ? {} : { projectId }) });
    },
    async putRows(kind, rows) {
      const spec = specOf(kind);
      const insert = insertSql(spec as TableSpec<unknown>);
      const params = (row: (typeof rows)[number]) => Object.fromEntries(Object.entries(spec.columns).map(([name, value]) => [name, value(row)]));
      const added = await ctx.write(() => rows.filter((row) => ctx.prepare(insert).run(params(row)).changes > 0));
      if (kind === 'endpoints') await buildDeclaredIndexes(ctx, added as EndpointRow[]);
      return added.length;
    },
    async countRows(kind, projectId) {
      const spec = specOf(kind);
      const sql = `SELECT count(*) AS n FROM ${spec.table} WHERE ${projectId === undefined ? '1' : spec.ofProject}`;
      return (ctx.prepare(sql).get(projectId === undefined ? {} : { projectId }) as { n: number }).n;
    },
  };
}
