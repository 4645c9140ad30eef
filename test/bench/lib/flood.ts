import { RUNTIME_PREFIX } from '@rested/shared';
import type autocannon from 'autocannon';
import { NAMES, PASSWORD, type Seeded } from './seed.js';

/** A JSONata expression that keeps a worker busy until the evaluation budget (1 s) stops it. */
const SLOW_JSONATA = '$reduce([1..5000000], function($a, $b) { $a + $b })';

export interface FloodLoad {
  /** What the load does, for the notes. */
  what: string;
  connections: number;
  requests: autocannon.Request[];
}

/**
 * Project B's flood in the tenant-flood case: the worst of what a stranger holding a public API
 * key can send, each at full speed on its own connections — registrations and wrong-password
 * logins (password hashing), expressions that run until JSONata's budget, bodies near the size
 * limit made of tiny JSON values, and the largest pages of the largest records.
 */
export function floodLoads(seeded: Seeded, only: Set<string> | null = null): FloodLoad[] {
  const path = (name: string, params: Record<string, string> = {}) =>
    `${RUNTIME_PREFIX}/${name}?${new URLSearchParams({ key: seeded.flood.project.apiKey, ...params }).toString()}`;
  const json = { 'Content-Type': 'application/json' };
  let registered = 0;
  const bigBody = `[${Array(300 * 1024).fill('{}').join(',')}]`; // 900 KiB: under the default 1 MiB BODY_LIMIT
  const loads: FloodLoad[] = [
    {
      what: 'register',
      connections: 8,
      requests: [{
        method: 'POST', path: path(NAMES.floodAuth), headers: json,
        setupRequest: (request) => ({ ...request, body: JSON.stringify({ username: `flood${process.pid}-${registered++}`, password: PASSWORD }) }),
      }],
    },
    {
      what: 'wrong-password login',
      connections: 4,
      requests: [{ method: 'POST', path: path(NAMES.floodAuth, { login: 'true' }), headers: json, body: JSON.stringify({ username: seeded.flood.username, password: 'wrong password' }) }],
    },
    { what: 'slow JSONata', connections: 8, requests: [{ method: 'GET', path: path(NAMES.floodItems, { limit: '1', jsonata: SLOW_JSONATA }) }] },
    { what: '900 KiB bodies of {}', connections: 8, requests: [{ method: 'POST', path: path(NAMES.floodItems), headers: json, body: bigBody }] },
    { what: 'pages of 256 KiB records', connections: 4, requests: [{ method: 'GET', path: path(NAMES.floodItems, { limit: '1000' }) }] },
  ];
  return only ? loads.filter((load) => only.has(load.what)) : loads;
}
