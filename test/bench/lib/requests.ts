import { RUNTIME_PREFIX } from '@rested/shared';
import type autocannon from 'autocannon';
import { NAMES, ORIGIN, PASSWORD, type Seeded } from './seed.js';

type Requests = autocannon.Request[];

/** The request sets of each rested case. Fixed requests are built once; only logout builds each one. */
export function restedRequests(seeded: Seeded) {
  const path = (name: string, params: Record<string, string> = {}) =>
    `${RUNTIME_PREFIX}/${name}?${new URLSearchParams({ key: seeded.project.apiKey, ...params }).toString()}`;
  const origin = { Origin: ORIGIN };
  const json = { ...origin, 'Content-Type': 'application/json' };
  const bearer = (token: string) => ({ ...origin, Authorization: `Bearer ${token}` });

  return {
    path,
    gateRead: (): Requests => [{ method: 'GET', path: path(NAMES.small, { limit: '10' }), headers: origin }],
    me: (): Requests => seeded.meTokens.map((token) => ({ method: 'GET', path: path(NAMES.auth), headers: bearer(token) })),
    firstPage: (name: string): Requests => [{ method: 'GET', path: path(name, { limit: '50' }), headers: origin }],
    middlePages: (name: string, cursors: string[]): Requests =>
      cursors.map((after) => ({ method: 'GET', path: path(name, { limit: '50', after }), headers: origin })),
    create: (): Requests => [
      { method: 'POST', path: path(NAMES.create), headers: json, body: JSON.stringify({ title: 'Buy milk', done: false, priority: 2 }) },
    ],
    /**
     * Each request logs in the next of the users, round-robin over all connections, so no user has
     * two logins in flight (autocannon would start every connection on the first user, and the
     * per-account throttle would then refuse most of them).
     */
    login: (): Requests => {
      let next = 0;
      return [
        {
          method: 'POST',
          path: path(NAMES.auth, { login: 'true', noATCookie: 'true' }),
          headers: json,
          setupRequest: (request) => {
            const username = seeded.usernames[next++ % seeded.usernames.length]!;
            return { ...request, body: JSON.stringify({ username, password: PASSWORD }) };
          },
        },
      ];
    },
    /** Each request takes the next unused token from `next()`. */
    logout: (next: () => string): Requests => [
      {
        method: 'POST',
        path: path(NAMES.auth, { logout: 'true' }),
        headers: origin,
        setupRequest: (request) => {
          request.headers.Authorization = `Bearer ${next()}`;
          return request;
        },
      },
    ],
  };
}

export type RestedRequests = ReturnType<typeof restedRequests>;
