import { expect } from 'chai';
import { ACCESS_TOKEN_COOKIE, CONSOLE_COOKIE } from '@rested/shared';

/** One Set-Cookie line: its name, value and attributes (lower-cased names; `true` for flags such as HttpOnly). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

/** Parses one Set-Cookie header into its name, value and attributes. */
export function parseSetCookie(header: string): SetCookie {
  const [pair, ...attrs] = header.split(';').map((s) => s.trim());
  const eq = pair!.indexOf('=');
  const attributes: Record<string, string | true> = {};
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    if (i === -1) attributes[attr.toLowerCase()] = true;
    else attributes[attr.slice(0, i).toLowerCase()] = attr.slice(i + 1);
  }
  return { name: pair!.slice(0, eq), value: pair!.slice(eq + 1), attributes };
}

/** Every Set-Cookie line of a header value (none, one or several). */
function lines(setCookie: unknown): string[] {
  return Array.isArray(setCookie) ? (setCookie as string[]) : typeof setCookie === 'string' ? [setCookie] : [];
}

/** Every Set-Cookie line of a response. */
export function setCookies(res: { headers: Record<string, unknown> }): string[] {
  return lines(res.headers['set-cookie']);
}

/** The value of the runtime access-token cookie in a Set-Cookie header, if it sets one. */
export function accessTokenCookieOf(setCookie: string[] | string | undefined): string | undefined {
  return lines(setCookie).map(parseSetCookie).find((c) => c.name === ACCESS_TOKEN_COOKIE)?.value;
}

/** The console session cookie line of a response (exactly one expected). */
export function consoleCookieLine(res: { headers: Record<string, unknown> }): string {
  const found = setCookies(res).filter((line) => line.startsWith(`${CONSOLE_COOKIE}=`));
  expect(found, 'one rested-console Set-Cookie').to.have.length(1);
  return found[0]!;
}

/** The token value in a console Set-Cookie line. */
export function cookieToken(line: string): string {
  return decodeURIComponent(parseSetCookie(line).value);
}
