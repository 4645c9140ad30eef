import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { JsonValue } from '@rested/shared';
import { hashPassword, newKey, openSqliteStorage, type ProjectRow } from '@rested/server';
// Tokens are minted with the server's own functions, so the bench breaks loudly if their format changes.
import { projectSigningKey, signAccessToken } from '@rested/server/testing';
import { NOT_FILES } from '../../helpers/fixtures.js';

export const ORIGIN = 'https://app.example.com';
export const PASSWORD = 'bench password 1234';

export const NAMES = {
  auth: 'bench/users',
  small: 'bench/small',
  create: 'bench/create',
  k1: 'bench/records-1k',
  m1: 'bench/records-1m',
  /** Project B of the tenant-flood case: its auth endpoint and a data endpoint of large records. */
  floodAuth: 'flood/users',
  floodItems: 'flood/items',
} as const;

/** Project B's large records: each `[{},{},…]` of this many bytes, the shape that costs most heap once parsed. */
export const FLOOD_RECORD_BYTES = 256 * 1024;
const FLOOD_RECORDS = 40;

export interface SeedOptions {
  /** The SQLite file the server will open (DATA_DIR/rested.sqlite). */
  file: string;
  /** The SECRET the server will run with (token signing keys derive from it). */
  secret: string;
  users: number;
  /** Sessions for GET current user, reused round-robin. */
  meSessions: number;
  /** Sessions for logout, one per request. */
  logoutSessions: number;
  smallRecords: number;
  mediumRecords: number;
  largeRecords: number;
  /** How many `after` cursors to spread over the middle of each paged endpoint. */
  cursors: number;
}

export interface Seeded {
  project: ProjectRow;
  /** Project B of the tenant-flood case (another owner): an auth endpoint with one user, a data endpoint of large records. */
  flood: { project: ProjectRow; username: string };
  usernames: string[];
  meTokens: string[];
  logoutTokens: string[];
  /** uniqueIds spread over 5 %..95 % of each endpoint, for reads of pages from the middle. */
  cursors: { k1: string[]; m1: string[] };
  timings: Record<string, number>;
}

const hex = () => randomBytes(16).toString('hex');

/**
 * Inserts `count` records in one transaction with increasing created_at (1 ms apart, ending in the
 * past), the way the storage adapter writes them. Answers the uniqueIds at the cursor positions.
 */
function insertRecords(db: Database.Database, project: ProjectRow, endpointId: string, count: number, cursors: number): string[] {
  const insert = db.prepare(
    'INSERT INTO records (unique_id, project_id, endpoint_id, creator_id, data, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)',
  );
  const wanted = new Set(Array.from({ length: cursors }, (_, i) => Math.floor(count * (0.05 + (0.9 * i) / Math.max(1, cursors - 1)))));
  const picked: string[] = [];
  const base = Date.now() - count - 60_000;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = hex();
      const data = `{"n":${i},"title":"Item ${i}","price":${(i % 1000) / 10},"tags":["bench","page"],"active":${i % 2 === 0}}`;
      insert.run(id, project.id, endpointId, data, base + i, base + i);
      if (wanted.has(i)) picked.push(id);
    }
  })();
  return picked;
}

function insertSessions(db: Database.Database, project: ProjectRow, endpointId: string, userIds: string[], count: number, expiresAt: number) {
  const insert = db.prepare(
    `INSERT INTO sessions (id, project_id, endpoint_id, user_id, created_at, expires_at, revoked_at, user_agent, ip)
     VALUES (?, ?, ?, ?, ?, ?, NULL, 'bench', '127.0.0.1')`,
  );
  const sessions: { id: string; userId: string }[] = [];
  const now = Date.now();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const session = { id: hex(), userId: userIds[i % userIds.length]! };
      insert.run(session.id, project.id, endpointId, session.userId, now, expiresAt);
      sessions.push(session);
    }
  })();
  return sessions;
}

/**
 * Seeds a fresh SQLite file before the server starts: project, endpoints and users through the
 * storage API; the bulk rows (records, sessions) straight into the same schema with one prepared
 * statement per table inside a transaction, which is what makes a million records take seconds.
 */
export async function seed(options: SeedOptions): Promise<Seeded> {
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    const value = await fn();
    timings[name] = Math.round(performance.now() - started);
    return value;
  };

  const storage = await openSqliteStorage({ file: options.file });
  const owner = await storage.createOwner({ email: 'bench@example.com', name: 'Bench', passwordHash: 'x' });
  const project = await storage.createProject({
    ownerId: owner.id,
    name: 'Benchmark',
    apiKey: newKey(),
    allowedOrigins: [ORIGIN],
    disallowNoOrigin: false,
    masterKeyHash: null,
    tokenTtlSeconds: 24 * 3600,
    jwtSecret: newKey() + newKey(),
  });
  const endpoint = (name: string, auth = false) =>
    storage.createEndpoint({ projectId: project.id, name, description: 'benchmark', auth, ...NOT_FILES, secure: false, access: { readOthers: false, updateOthers: false, deleteOthers: false } });
  const auth = await endpoint(NAMES.auth, true);
  const small = await endpoint(NAMES.small);
  await endpoint(NAMES.create);
  const k1 = await endpoint(NAMES.k1);
  const m1 = await endpoint(NAMES.m1);

  for (let i = 0; i < options.smallRecords; i++) {
    await storage.createRecord({ projectId: project.id, endpointId: small.id, creatorId: null, data: { n: i, title: `Small ${i}` } });
  }
  // One real hash, shared by every user: a login still verifies it at full cost.
  const passwordHash = await hashPassword(PASSWORD);
  const usernames = Array.from({ length: options.users }, (_, i) => `user${i}`);
  const userIds: string[] = [];
  for (const username of usernames) {
    const user = await storage.createUser({
      projectId: project.id,
      endpointId: auth.id,
      usernameLower: username,
      emailLower: `${username}@example.com`,
      passwordHash,
      data: { username, email: `${username}@example.com`, plan: 'free' },
    });
    userIds.push(user.uniqueId);
  }
  const flood = await seedFloodProject(storage);
  await storage.close();

  const db = new Database(options.file);
  db.pragma('cache_size = -262144'); // this connection only: 256 MiB, so random primary keys insert fast
  const cursors = {
    k1: await timed('records1k', () => insertRecords(db, project, k1.id, options.mediumRecords, options.cursors)),
    m1: await timed('records1m', () => insertRecords(db, project, m1.id, options.largeRecords, options.cursors)),
  };
  const expiresAt = Date.now() + 24 * 3600 * 1000;
  const meSessions = insertSessions(db, project, auth.id, userIds, options.meSessions, expiresAt);
  const logoutSessions = await timed('sessions', () => insertSessions(db, project, auth.id, userIds, options.logoutSessions, expiresAt));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();

  const key = projectSigningKey(options.secret, project.jwtSecret);
  const expiry = new Date(expiresAt);
  const mint = (sessions: { id: string; userId: string }[]) =>
    sessions.map((s) => signAccessToken(key, { projectId: project.id, userId: s.userId, sessionId: s.id }, expiry));
  const meTokens = mint(meSessions);
  const logoutTokens = await timed('tokens', () => mint(logoutSessions));
  return { project, flood, usernames, meTokens, logoutTokens, cursors, timings };
}

/** Project B of the tenant-flood case: a stranger's project on the same server, with what its flood reads. */
async function seedFloodProject(storage: Awaited<ReturnType<typeof openSqliteStorage>>): Promise<Seeded['flood']> {
  const owner = await storage.createOwner({ email: 'flood@example.com', name: 'Flood', passwordHash: 'x' });
  const project = await storage.createProject({
    ownerId: owner.id,
    name: 'Flooder',
    apiKey: newKey(),
    allowedOrigins: [],
    disallowNoOrigin: false,
    masterKeyHash: null,
    tokenTtlSeconds: 3600,
    jwtSecret: newKey() + newKey(),
  });
  const endpoint = (name: string, auth: boolean) =>
    storage.createEndpoint({ projectId: project.id, name, description: 'flood', auth, ...NOT_FILES, secure: false, access: { readOthers: false, updateOthers: false, deleteOthers: false } });
  const auth = await endpoint(NAMES.floodAuth, true);
  const items = await endpoint(NAMES.floodItems, false);
  const username = 'victim';
  await storage.createUser({
    projectId: project.id, endpointId: auth.id, usernameLower: username, emailLower: null,
    passwordHash: await hashPassword(PASSWORD), data: { username },
  });
  const large = JSON.parse(`[${Array(Math.floor(FLOOD_RECORD_BYTES / 3)).fill('{}').join(',')}]`) as JsonValue;
  for (let i = 0; i < FLOOD_RECORDS; i++) await storage.createRecord({ projectId: project.id, endpointId: items.id, creatorId: null, data: large });
  return { project, username };
}
