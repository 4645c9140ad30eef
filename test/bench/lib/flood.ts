import { RUNTIME_PREFIX } from '@rested/shared';
import type autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from './load.js';
import { NAMES, PASSWORD } from './seed.js';

/** A JSONata expression that keeps a worker busy until the evaluation budget (1 s) stops it. */
const SLOW_JSONATA = '$reduce([1..5000000], function($a, $b) { $a + $b })';

/** What project B's flood needs to know of the seeded server. */
export interface FloodTarget {
  url: string;
  apiKey: string;
  username: string;
}

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
export function floodLoads(flood: FloodTarget, only: Set<string> | null = null): FloodLoad[] {
  const path = (name: string, params: Record<string, string> = {}) =>
    `${RUNTIME_PREFIX}/${name}?${new URLSearchParams({ key: flood.apiKey, ...params }).toString()}`;
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
      requests: [{ method: 'POST', path: path(NAMES.floodAuth, { login: 'true' }), headers: json, body: JSON.stringify({ username: flood.username, password: 'wrong password' }) }],
    },
    { what: 'slow JSONata', connections: 8, requests: [{ method: 'GET', path: path(NAMES.floodItems, { limit: '1', jsonata: SLOW_JSONATA }) }] },
    { what: '900 KiB bodies of {}', connections: 8, requests: [{ method: 'POST', path: path(NAMES.floodItems), headers: json, body: bigBody }] },
    { what: 'pages of 256 KiB records', connections: 4, requests: [{ method: 'GET', path: path(NAMES.floodItems, { limit: '1000' }) }] },
  ];
  return only ? loads.filter((load) => only.has(load.what)) : loads;
}

/** How one load of the flood was answered: "20× 201, 185× 429", and errors and timeouts. */
export interface FloodAnswers {
  what: string;
  answered: string;
}

/**
 * Runs the flood in a process of its own for `seconds`: an attacker is not in the measured client's
 * event loop, and 4 MiB pages and 900 KiB bodies going through one shared loop would delay the
 * measured requests on the client's side, not the server's.
 */
export function floodInOwnProcess(target: FloodTarget, only: string[] | null, seconds: number): Promise<FloodAnswers[]> {
  const script = fileURLToPath(new URL('../flood-process.ts', import.meta.url));
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FLOOD: JSON.stringify({ target, only, seconds }) },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as FloodAnswers[]) : reject(new Error(`the flood process exited with ${code}`))));
  });
}

/** Runs each load of the flood for `seconds` and answers how each was answered (in the flood's own process). */
export async function runFlood(target: FloodTarget, only: Set<string> | null, seconds: number): Promise<FloodAnswers[]> {
  const loads = floodLoads(target, only);
  const done = await Promise.all(loads.map((load) => run({ url: target.url, connections: load.connections, requests: load.requests }, seconds, `flood: ${load.what}`)));
  return loads.map((load, i) => {
    const result = done[i]!;
    const codes = Object.entries(result.statusCodeStats).map(([code, { count }]) => `${count}× ${code}`).join(', ');
    const answered = `${codes || 'no answer'}${result.errors ? `, ${result.errors} errors` : ''}${result.timeouts ? `, ${result.timeouts} timeouts` : ''}`;
    return { what: load.what, answered };
  });
}
