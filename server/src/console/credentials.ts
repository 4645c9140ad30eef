import type { Context } from 'koa';
import { parse as parseCookies } from 'cookie';
import { CONSOLE_COOKIE } from '@rested/shared';

/** How a console request identifies its owner: `Authorization: Bearer <token>` wins over the cookie. */
export type Credentials = { via: 'bearer' | 'cookie'; token: string } | { via: 'none'; token: null };

export function credentialsOf(ctx: Context): Credentials {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(ctx.get('Authorization'));
  if (bearer) return { via: 'bearer', token: bearer[1]! };
  const cookieHeader = ctx.get('Cookie');
  const token = cookieHeader ? parseCookies(cookieHeader)[CONSOLE_COOKIE] : undefined;
  return token ? { via: 'cookie', token } : { via: 'none', token: null };
}
