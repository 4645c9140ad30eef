import type { Logger } from 'pino';

/** Hosts a browser treats as secure over plain HTTP, so that it keeps a `Secure` cookie from them. */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$|\.localhost$/i;

/** HTTPS (as seen behind TRUST_PROXY), or a loopback host: where a browser keeps the `Secure` access-token cookie. */
export const keepsSecureCookies = (protocol: string, hostname: string): boolean => protocol === 'https' || LOOPBACK_HOST.test(hostname);

/**
 * Cookie mode over plain HTTP off localhost fails silently: the login answers 200, the browser
 * drops the `Secure` cookie, the next call gets 401 token_missing. This says so in the log, once
 * per project and process.
 */
export function createCookieTransportWarning(logger: Logger): (projectId: string, hostname: string) => void {
  const warned = new Set<string>();
  return (projectId, hostname) => {
    if (warned.has(projectId)) return;
    warned.add(projectId);
    logger.warn({ project: projectId, host: hostname }, 'a login set the access-token cookie over plain HTTP on a host that is not localhost: browsers drop this Secure cookie, so cookie mode needs HTTPS (or localhost); use HTTPS, or noATCookie=true with the Authorization header');
  };
}
