import type { PageQuery } from './rows.js';

/**
 * Does a row end the page instead of joining it? It does when the page already holds `limit`
 * rows (so it only tells that more follow), or when the page holds rows and this one would take
 * their stored JSON text past `maxBytes`. `bytesWithRow` counts the page's rows and this one.
 * Both adapters stop reading at the first row this answers true for, and never parse it.
 */
export function endsPage(query: Pick<PageQuery, 'limit' | 'maxBytes'>, taken: number, bytesWithRow: number): boolean {
  if (taken >= query.limit) return true;
  return taken > 0 && query.maxBytes !== undefined && bytesWithRow > query.maxBytes;
}
