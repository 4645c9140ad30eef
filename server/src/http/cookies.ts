import { serialize, type SerializeOptions } from 'cookie';
import { ACCESS_TOKEN_COOKIE, CONSOLE_COOKIE } from '@rested/shared';

/*
 * Each cookie's attributes are defined once; it is set and cleared from that definition.
 */

const ACCESS_TOKEN: SerializeOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'none', partitioned: true };

const EPOCH = new Date(0);

export const accessTokenCookie = {
  set: (token: string, maxAgeSeconds: number): string => serialize(ACCESS_TOKEN_COOKIE, token, { ...ACCESS_TOKEN, maxAge: maxAgeSeconds }),
  clear: (): string => serialize(ACCESS_TOKEN_COOKIE, '', { ...ACCESS_TOKEN, maxAge: 0, expires: EPOCH }),
};

// The __Host- prefix demands Secure, Path=/ and no Domain. Secure also on plain HTTP: browsers
// accept a Secure cookie from http://localhost, and anywhere else the dashboard needs HTTPS.
const CONSOLE: SerializeOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'strict' };

export const consoleCookie = {
  set: (token: string, maxAgeSeconds: number): string => serialize(CONSOLE_COOKIE, token, { ...CONSOLE, maxAge: maxAgeSeconds }),
  clear: (): string => serialize(CONSOLE_COOKIE, '', { ...CONSOLE, maxAge: 0, expires: EPOCH }),
};
