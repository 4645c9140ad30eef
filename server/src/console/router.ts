import Router from '@koa/router';
import { CONSOLE_PREFIX } from '@rested/shared';
import type { Services } from '../app.js';

/** /api/console: owner accounts, projects, keys, endpoints and the data browser. */
export function consoleRouter(_services: Services): Router {
  return new Router({ prefix: CONSOLE_PREFIX });
}
