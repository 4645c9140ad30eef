/** Every name that crosses the wire, in one place. */

export const RUNTIME_PREFIX = '/api/1/ce';
export const CONSOLE_PREFIX = '/api/console';

export const ACCESS_TOKEN_COOKIE = '__Secure-rested-access-token';
/**
 * `__Host-`: browsers keep it only when set Secure, with Path=/ and no Domain, so a sibling
 * subdomain (evil.example.com) cannot set a cookie of this name to shadow the owner's session.
 */
export const CONSOLE_COOKIE = '__Host-rested-console';

/** Query parameters of the runtime API. */
export const Q = {
  key: 'key',
  uniqueId: 'uniqueId',
  dataOnly: 'dataOnly',
  masterKey: 'masterKey',
  login: 'login',
  logout: 'logout',
  scope: 'scope',
  allDevices: 'allDevices',
  noATCookie: 'noATCookie',
  strategy: 'strategy',
  jsonata: 'jsonata',
  limit: 'limit',
  after: 'after',
  sort: 'sort',
  count: 'count',
  where: 'where',
  noCookie: 'noCookie',
  /** Register: also send the verification mail with this template (docs/password-reset.md). */
  sendVerification: 'sendVerification',
  // Named by the second-wave specs (email.md, audit-and-sessions.md, files.md): until an issue
  // gives one a meaning, the runtime refuses it rather than ignoring it (docs/runtime-api.md).
  passwordreset: 'passwordreset',
  verifyemail: 'verifyemail',
  sessions: 'sessions',
  /** Logout: the one session of the caller to end (from `sessions=true`). */
  sessionId: 'sessionId',
  fileOnly: 'fileOnly',
  /** Accepted on file downloads for rested.dev compatibility; ranges are honoured with or without it. */
  stream: 'stream',
} as const;

/** File endpoints (docs/file-endpoints.md): the form field of file parts, files per request, the default size limit. */
export const FILE_FIELD = 'file';
export const MAX_FILES_PER_REQUEST = 10;
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

export const H = {
  masterKey: 'X-Master-Key',
  requestId: 'X-Request-Id',
  totalCount: 'X-Total-Count',
  nextCursor: 'X-Next-Cursor',
  authorization: 'Authorization',
  /** `upload` on the dashboard's multipart uploads: the console's CSRF guard lets them through with the session cookie. */
  dashboardUpload: 'X-Rested-Dashboard',
} as const;

export const STRATEGIES = ['force', 'merge', 'replace'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const LOGOUT_SCOPES = ['current', 'others', 'all'] as const;
export type LogoutScope = (typeof LOGOUT_SCOPES)[number];

export const TOKEN_TTL = { min: 300, max: 30 * 24 * 3600, default: 24 * 3600 } as const;
export const PAGE_LIMIT = { default: 100, max: 1000 } as const;

/**
 * Queries (docs/querying.md): a filter or sort on an unindexed field, and JSONata without `limit`,
 * range over at most `scanMax` records; an endpoint declares at most `maxIndexes` indexes.
 */
export const QUERY_LIMITS = { scanMax: 10_000, maxIndexes: 10, whereBytes: 4096, whereDepth: 8, whereConditions: 50, inValues: 100 } as const;

/** A boolean flag is on for `true` or `1` in any case, off otherwise. */
export function isFlagOn(value: unknown): boolean {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && (v === '1' || v.toLowerCase() === 'true');
}

export function runtimeUrl(baseUrl: string, endpointName: string, apiKey: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ [Q.key]: apiKey, ...extra });
  return `${baseUrl.replace(/\/+$/, '')}${RUNTIME_PREFIX}/${endpointName}?${params.toString()}`;
}
