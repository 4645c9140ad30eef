import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, tighten } from '../private-files.js';
import { ownerMailConfig, type OwnerMailConfig } from './owner-mail-config.js';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  mongodbUri: string | undefined;
  /** Server secret: derives the signing keys of end-user tokens and keys the master-key hashes. */
  secret: string;
  /**
   * Reverse proxies in front of the server: 0 trusts no X-Forwarded-* header; n takes the client
   * address the n-th proxy from the server appended to X-Forwarded-For (never what the client sent).
   */
  trustProxy: number;
  bodyLimitBytes: number;
  /** The largest file a file endpoint may accept (FILE_LIMIT); each endpoint's maxFileBytes is at most this. */
  fileLimitBytes: number;
  signup: 'open' | 'closed';
  logLevel: string;
  /** How long another server instance may keep serving a changed project or endpoint (ms). */
  cacheTtlMs: number;
  /** Days an audit event is kept (AUDIT_RETENTION_DAYS, 1..3650, default 90). */
  auditRetentionDays: number;
  /** Where the built dashboard lives; null serves no dashboard. */
  dashboardDir: string | null;
  /** Server processes sharing the port (node:cluster); 1 runs a single process. */
  workers: number;
  /** Memory bounds (docs/security.md): stored JSON bytes per answered page; request body bytes being read at once, server-wide. */
  pageBudgetBytes: number;
  bodyBudgetBytes: number;
  quotas: Quotas;
  /** Timeouts and the connection cap of the listening HTTP server (http-server.ts). */
  server: ServerLimits;
  /** PUBLIC_URL: where the dashboard is reached from outside (links in owners' mail and the reset command). */
  publicUrl?: string | undefined;
  /** SMTP_URL (with SMTP_FROM): the server's own mail, for owners' password resets; none without it. */
  ownerMail?: OwnerMailConfig | undefined;
  /** METRICS_TOKEN: the bearer token of GET /metrics; without it /metrics does not exist (404). */
  metricsToken?: string | undefined;
}

/** What one owner or project may use (docs/security.md, "Quotas and write rates"). */
export interface Quotas {
  projectsPerOwner: number;
  /** Records and end users of one project. */
  recordsPerProject: number;
  /** The JSON text of a project's records' and end users' data. */
  bytesPerProject: number;
  /** Creates and updates of records and end-user registrations, per client address and project. */
  writesPerMinute: number;
}

export interface ServerLimits {
  /** All request headers must arrive within this (ms), else 408 and the connection closes. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (ms). */
  requestTimeoutMs: number;
  /** A connection with no bytes in either direction for this long is closed (ms): a stalled body. */
  idleTimeoutMs: number;
  /** How long a kept-alive connection waits for its next request (ms). */
  keepAliveTimeoutMs: number;
  /** Open connections per server process; beyond it new ones are closed at once. */
  maxConnections: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SIZE_RE = /^(\d+)\s*(b|kb|mb|gb)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
/** The bytes of a size written like '64mb' or '512kb'; NaN when it is not one. */
const parseSize = (text: string): number => {
  const m = SIZE_RE.exec(text.trim());
  return m ? Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]! : NaN;
};
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const SECRET_FILE = 'secret';

type Env = Record<string, string | undefined>;

/**
 * Reads the environment into a frozen Config. Every bad variable is reported at once.
 * When SECRET is absent on the embedded store, one is generated and kept in DATA_DIR.
 */
export function loadConfig(env: Env = process.env, defaults: { dashboardDir?: string | null } = {}): Readonly<Config> {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return n;
  };

  const port = int('PORT', 4000, 0, 65535);
  const cacheTtlMs = int('CACHE_TTL_MS', 2000, 0, 60_000);
  const auditRetentionDays = int('AUDIT_RETENTION_DAYS', 90, 1, 3650);
  const workers = int('WORKERS', 1, 1, 64);
  const dataDir = dataDirOf(env);
  const mongodbUri = env.MONGODB_URI || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');

  const size = (name: string, fallback: number, min: string, max: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const bytes = parseSize(raw);
    if (!(bytes >= parseSize(min) && bytes <= parseSize(max))) problems.push(`${name} must be a size from ${min} to ${max}, like 1mb or 512kb (got "${raw}")`);
    return bytes;
  };

  const bodyLimitBytes = size('BODY_LIMIT', 1024 ** 2, '1kb', '64mb');
  const fileLimitBytes = size('FILE_LIMIT', 100 * 1024 ** 2, '1kb', '1024gb');
  // Memory bounds (docs/security.md).
  const pageBudgetBytes = size('PAGE_BUDGET', 4 * 1024 ** 2, '1kb', '256mb');
  const bodyBudgetBytes = size('BODY_BUDGET', Math.max(64 * 1024 ** 2, 8 * bodyLimitBytes), '1kb', '16gb');
  if (bodyBudgetBytes < bodyLimitBytes) problems.push(`BODY_BUDGET must be at least BODY_LIMIT (${bodyLimitBytes} bytes), or no body of the largest size could ever be read`);

  const quotas: Quotas = {
    projectsPerOwner: int('QUOTA_PROJECTS_PER_OWNER', 100, 1, 1_000_000),
    recordsPerProject: int('QUOTA_RECORDS_PER_PROJECT', 1_000_000, 1, Number.MAX_SAFE_INTEGER),
    bytesPerProject: size('QUOTA_BYTES_PER_PROJECT', 1024 ** 3, '1kb', '1048576gb'),
    writesPerMinute: int('RATE_WRITES_PER_MINUTE', 1000, 1, 1_000_000_000),
  };

  const signup = (env.SIGNUP || 'open').toLowerCase();
  if (signup !== 'open' && signup !== 'closed') problems.push(`SIGNUP must be open or closed (got "${env.SIGNUP}")`);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  let secret = env.SECRET ?? '';
  if (secret && secret.length < 32) problems.push('SECRET must be at least 32 characters long');
  if (!secret && mongodbUri) problems.push('SECRET is required with MONGODB_URI, so that every server instance shares it');

  // Network: proxies, timeouts, connection cap (docs/security.md, "Network and proxies").
  const trustProxy = proxyHops(env.TRUST_PROXY, problems);
  const server: ServerLimits = {
    headersTimeoutMs: int('HEADERS_TIMEOUT_MS', 10_000, 1, 600_000),
    requestTimeoutMs: int('REQUEST_TIMEOUT_MS', 60_000, 1, 3_600_000),
    idleTimeoutMs: int('IDLE_TIMEOUT_MS', 15_000, 1, 600_000),
    keepAliveTimeoutMs: int('KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 600_000),
    maxConnections: int('MAX_CONNECTIONS', 1_000, 1, 1_000_000),
  };
  if (server.headersTimeoutMs > server.requestTimeoutMs) problems.push('HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS');

  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken && metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters long');
  if (!mongodbUri) problems.push(...dataDirProblems(dataDir));
  const { publicUrl, ownerMail } = ownerMailConfig(env, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  if (!secret) secret = loadOrCreateSecret(dataDir);

  return Object.freeze({
    port,
    host: env.HOST || undefined,
    dataDir,
    mongodbUri,
    secret,
    trustProxy,
    bodyLimitBytes,
    fileLimitBytes,
    signup: signup as 'open' | 'closed',
    logLevel,
    cacheTtlMs,
    auditRetentionDays,
    dashboardDir: env.DASHBOARD_DIR ? resolve(env.DASHBOARD_DIR) : (defaults.dashboardDir ?? null),
    workers,
    pageBudgetBytes,
    bodyBudgetBytes,
    quotas: Object.freeze(quotas),
    server: Object.freeze(server),
    publicUrl,
    ownerMail,
    metricsToken,
  });
}

/** DATA_DIR, resolved; ./data when unset. */
export function dataDirOf(env: Env): string {
  return resolve(env.DATA_DIR || './data');
}

/** TRUST_PROXY: a hop count; `false`/`0` (or unset) none, `true` one. */
function proxyHops(raw: string | undefined, problems: string[]): number {
  const value = (raw ?? '').trim().toLowerCase();
  if (['', 'false', 'no', 'off'].includes(value)) return 0;
  if (['true', 'yes', 'on'].includes(value)) return 1;
  const n = Number(value);
  if (/^\d+$/.test(value) && n <= 10) return n;
  problems.push(`TRUST_PROXY must be the number of reverse proxies in front of the server (0–10), or true (1) or false (0) (got "${raw}")`);
  return 0;
}

function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  try {
    if (existsSync(file)) {
      tighten(file, PRIVATE_FILE_MODE);
      return readSecret(file);
    }
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return readSecret(file);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError([`DATA_DIR: cannot keep the generated secret in ${file} (${(error as Error).message}); make the directory writable or set SECRET`]);
  }
}

function readSecret(file: string): string {
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new ConfigError([`DATA_DIR: the secret in ${file} is shorter than 32 characters; delete the file to generate a new one, or set SECRET`]);
  return secret;
}

/**
 * The embedded database lives in DATA_DIR: it must exist (a missing one is created 0700; an
 * existing one keeps its mode, since the files in it are 0600 anyway) and be writable.
 */
function dataDirProblems(dataDir: string): string[] {
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    accessSync(dataDir, constants.W_OK);
    return [];
  } catch (error) {
    return [`DATA_DIR must be a writable directory (${dataDir}: ${(error as Error).message})`];
  }
}
