/*
 * Load benchmark of the runtime API: `npm run bench` (see docs/benchmarks.md).
 * Every server runs in its own process; autocannon runs here. Env knobs are read in settings().
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from './lib/checks.js';
import { waitForQuiet } from './lib/cpu.js';
import { measureHashCeiling, type HashCeiling } from './lib/hash-ceiling.js';
import { measure, run, summarize, type LoadSpec, type Measured } from './lib/load.js';
import { floodInOwnProcess } from './lib/flood.js';
import { runTrafficBench } from './lib/traffic-bench.js';
import { runFilesBench, seedFileEndpoint, type FileBenchResult } from './lib/files-bench.js';
import { describeMachine } from './lib/machine.js';
import { freePort, rssBytes, startServerProcess, type ServerProcess } from './lib/processes.js';
import { FLOOD_FAILED, UNSTEADY, VOID, consoleSummary, evaluateTargets, markdown, toRow, type CaseRow, type Report, type ServerKind, type Settings } from './lib/report.js';
import { restedRequests, type RestedRequests } from './lib/requests.js';
import { NAMES, ORIGIN, seed, type Seeded } from './lib/seed.js';
import { runQueryBench, type QueryReport } from './lib/queries.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BENCH = fileURLToPath(new URL('./', import.meta.url));
const SERVER_MAIN = join(ROOT, 'server/dist/main.js');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const ALL_CASES = [
  'bare-http', 'bare-koa', 'bare-koa-json', 'gate-read', 'me', 'page-1k-first', 'page-1k-middle', 'page-1m-first', 'page-1m-middle',
  'create', 'login', 'me-during-login', 'tenant-flood', 'logout', 'log-info', 'workers-2', 'files', 'queries', 'traffic-count',
];

function settings(): Settings & { only: Set<string> | null; cpuProf: boolean; writeDocs: boolean; logInfo: boolean } {
  const int = (name: string, fallback: number) => {
    const n = Number(process.env[name] ?? fallback);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number`);
    return n;
  };
  const only = process.env.BENCH_CASES ? new Set(process.env.BENCH_CASES.split(',').map((s) => s.trim())) : null;
  for (const id of only ?? []) if (!ALL_CASES.includes(id)) throw new Error(`unknown case ${id}; cases: ${ALL_CASES.join(', ')}`);
  const s = {
    seconds: int('BENCH_SECONDS', 10),
    referenceSeconds: int('BENCH_REF_SECONDS', 4),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 3),
    connections: int('BENCH_CONNECTIONS', 50),
    largeRecords: int('BENCH_LARGE_RECORDS', 1_000_000),
    quietWaitSeconds: int('BENCH_QUIET_WAIT_SECONDS', 90),
    logoutSessions: 0,
    logLevel: 'silent',
    cases: only ? [...only].join(',') : 'all',
  };
  const isDefault = !only && s.seconds >= 10 && s.connections === 50 && s.largeRecords === 1_000_000;
  return {
    ...s,
    only,
    cpuProf: process.env.BENCH_CPU_PROF === '1',
    logInfo: process.env.BENCH_LOG_INFO !== '0',
    writeDocs: process.env.BENCH_WRITE_DOCS ? process.env.BENCH_WRITE_DOCS === '1' : isDefault,
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type BareKind = 'bare-http' | 'bare-koa' | 'bare-koa-json';
const BARE: Record<BareKind, { server: ServerKind; label: string }> = {
  'bare-http': { server: 'node:http', label: 'node:http hello-world' },
  'bare-koa': { server: 'koa', label: 'Koa hello-world' },
  'bare-koa-json': { server: 'koa', label: 'Koa, the gate-only answer from memory' },
};

async function startBare(kind: BareKind): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    name: kind,
    args: ['--import', 'tsx', join(BENCH, 'servers', `${kind}.ts`), String(port)],
    env: { NODE_ENV: 'production' },
    port,
    healthPath: '/health',
    cwd: ROOT,
  });
}

async function startRested(dataDir: string, logLevel: string, profileDir: string | null, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    name: `rested (${logLevel})`,
    args: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), SERVER_MAIN],
    env: { NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: logLevel, SECRET, ...extraServerEnv(), ...env },
    port,
    healthPath: '/health',
    cwd: ROOT,
  });
}

/** BENCH_SERVER_ENV="A=1 B=2": extra environment for the rested server (experiments, e.g. UV_THREADPOOL_SIZE). */
function extraServerEnv(): Record<string, string> {
  const pairs = (process.env.BENCH_SERVER_ENV ?? '').split(/\s+/).filter(Boolean);
  return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

interface Ctx {
  s: ReturnType<typeof settings>;
  rows: CaseRow[];
  raw: Record<string, unknown>;
  koaRps: number | null;
  /** Bare Koa hello-world, kept running: it is measured again just before and just after every other case. */
  koaServer: ServerProcess | null;
}

async function measureCase(
  ctx: Ctx,
  server: ServerProcess,
  kind: ServerKind,
  id: string,
  label: string,
  requests: LoadSpec['requests'],
  expectedStatus: number,
  notes: (m: Measured) => string[] = () => [],
): Promise<CaseRow> {
  await quiet(ctx, server.pid);
  const measureIt = () => {
    say(`… ${label} [${kind}]`);
    return measure(server, { url: server.url, connections: ctx.s.connections, requests }, {
      seconds: ctx.s.seconds,
      warmupSeconds: ctx.s.warmupSeconds,
      expectedStatus,
      title: label,
    });
  };
  const { result: m, references, unsteady } =
    id === 'bare-koa'
      ? await measureIt().then((result) => ({ result, references: [result.requestsPerSecond], unsteady: [] }))
      : await betweenReferences(ctx, measureIt);
  const row = toRow(id, label, kind, ctx.s.connections, m, references, [...notes(m), ...unsteady]);
  ctx.rows.push(row);
  ctx.raw[id] = m.raw;
  say(`  ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, RSS ${row.peakRssMb} MB`);
  return row;
}

/** Before each case: let other processes' bursts pass (see waitForQuiet). */
async function quiet(ctx: Ctx, serverPid: number): Promise<void> {
  if (ctx.s.quietWaitSeconds <= 0) return;
  const started = performance.now();
  const others = await waitForQuiet(serverPid, ctx.s.quietWaitSeconds);
  const waited = Math.round((performance.now() - started) / 1000);
  if (waited > 2) say(`  (waited ${waited} s for other processes to calm down; now ${others} cores)`);
}

/**
 * The machine's speed drifts (up to 2× within a run), so a ratio is only sound between measurements
 * taken close together: around each case that is not Koa itself, Koa hello-world is measured again
 * for BENCH_REF_SECONDS just before and just after, and the case's ratio is taken against their mean.
 * When the two differ by more than a quarter, the machine changed speed meanwhile, and the row says so.
 */
async function betweenReferences<T>(ctx: Ctx, measureCase: () => Promise<T>): Promise<{ result: T; references: number[]; unsteady: string[] }> {
  if (!ctx.koaServer) return { result: await measureCase(), references: ctx.koaRps ? [ctx.koaRps] : [], unsteady: [] };
  const koaServer = ctx.koaServer;
  const reference = async () => {
    const spec = { url: koaServer.url, connections: ctx.s.connections, requests: [{ method: 'GET' as const, path: '/' }] };
    return (await measure(koaServer, spec, { seconds: ctx.s.referenceSeconds, warmupSeconds: 1, expectedStatus: 200, title: 'Koa reference' })).requestsPerSecond;
  };
  const before = await reference();
  const result = await measureCase();
  // Work the case left queued in the server (logins waiting for a hash) must not count against Koa.
  if (ctx.s.quietWaitSeconds > 0) await waitForQuiet(null, Math.min(ctx.s.quietWaitSeconds, 15));
  const after = await reference();
  const unsteady =
    Math.abs(before - after) > 0.25 * Math.max(before, after)
      ? [`${UNSTEADY}: Koa hello-world ran at ${Math.round(before)} req/s just before and ${Math.round(after)} just after this case`]
      : [];
  return { result, references: [before, after], unsteady };
}

/** Bare Koa is always measured (and stays up for the references); every ratio is taken against it. */
async function ceilings(ctx: Ctx, wants: (id: string) => boolean): Promise<void> {
  for (const kind of Object.keys(BARE) as BareKind[]) {
    if (kind !== 'bare-koa' && !wants(kind)) continue;
    const server = await startBare(kind);
    try {
      const headers: Record<string, string> = kind === 'bare-koa-json' ? { Origin: ORIGIN } : {};
      const row = await measureCase(ctx, server, BARE[kind].server, kind, BARE[kind].label, [{ method: 'GET', path: '/', headers }], 200);
      if (kind === 'bare-koa') {
        ctx.koaRps = row.requestsPerSecond;
        if (ctx.s.referenceSeconds > 0) ctx.koaServer = server;
      }
    } finally {
      if (server !== ctx.koaServer) await server.stop();
    }
  }
}

/** One request of every case, with its status (and shape) checked, before anything is measured. */
async function sanity(url: string, req: RestedRequests, seeded: Seeded, largeRecords: number, logoutToken: string | undefined): Promise<void> {
  await check(url, req.gateRead()[0]!, 200, (body) => (Array.isArray(body) && body.length === 10 ? null : 'expected 10 records'));
  await check(url, req.me()[0]!, 200, (body) => ((body as { data?: { username?: string } }).data?.username?.startsWith('user') ? null : 'expected a user'));
  const page = req.firstPage(NAMES.m1)[0]!;
  await check(url, { ...page, path: `${page.path}&count=true` }, 200, (_body, headers) =>
    headers.get('X-Total-Count') === String(largeRecords) ? null : `X-Total-Count ${headers.get('X-Total-Count')}, expected ${largeRecords}`,
  );
  const middle = req.middlePages(NAMES.m1, seeded.cursors.m1)[Math.floor(seeded.cursors.m1.length / 2)]!;
  await check(url, middle, 200, (body) => {
    const ns = (body as { data: { n: number } }[]).map((r) => r.data.n);
    return ns.length === 50 && ns.every((n, i) => i === 0 || n === ns[i - 1]! + 1) && ns[0]! > 0 ? null : 'expected 50 consecutive records';
  });
  await check(url, req.create()[0]!, 201);
  await check(url, req.login()[0]!, 200);
  if (logoutToken) {
    const logout = req.logout(() => logoutToken)[0]!;
    await check(url, { ...logout, headers: { ...logout.headers, Authorization: `Bearer ${logoutToken}` } }, 204);
    await check(url, { method: 'GET', path: req.path(NAMES.auth), headers: { Authorization: `Bearer ${logoutToken}` } }, 401);
  }
}

async function restedCases(ctx: Ctx, server: ServerProcess, req: RestedRequests, seeded: Seeded, wants: (id: string) => boolean, hash: HashCeiling | null) {
  const kind: ServerKind = 'rested';
  const login: { alone: number | null; duringMe: number | null } = { alone: null, duringMe: null };
  if (wants('gate-read')) await measureCase(ctx, server, kind, 'gate-read', 'gate only: GET 10 public records', req.gateRead(), 200);
  if (wants('me')) await measureCase(ctx, server, kind, 'me', 'GET current user', req.me(), 200);
  for (const [size, name, cursors] of [['1k', NAMES.k1, seeded.cursors.k1], ['1m', NAMES.m1, seeded.cursors.m1]] as const) {
    const count = size === '1k' ? '1,000' : ctx.s.largeRecords.toLocaleString('en-US');
    if (wants(`page-${size}-first`)) await measureCase(ctx, server, kind, `page-${size}-first`, `first page of 50, ${count} records`, req.firstPage(name), 200);
    if (wants(`page-${size}-middle`)) await measureCase(ctx, server, kind, `page-${size}-middle`, `middle pages of 50, ${count} records`, req.middlePages(name, [...cursors]), 200);
  }
  if (wants('create')) await measureCase(ctx, server, kind, 'create', 'record create', req.create(), 201);
  if (wants('login')) {
    const row = await measureCase(ctx, server, kind, 'login', 'login (scrypt-bound)', req.login(), 200, ({ requestsPerSecond: rps }) =>
      hash
        ? [
            `${Math.round((rps / hash.ceilingPerSecond) * 100)} % of the ${hash.cores}-core hash ceiling (${hash.ceilingPerSecond.toFixed(1)}/s), ` +
              `${Math.round((rps / hash.measuredParallelPerSecond) * 100)} % of the server's own hashing rate (${hash.measuredParallelPerSecond.toFixed(1)}/s, cores-1 at a time)`,
          ]
        : [],
    );
    login.alone = row.requestsPerSecond;
  }
  if (wants('me-during-login')) login.duringMe = await meDuringLogin(ctx, server, req, hash);
  if (wants('tenant-flood')) await tenantFlood(ctx, server, req, seeded);
  if (wants('logout')) await logoutCase(ctx, server, req, seeded);
  return login;
}

/** Logins hammer the hashing pool; meanwhile a second load measures GET current user. */
async function meDuringLogin(ctx: Ctx, server: ServerProcess, req: RestedRequests, hash: HashCeiling | null): Promise<number> {
  const label = 'GET current user while logins saturate hashing';
  await quiet(ctx, server.pid);
  const { result, references, unsteady } = await betweenReferences(ctx, () => loginsAndMe(ctx, server, req, label));
  const { me, loginResult } = result;
  const loginRps = loginResult.requestsPerSecond;
  const notes = [`meanwhile login ${loginRps.toFixed(1)} req/s${hash ? ` (${Math.round((loginRps / hash.ceilingPerSecond) * 100)} % of the hash ceiling)` : ''}, p99 ${loginResult.p99} ms`, ...unsteady];
  if (loginResult.unexpected) notes.push(`login: ${loginResult.unexpected} unexpected answers ${JSON.stringify(loginResult.statusCodes)}`);
  if (loginResult.unexpected > loginResult.expected) notes.unshift(`${VOID}: the logins mostly failed, so hashing was not saturated`);
  const row = toRow('me-during-login', label, 'rested', ctx.s.connections, me, references, notes);
  ctx.rows.push(row);
  ctx.raw['me-during-login'] = { me: me.raw, login: loginResult.raw };
  say(`  ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms; ${notes.join('; ')}`);
  return loginRps;
}

async function loginsAndMe(ctx: Ctx, server: ServerProcess, req: RestedRequests, label: string) {
  say(`… ${label}`);
  server.rss.reset();
  const logins = run({ url: server.url, connections: ctx.s.connections, requests: req.login() }, ctx.s.warmupSeconds + ctx.s.seconds + 1, 'login load');
  await sleep(Math.max(1, ctx.s.warmupSeconds) * 1000);
  const me = summarize(await run({ url: server.url, connections: ctx.s.connections, requests: req.me() }, ctx.s.seconds, label), 200, 0);
  const loginResult = summarize(await logins, 200, server.rss.peak());
  me.peakRssMb = loginResult.peakRssMb;
  return { me, loginResult };
}

/** Project B floods with the worst it can send (lib/flood.ts) while project A's users read their own record. */
async function tenantFlood(ctx: Ctx, server: ServerProcess, req: RestedRequests, seeded: Seeded): Promise<void> {
  const label = 'GET current user (project A, 10 connections) while project B floods';
  await quiet(ctx, server.pid);
  const { result, references, unsteady } = await betweenReferences(ctx, async () => {
    say(`… ${label}`);
    server.rss.reset();
    // BENCH_FLOOD="register,slow JSONata": only these of project B's loads (to see what each costs project A).
    const only = process.env.BENCH_FLOOD ? process.env.BENCH_FLOOD.split(',').map((w) => w.trim()) : null;
    const target = { url: server.url, apiKey: seeded.flood.project.apiKey, username: seeded.flood.username };
    const flood = floodInOwnProcess(target, only, ctx.s.warmupSeconds + ctx.s.seconds + 1);
    await sleep(Math.max(1, ctx.s.warmupSeconds) * 1000);
    const me = summarize(await run({ url: server.url, connections: 10, requests: req.me() }, ctx.s.seconds, label), 200, 0);
    const answered = (await flood).map(({ what, answered }) => `${what}: ${answered}`);
    me.peakRssMb = Math.round((server.rss.peak() / 1024 ** 2) * 10) / 10;
    return { me, answered };
  });
  const notes = [`project B's answers: ${result.answered.join('; ')}`, ...unsteady];
  if (result.me.unexpected || result.me.expected === 0) {
    notes.unshift(`${FLOOD_FAILED}: ${result.me.expected} of project A's requests answered 200, ${result.me.unexpected} failed ${JSON.stringify(result.me.statusCodes)}`);
  }
  const row = toRow('tenant-flood', label, 'rested', 10, result.me, references, notes);
  ctx.rows.push(row);
  ctx.raw['tenant-flood'] = result.me.raw;
  say(`  ${row.requestsPerSecond} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms; ${notes.join('; ')}`);
}

async function logoutCase(ctx: Ctx, server: ServerProcess, req: RestedRequests, seeded: Seeded): Promise<void> {
  let next = 1; // token 0 was spent by the sanity check
  let reused = 0;
  const take = () => {
    if (next >= seeded.logoutTokens.length) reused++;
    return seeded.logoutTokens[next++ % seeded.logoutTokens.length]!;
  };
  await measureCase(ctx, server, 'rested', 'logout', 'logout (fresh session each)', req.logout(take), 204, () =>
    reused ? [`ran out of fresh sessions: ${reused} requests reused revoked tokens (raise BENCH_LOGOUT_SESSIONS)`] : [`${next - 1} sessions revoked`],
  );
}

/** BENCH_CASES=files: its own server on its own data directory (docs/benchmarks.md, "File endpoints"); the figures go to files.json. */
async function filesCase(outDir: string): Promise<FileBenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rested-bench-files-'));
  try {
    const { apiKey } = await seedFileEndpoint(dataDir);
    // 1.6 GB of uploads: past the default byte quota of 1 GiB per project.
    const server = await startRested(dataDir, 'silent', null, { QUOTA_BYTES_PER_PROJECT: '100gb' });
    try {
      const result = await runFilesBench(server, apiKey, dataDir, say);
      writeFileSync(join(outDir, 'files.json'), JSON.stringify(result, null, 2));
      return result;
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const s = settings();
  const wants = (id: string) => !s.only || s.only.has(id);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = join(ROOT, 'bench-results', stamp);
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: build the server first (npx tsc -b server)`);
  const machine = describeMachine();
  say(`rested benchmark: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}; ${s.connections} connections, ${s.warmupSeconds} s warm-up + ${s.seconds} s per case`);

  if (s.only?.size === 1 && s.only.has('queries')) {
    // Its own seeded store and in-process server: nothing of the load run is needed.
    const queries = await runQueryBench(s.largeRecords, say);
    writeFileSync(join(outDir, 'queries.json'), JSON.stringify(queries, null, 2));
    say(`\nresults in ${outDir}/queries.json`);
    return;
  }
  if (s.quietWaitSeconds > 0) await waitForQuiet(null, s.quietWaitSeconds);
  const hash = wants('login') || wants('me-during-login') ? await measureHashCeiling(Math.min(3, Math.max(1, s.seconds / 3))) : null;
  if (hash) say(`scrypt: ${hash.msPerHash.toFixed(1)} ms per hash on one core; ceiling ${hash.ceilingPerSecond.toFixed(1)}/s on ${hash.cores} cores (as the server runs them, cores-1 at a time: ${hash.measuredParallelPerSecond.toFixed(1)}/s)`);

  const files = wants('files') ? await filesCase(outDir) : null;
  if (wants('traffic-count')) writeFileSync(join(outDir, 'traffic-count.json'), JSON.stringify(await runTrafficBench(say), null, 2));
  if (s.only && [...s.only].every((id) => id === 'files' || id === 'traffic-count')) return;

  const ctx: Ctx = { s, rows: [], raw: {}, koaRps: null, koaServer: null };
  await ceilings(ctx, wants);

  const dataDir = mkdtempSync(join(tmpdir(), 'rested-bench-'));
  const servers: ServerProcess[] = [];
  let serverPeak = 0;
  let login: Report['login'] = null;
  let seeded: Seeded | null = null;
  try {
    s.logoutSessions = wants('logout')
      ? Number(process.env.BENCH_LOGOUT_SESSIONS ?? Math.ceil((ctx.koaRps ?? 40_000) * 0.7 * (s.warmupSeconds + s.seconds)) + 2000)
      : 1;
    say(`seeding ${dataDir}: 10 + 1,000 + ${s.largeRecords.toLocaleString('en-US')} records, 100 users, 1,000 + ${s.logoutSessions.toLocaleString('en-US')} sessions`);
    const started = performance.now();
    seeded = await seed({
      file: join(dataDir, 'rested.sqlite'),
      secret: SECRET,
      users: 100,
      meSessions: 1000,
      logoutSessions: s.logoutSessions,
      smallRecords: 10,
      mediumRecords: 1000,
      largeRecords: s.largeRecords,
      cursors: 200,
    });
    seeded.timings.total = Math.round(performance.now() - started);
    say(`  seeded in ${seeded.timings.total} ms ${JSON.stringify(seeded.timings)}`);

    const profileDir = s.cpuProf ? join(outDir, 'profiles') : null;
    const rested = await startRested(dataDir, 'silent', profileDir);
    servers.push(rested);
    const req = restedRequests(seeded);
    await sanity(rested.url, req, seeded, s.largeRecords, wants('logout') ? seeded.logoutTokens[0] : undefined);
    login = await restedCases(ctx, rested, req, seeded, wants, hash);
    serverPeak = Math.max(serverPeak, rested.rss.overallPeak(), rssBytes(rested.pid, 'VmHWM') ?? 0);
    await rested.stop();

    const variants = [
      { id: 'log-info', on: s.logInfo, kind: 'rested, log info', label: 'log info', env: { LOG_LEVEL: 'info' } },
      { id: 'workers-2', on: true, kind: 'rested, 2 workers', label: 'WORKERS=2', env: { WORKERS: '2' } },
    ] as const;
    for (const variant of variants) {
      if (!variant.on || !wants(variant.id)) continue;
      const server = await startRested(dataDir, 'silent', null, variant.env);
      servers.push(server);
      for (const [id, label, requests, status] of [
        ['gate-read', 'gate only: GET 10 public records', req.gateRead(), 200],
        ['me', 'GET current user', req.me(), 200],
        ['create', 'record create', req.create(), 201],
      ] as const) {
        await measureCase(ctx, server, variant.kind, `${id}-${variant.id}`, `${label} (${variant.label})`, [...requests], status);
      }
      serverPeak = Math.max(serverPeak, server.rss.overallPeak(), rssBytes(server.pid, 'VmHWM') ?? 0);
      await server.stop();
    }
  } finally {
    for (const server of servers) await server.stop();
    await ctx.koaServer?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const queries: QueryReport | null = wants('queries') ? await runQueryBench(s.largeRecords, say) : null;

  const report: Report = {
    machine,
    settings: { seconds: s.seconds, referenceSeconds: s.referenceSeconds, warmupSeconds: s.warmupSeconds, connections: s.connections, largeRecords: s.largeRecords, quietWaitSeconds: s.quietWaitSeconds, logoutSessions: s.logoutSessions, logLevel: s.logLevel, cases: s.cases },
    hash,
    login,
    seeding: seeded?.timings ?? {},
    cases: ctx.rows,
    targets: evaluateTargets(ctx.rows),
    serverPeakRssMb: Math.round((serverPeak / 1024 ** 2) * 10) / 10,
    ...(files ? { files } : {}),
    queries,
  };
  const summary = consoleSummary(report);
  say(`\n${summary}`);
  writeFileSync(join(outDir, 'raw.json'), JSON.stringify(ctx.raw, null, 2));
  writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 2));
  const findings = readFileSync(join(BENCH, 'findings.md'), 'utf8');
  writeFileSync(join(outDir, 'benchmarks.md'), markdown(report, findings));
  if (s.writeDocs) {
    writeFileSync(join(ROOT, 'docs', 'benchmarks.md'), markdown(report, findings));
    writeFileSync(join(ROOT, 'docs', 'benchmarks.json'), `${JSON.stringify(report, null, 2)}\n`);
    say(`\nwrote docs/benchmarks.md and docs/benchmarks.json; raw results in ${outDir}`);
  } else {
    say(`\nresults in ${outDir} (docs/ not rewritten: not a full default run; BENCH_WRITE_DOCS=1 forces it)`);
  }
}

await main();
