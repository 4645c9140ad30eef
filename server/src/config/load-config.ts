import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  port: number;
  host: string | undefined;
  dataDir: string;
  mongodbUri: string | undefined;
  /** Server secret: derives the signing keys of end-user tokens and keys the master-key hashes. */
  secret: string;
  trustProxy: boolean;
  bodyLimitBytes: number;
  signup: 'open' | 'closed';
  logLevel: string;
  /** How long another server instance may keep serving a changed project or endpoint (ms). */
  cacheTtlMs: number;
  /** Where the built dashboard lives; null serves no dashboard. */
  dashboardDir: string | null;
  /** Server processes sharing the port (node:cluster); 1 runs a single process. */
  workers: number;
  /** Memory bounds (docs/security.md): stored JSON bytes per answered page; request body bytes being read at once, server-wide. */
  pageBudgetBytes: number;
  bodyBudgetBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const SIZE_RE = /^(\d+)\s*(b|kb|mb|gb)?$/i;
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
/** A size written like the variables', e.g. '64mb' (for the bounds, which are written well). */
const sizeOf = (text: string): number => {
  const m = SIZE_RE.exec(text)!;
  return Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]!;
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
  const bool = (name: string): boolean => {
    const raw = (env[name] ?? '').toLowerCase();
    if (['', '0', 'false', 'no', 'off'].includes(raw)) return false;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return false;
  };

  const port = int('PORT', 4000, 0, 65535);
  const cacheTtlMs = int('CACHE_TTL_MS', 2000, 0, 60_000);
  const workers = int('WORKERS', 1, 1, 64);
  const dataDir = resolve(env.DATA_DIR || './data');
  const mongodbUri = env.MONGODB_URI || undefined;
  if (mongodbUri && !/^mongodb(\+srv)?:\/\//.test(mongodbUri)) problems.push('MONGODB_URI must start with mongodb:// or mongodb+srv://');

  const size = (name: string, fallback: number, min: string, max: string): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const m = SIZE_RE.exec(raw.trim());
    const bytes = m ? Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]! : NaN;
    if (!(bytes >= sizeOf(min) && bytes <= sizeOf(max))) problems.push(`${name} must be a size from ${min} to ${max}, like 1mb or 512kb (got "${raw}")`);
    return bytes;
  };

  const bodyLimitBytes = size('BODY_LIMIT', 1024 ** 2, '1kb', '64mb');
  // Memory bounds (docs/security.md).
  const pageBudgetBytes = size('PAGE_BUDGET', 4 * 1024 ** 2, '1kb', '256mb');
  const bodyBudgetBytes = size('BODY_BUDGET', Math.max(64 * 1024 ** 2, 8 * bodyLimitBytes), '1kb', '16gb');
  if (bodyBudgetBytes < bodyLimitBytes) problems.push(`BODY_BUDGET must be at least BODY_LIMIT (${bodyLimitBytes} bytes), or no body of the largest size could ever be read`);

  const signup = (env.SIGNUP || 'open').toLowerCase();
  if (signup !== 'open' && signup !== 'closed') problems.push(`SIGNUP must be open or closed (got "${env.SIGNUP}")`);
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  let secret = env.SECRET ?? '';
  if (secret && secret.length < 32) problems.push('SECRET must be at least 32 characters long');
  if (!secret && mongodbUri) problems.push('SECRET is required with MONGODB_URI, so that every server instance shares it');
  const trustProxy = bool('TRUST_PROXY');

  if (!mongodbUri) problems.push(...dataDirProblems(dataDir));

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
    signup: signup as 'open' | 'closed',
    logLevel,
    cacheTtlMs,
    dashboardDir: env.DASHBOARD_DIR ? resolve(env.DASHBOARD_DIR) : (defaults.dashboardDir ?? null),
    workers,
    pageBudgetBytes,
    bodyBudgetBytes,
  });
}

function loadOrCreateSecret(dataDir: string): string {
  const file = join(dataDir, SECRET_FILE);
  try {
    if (existsSync(file)) return readSecret(file);
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
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

/** The embedded database lives in DATA_DIR: it must exist (it is created) and be writable. */
function dataDirProblems(dataDir: string): string[] {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    return [];
  } catch (error) {
    return [`DATA_DIR must be a writable directory (${dataDir}: ${(error as Error).message})`];
  }
}
