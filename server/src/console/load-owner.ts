import type { Context, Next } from 'koa';
import type { Services } from '../services.js';
import { notLoggedIn, type OwnerAuth } from './console-request.js';
import { credentialsOf } from './credentials.js';
import { findOwnerByToken } from './owner-sessions.js';

/** What loadOwner leaves in `ctx.state.owner`. */
export type OwnerState = OwnerAuth | null;

/** Finds the owner of the request's token (Bearer header or cookie). Never throws for a bad or missing token. */
export function loadOwner(services: Services) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const { token } = credentialsOf(ctx);
    ctx.state.owner = (token ? await findOwnerByToken(services, token) : null) satisfies OwnerState;
    await next();
  };
}

/** 401 unauthorized unless loadOwner found a live session. */
export async function requireOwner(ctx: Context, next: Next): Promise<void> {
  if (!(ctx.state.owner as OwnerState)) throw notLoggedIn();
  await next();
}
