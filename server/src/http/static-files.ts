import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { Middleware } from 'koa';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The dashboard's page: its own scripts, styles and API only (Vite builds no inline script; the
 * icon is a data: URL), never framed (clickjacking), no <base> or plugin tricks.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built dashboard: files under `root`, and index.html for any other GET outside /api
 * (client-side routes). Hashed files under /assets are cached for a year. HTML gets DASHBOARD_CSP;
 * nosniff comes with every answer (request-context.ts).
 */
export function staticFiles(root: string): Middleware {
  const base = normalize(root + sep);
  const fileAt = (path: string): string | null => {
    const full = normalize(join(base, decodeURIComponent(path)));
    if (!full.startsWith(base)) return null;
    try {
      return statSync(full).isFile() ? full : null;
    } catch {
      return null;
    }
  };
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api/')) return next();
    let file: string | null;
    try {
      file = fileAt(ctx.path) ?? (extname(ctx.path) ? null : fileAt('index.html'));
    } catch {
      file = null; // malformed percent-encoding
    }
    if (!file) return next();
    ctx.type = TYPES[extname(file)] ?? 'application/octet-stream';
    ctx.set('Cache-Control', ctx.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (extname(file) === '.html') {
      ctx.set('Content-Security-Policy', DASHBOARD_CSP);
      ctx.set('X-Frame-Options', 'DENY'); // frame-ancestors for browsers that predate it
    }
    ctx.body = createReadStream(file);
  };
}
