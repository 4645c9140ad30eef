import { parse as parseHost } from 'tldts';

/**
 * Validation shared by the server and the dashboard. Each validator returns
 * `null` when the value is fine, or a message naming the problem.
 */

export const ENDPOINT_NAME_RULES =
  'Use 5–254 characters: a-z, 0-9, "-" and "/"; not starting or ending with "/" or "-"; no "--" or "//".';
export const PROJECT_NAME_RULES = 'Use 5–254 characters: letters, digits, spaces, "-", "_" and ".".';
export const ORIGIN_RULES =
  'Use http(s)://host[:port] (or https://*.domain under a domain you own, not a public suffix like *.co.uk or *.github.io), without a path.';

export function validateEndpointName(name: unknown): string | null {
  if (typeof name !== 'string') return 'The endpoint name must be a string.';
  if (name.length < 5 || name.length > 254) return `The endpoint name must be 5–254 characters long. ${ENDPOINT_NAME_RULES}`;
  if (!/^[a-z0-9/-]+$/.test(name)) return `The endpoint name may only contain a-z, 0-9, "-" and "/".`;
  if (/^[/-]|[/-]$/.test(name)) return 'The endpoint name must not start or end with "/" or "-".';
  if (name.includes('--') || name.includes('//')) return 'The endpoint name must not contain "--" or "//".';
  return null;
}

export function validateProjectName(name: unknown): string | null {
  if (typeof name !== 'string') return 'The project name must be a string.';
  if (name.length < 5 || name.length > 254) return `The project name must be 5–254 characters long.`;
  if (!/^[\p{L}\p{Nd} ._-]+$/u.test(name)) return `The project name may only contain letters, digits, spaces, "-", "_" and ".".`;
  return null;
}

const HOST_LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = `${HOST_LABEL}(?:\\.${HOST_LABEL})*`;
const IPV6 = '\\[[0-9a-f:.]+\\]';
const ORIGIN_RE = new RegExp(`^(https?)://(${HOSTNAME}|${IPV6})(?::(\\d{1,5}))?/?$`, 'i');
const WILDCARD_RE = new RegExp(`^https://\\*\\.(${HOSTNAME}\\.${HOST_LABEL})(?::(\\d{1,5}))?/?$`, 'i');

/**
 * Normalise an allowed-origin entry: lower-case scheme and host, default port dropped,
 * trailing "/" removed. Returns null when the entry is not a valid origin.
 */
export function normalizeOrigin(entry: string): string | null {
  const value = entry.trim();
  const wildcard = WILDCARD_RE.exec(value);
  if (wildcard) {
    const port = wildcard[2];
    if (port !== undefined && !validPort(port)) return null;
    const host = wildcard[1]!.toLowerCase();
    if (isPublicSuffix(host)) return null;
    const suffix = port === undefined || port === '443' ? '' : `:${Number(port)}`;
    return `https://*.${host}${suffix}`;
  }
  const m = ORIGIN_RE.exec(value);
  if (!m) return null;
  const port = m[3];
  if (port !== undefined && !validPort(port)) return null;
  try {
    return new URL(`${m[1]}://${m[2]}${port ? `:${port}` : ''}`).origin;
  } catch {
    return null;
  }
}

/**
 * Is `host` a public suffix (co.uk, github.io, s3.amazonaws.com: the ICANN and private sections
 * of the Public Suffix List, as bundled by tldts), or no registrable name at all (an IP address)?
 * A wildcard under it would let anybody who registers a name there in.
 */
function isPublicSuffix(host: string): boolean {
  return parseHost(host, { allowPrivateDomains: true }).domain === null;
}

function validPort(port: string): boolean {
  const n = Number(port);
  return Number.isInteger(n) && n >= 1 && n <= 65535;
}

export function validateOrigin(entry: unknown): string | null {
  if (typeof entry !== 'string' || normalizeOrigin(entry) === null) return `"${String(entry)}" is not a valid origin. ${ORIGIN_RULES}`;
  return null;
}

/** Accepts an array or a comma-separated string; returns the entries as the user wrote them (trimmed, empties dropped). */
export function splitOrigins(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? value.map((v: string) => v.trim()).filter(Boolean) : null;
  if (typeof value === 'string') return value.split(/[,\n]/).map((v) => v.trim()).filter(Boolean);
  return null;
}

/**
 * Does the request's Origin header match one of the (normalised) allowed entries?
 * Exact on scheme, host and port; `https://*.example.com` matches any subdomain of example.com;
 * a wildcard on a public suffix (`https://*.co.uk`) matches nothing.
 */
export function originMatches(origin: string, allowed: readonly string[]): boolean {
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false;
  for (const entry of allowed) {
    if (entry === normalized) return true;
    if (entry.startsWith('https://*.') && normalized.startsWith('https://')) {
      const [suffixHost, suffixPort = ''] = splitHostPort(entry.slice('https://*.'.length));
      const [host, port = ''] = splitHostPort(normalized.slice('https://'.length));
      // An entry stored before public suffixes were refused matches nothing.
      if (port === suffixPort && host.endsWith(`.${suffixHost}`) && !isPublicSuffix(suffixHost)) return true;
    }
  }
  return false;
}

function splitHostPort(hostPort: string): [string, string?] {
  const i = hostPort.lastIndexOf(':');
  if (i === -1 || hostPort.endsWith(']')) return [hostPort];
  return [hostPort.slice(0, i), hostPort.slice(i + 1)];
}

export const PASSWORD_MIN_LENGTH = 8;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const INDEX_FIELD = /^data(\.[A-Za-z0-9_]+){1,16}$/;

/** An owner-declared index names a data field by object keys: `data.email`, `data.address.city`. */
export function validateIndexField(field: unknown): string | null {
  if (typeof field !== 'string' || !INDEX_FIELD.test(field) || field.length > 200) {
    return 'An index names a data field, such as data.email or data.address.city (letters, digits and _ between the dots).';
  }
  if (field.split('.').slice(1).some((s) => /^[0-9]+$/.test(s))) return `${field}: an index cannot name an array position.`;
  return null;
}
