import { serialize, type SerializeOptions } from 'cookie';
import { ACCESS_TOKEN_COOKIE, CONSOLE_COOKIE, CONSOLE_PREFIX } from '@rested/shared';

/*
 * Each cookie's attributes are defined once; it is set and cleared from that definition.
 */

const ACCESS_TOKEN: SerializeOptions = { path: '/', httpOnly: true, secure: true, sameSite: 'none', partitioned: true };

const EPOCH = new Date(0);

export const accessTokenCookie = {
  set: (token: string, maxAgeSeconds: number): string => serialize(ACCESS_TOKEN_COOKIE, token, { ...ACCESS_TOKEN, maxAge: maxAgeSeconds }),
  clear: (): string => serialize(ACCESS_TOKEN_COOKIE, '', { ...ACCESS_TOKEN, maxAge: 0, expires: EPOCH }),
};

const consoleOptions = (secure: boolean): SerializeOptions => ({ path: CONSOLE_PREFIX, httpOnly: true, sameSite: 'strict', secure });

export const consoleCookie = {
  set: (token: string, maxAgeSeconds: number, secure: boolean): string =>
    serialize(CONSOLE_COOKIE, token, { ...consoleOptions(secure), maxAge: maxAgeSeconds }),
  clear: (secure: boolean): string => serialize(CONSOLE_COOKIE, '', { ...consoleOptions(secure), maxAge: 0, expires: EPOCH }),
};
