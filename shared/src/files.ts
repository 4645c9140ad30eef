/** File endpoints: the allowed-types rules, shared by the server and the dashboard (docs/file-endpoints.md). */

const TOKEN = "[a-z0-9!#$&^_.+-]+";
const MIME_PATTERN_RE = new RegExp(`^${TOKEN}/(?:${TOKEN}|\\*)$`);
export const MAX_ALLOWED_TYPES = 100;
export const ALLOWED_TYPES_RULES = 'A list of MIME types (image/png) or patterns (image/*), at most 100; empty accepts any type.';

/** A MIME type or `type/*` pattern, lower-cased; null when it is not one. */
export function normalizeMimePattern(value: string): string | null {
  const v = value.trim().toLowerCase();
  return v.length <= 255 && MIME_PATTERN_RE.test(v) ? v : null;
}

/** Is the media type (parameters ignored, any case) accepted by these patterns? An empty list accepts any. */
export function typeAllowed(type: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  const media = type.split(';')[0]!.trim().toLowerCase();
  const major = media.split('/')[0];
  return patterns.some((p) => p === media || (p.endsWith('/*') && p.slice(0, -2) === major));
}
