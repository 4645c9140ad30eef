import type { FileBenchResult } from './files-bench.js';
import type { QueryReport } from './queries.js';
import type { HashCeiling } from './hash-ceiling.js';
import type { Measured } from './load.js';
import type { Machine } from './machine.js';

export type ServerKind = 'node:http' | 'koa' | 'rested' | 'rested, log info' | 'rested, 2 workers';

export interface CaseRow {
  id: string;
  label: string;
  server: ServerKind;
  connections: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  mean: number;
  peakRssMb: number;
  /** Server CPU per request (µs) and who used the cores during the measured window. */
  cpu: Measured['cpu'];
  /** Throughput as a share of Koa hello-world's: the mean of its req/s just before and just after this case (run.ts betweenReferences). */
  ratioToKoa: number | null;
  /** Those Koa hello-world req/s. */
  koaReferencesRps: number[];
  expected: number;
  unexpected: number;
  statusCodes: Record<string, number>;
  notes: string[];
}

/** Starts the note of a row whose measurement does not stand (its target then misses). */
export const VOID = 'VOID';
/** Starts the note of a row during which the machine's speed changed (its ratio is uncertain). */
export const UNSTEADY = 'UNSTEADY';
/** A tenant-flood row whose project A got failures or no answer at all: its p99 means nothing. */
export const FLOOD_FAILED = 'FLOOD FAILED';

export interface TargetRow {
  what: string;
  target: string;
  measured: string;
  /** null when the cases it needs were not run. */
  pass: boolean | null;
}

export interface Settings {
  seconds: number;
  referenceSeconds: number;
  warmupSeconds: number;
  connections: number;
  largeRecords: number;
  quietWaitSeconds: number;
  logoutSessions: number;
  logLevel: string;
  cases: string;
}

export interface Report {
  machine: Machine;
  settings: Settings;
  hash: HashCeiling | null;
  /** Login req/s (alone, and while GET current user runs) against the hash ceiling. */
  login: { alone: number | null; duringMe: number | null } | null;
  seeding: Record<string, number>;
  cases: CaseRow[];
  targets: TargetRow[];
  serverPeakRssMb: number;
  /** The file-endpoint case (lib/files-bench.ts), when it ran. */
  files?: FileBenchResult;
  /** The `queries` case (lib/queries.ts); null when it did not run. */
  queries?: QueryReport | null;
}

/**
 * The flood's memory bound: the server's 250 MB plus, per JSONata worker process (2 on 2 cores),
 * its 256 MB heap cap and ≈ 50 MB of the process around it.
 */
const FLOOD_RSS_MB = 250 + 2 * (256 + 50);

export function toRow(id: string, label: string, server: ServerKind, connections: number, m: Measured, koaReferences: number[], notes: string[] = []): CaseRow {
  const koaRps = koaReferences.length ? koaReferences.reduce((a, b) => a + b, 0) / koaReferences.length : null;
  if (m.cpu && m.cpu.otherCores >= 0.15) notes.push(`other processes used ${m.cpu.otherCores} cores meanwhile`);
  if (m.unexpected > 0) notes.push(`${m.unexpected} unexpected answers: ${JSON.stringify(m.statusCodes)}, errors ${m.errors}, timeouts ${m.timeouts}`);
  return {
    id,
    label,
    server,
    connections,
    requestsPerSecond: Math.round(m.requestsPerSecond),
    p50: m.p50,
    p99: m.p99,
    mean: m.mean,
    peakRssMb: m.peakRssMb,
    cpu: m.cpu,
    ratioToKoa: koaRps ? Math.round((m.requestsPerSecond / koaRps) * 1000) / 1000 : null,
    koaReferencesRps: koaReferences.map(Math.round),
    expected: m.expected,
    unexpected: m.unexpected,
    statusCodes: m.statusCodes,
    notes,
  };
}

const pct = (ratio: number | null) => (ratio === null ? '—' : `${Math.round(ratio * 100)} %`);
const num = (n: number) => n.toLocaleString('en-US');

export function evaluateTargets(rows: CaseRow[]): TargetRow[] {
  const by = (id: string) => rows.find((r) => r.id === id);
  const share = (id: string, what: string, min: number): TargetRow => {
    const row = by(id);
    return {
      what,
      target: `≥ ${min * 100} % of Koa hello-world`,
      measured: row ? `${pct(row.ratioToKoa)}${row.notes.some((n) => n.startsWith(UNSTEADY)) ? ' (unsteady: the machine changed speed during the case)' : ''}` : 'not run',
      pass: row && row.ratioToKoa !== null ? row.ratioToKoa >= min : null,
    };
  };
  const pages = (['first', 'middle'] as const).map((where) => {
    const k1 = by(`page-1k-${where}`);
    const m1 = by(`page-1m-${where}`);
    return k1 && m1 ? { where, ratio: k1.requestsPerSecond / m1.requestsPerSecond, p50: [k1.p50, m1.p50] } : null;
  });
  const me = by('me');
  const meLogin = by('me-during-login');
  const flood = by('tenant-flood');
  // The memory target is for one server process; a WORKERS=2 tree holds two (its rows show their sum).
  // The flood is held to its own bound instead: it keeps JSONata worker processes at their heap cap.
  const rested = rows.filter((r) => (r.server === 'rested' || r.server === 'rested, log info') && r.id !== 'tenant-flood');
  const peak = Math.max(0, ...rested.map((r) => r.peakRssMb));
  return [
    share('gate-read', 'gate only (GET 10 public records)', 0.5),
    share('me', 'GET current user', 0.4),
    share('logout', 'logout (fresh session each)', 0.3),
    share('create', 'record create', 0.3),
    {
      what: 'page of 50 at 1,000,000 records vs at 1,000',
      target: '≤ 1.5× the time',
      measured: pages.every(Boolean)
        ? pages.map((p) => `${p!.where} page ${p!.ratio.toFixed(2)}× (p50 ${p!.p50[0]} → ${p!.p50[1]} ms)`).join('; ')
        : 'not run',
      pass: pages.every(Boolean) ? pages.every((p) => p!.ratio <= 1.5) : null,
    },
    { what: 'GET current user p99, 50 connections', target: '< 25 ms', measured: me ? `${me.p99} ms` : 'not run', pass: me ? me.p99 < 25 : null },
    {
      what: 'GET current user p99 while logins saturate hashing',
      target: '< 50 ms',
      measured: meLogin ? `${meLogin.p99} ms${meLogin.notes[0]?.startsWith(VOID) ? ` (${meLogin.notes[0]})` : ''}` : 'not run',
      pass: meLogin ? meLogin.p99 < 50 && !meLogin.notes[0]?.startsWith(VOID) : null,
    },
    {
      what: "project A's GET current user p99 while project B floods (tenant-flood)",
      target: '< 50 ms, none failed',
      measured: flood ? `${flood.p99} ms${flood.notes[0]?.startsWith(FLOOD_FAILED) ? ` (${flood.notes[0]})` : ''}` : 'not run',
      pass: flood ? flood.p99 < 50 && !flood.notes[0]?.startsWith(FLOOD_FAILED) : null,
    },
    { what: 'server RSS, every case but the flood', target: '< 250 MB', measured: rested.length ? `${peak} MB peak` : 'not run', pass: rested.length ? peak < 250 : null },
    {
      what: 'server RSS under the flood, with its JSONata worker processes',
      target: `< ${FLOOD_RSS_MB} MB`,
      measured: flood ? `${flood.peakRssMb} MB peak` : 'not run',
      pass: flood ? flood.peakRssMb < FLOOD_RSS_MB : null,
    },
  ];
}

export function resultTable(rows: CaseRow[]): string {
  const lines = [
    '| case | server | req/s | p50 ms | p99 ms | peak RSS MB | × Koa hello-world (its req/s just before / after) | server CPU µs/req (in kernel) | cores: server / load gen / other |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.label} | ${r.server} | ${num(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.peakRssMb} | ${pct(r.ratioToKoa)}${r.id !== 'bare-koa' && r.koaReferencesRps.length ? ` of ${r.koaReferencesRps.map(num).join(' / ')}` : ''} | ${r.cpu?.serverUsPerRequest == null ? '—' : `${r.cpu.serverUsPerRequest} (${Math.round(r.cpu.serverSystemShare * 100)} %)`} | ${r.cpu ? `${r.cpu.serverCores} / ${r.cpu.loadGeneratorCores} / ${r.cpu.otherCores}` : '—'} |`,
    ),
  ];
  return lines.join('\n');
}

export function targetTable(targets: TargetRow[]): string {
  const verdict = (t: TargetRow) => (t.pass === null ? 'not run' : t.pass ? '**PASS**' : '**MISS**');
  return ['| target | goal | measured | result |', '|---|---|---|---|', ...targets.map((t) => `| ${t.what} | ${t.target} | ${t.measured} | ${verdict(t)} |`)].join(
    '\n',
  );
}

/** Plain-text version for the terminal. */
export function consoleSummary(report: Report): string {
  const pad = (s: string, n: number) => s.padEnd(n);
  const lines = report.cases.map(
    (r) =>
      `${pad(r.label, 44)} ${pad(r.server, 16)} ${String(num(r.requestsPerSecond)).padStart(8)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  RSS ${String(r.peakRssMb).padStart(6)} MB  ${pct(r.ratioToKoa).padStart(6)}  ${String(r.cpu?.serverUsPerRequest ?? '—').padStart(5)} µs/req${r.notes.length ? `  ! ${r.notes.join('; ')}` : ''}`,
  );
  const targets = report.targets.map((t) => `${t.pass === null ? 'n/a ' : t.pass ? 'PASS' : 'MISS'}  ${t.what}: ${t.measured} (goal ${t.target})`);
  return [...lines, '', ...targets].join('\n');
}

/** The `queries` case: server time per request, and the ratios its targets name (docs/querying.md). */
export function queriesSection(q: QueryReport | null): string {
  if (!q) return '## Queries\n\n(not measured in this run)';
  const rows = q.figures.map((f) => `| ${f.label} | ${f.medianMs} | ${f.p90Ms} | ${f.rows} |`);
  const ratios = q.ratios.map((r) => `- ${r.what}: ${num(q.largeRecords)} / 1,000 records = **${r.ratio}×** (target ≤ ${r.target}×: ${r.met ? 'met' : '**not met**'})`);
  return `## Queries

Server time per request (from the request to the end of the answer; requests one at a time, so none waits for another),
in milliseconds, over 400 requests after 30 of warm-up (100 for the unindexed rows), each asking for another value; the requests
of the two sizes are taken in turns, so a change of the machine's speed touches both alike. Records are
\`{"n": i, "bucket": i % (count / 100), "title": "Item i", "tags": [...]}\`: a bucket holds 100 records at any size. Indexes on
\`data.bucket\` and \`data.n\` (declared with \`indexes\`); building both at ${num(q.largeRecords)} records took ${num(q.indexBuildMs)} ms.

| request | median ms | p90 ms | records answered |
|---|---:|---:|---:|
${rows.join('\n')}

${ratios.join('\n')}
- an unindexed filter over 10,000 records under 20 ms: ${q.unindexedMet ? 'met' : '**not met**'}`;
}

export function markdown(report: Report, findings: string): string {
  const { machine: m, settings: s, hash } = report;
  const login = report.login;
  const ceilingLines = hash
    ? [
        `The server's password hash (scrypt N=16384, r=8, p=1, 64-byte key), timed in the bench process with nothing else running:`,
        `${hash.msPerHash.toFixed(1)} ms per hash on one core → ceiling ${hash.ceilingPerSecond.toFixed(1)} hashes/s on ${hash.cores} cores`,
        `With 4 asked for at once, the server runs at most one fewer than the cores (so logins leave a core to other requests): ${hash.measuredParallelPerSecond.toFixed(1)}/s.`,
        login?.alone !== null && login?.alone !== undefined
          ? `Login alone: ${login.alone.toFixed(1)} req/s = **${Math.round((login.alone / hash.ceilingPerSecond) * 100)} %** of the ${hash.cores}-core hash ceiling, ${Math.round((login.alone / hash.measuredParallelPerSecond) * 100)} % of the server's own hashing rate.`
          : '',
        login?.duringMe !== null && login?.duringMe !== undefined
          ? `Login while GET current user runs at full speed: ${login.duringMe.toFixed(1)} req/s = ${Math.round((login.duringMe / hash.ceilingPerSecond) * 100)} % of the ceiling.`
          : '',
      ].filter(Boolean)
    : ['(not measured in this run)'];
  const notes = report.cases.filter((r) => r.notes.length).map((r) => `- ${r.label}: ${r.notes.join('; ')}`);
  const references = report.cases.filter((r) => r.id !== 'bare-koa').flatMap((r) => r.koaReferencesRps);
  const drift = references.length
    ? `Koa hello-world, measured again (${s.referenceSeconds} s) before and after each case, ranged over ${num(Math.min(...references))}–${num(Math.max(...references))} req/s in this run.`
    : '';
  return `# Benchmarks

Generated by \`npm run bench\` (test/bench/run.ts) on ${m.date.slice(0, 10)}. This machine's speed drifts during a run, so
absolute numbers are not comparable between runs, nor even between cases: read each case as a share of Koa hello-world
measured on the same machine just before it. ${drift}

**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.os}, Node ${m.node}.
The load generator (autocannon, in the bench process) runs on the same machine and competes with the server for the ${m.cores} cores.

**Method:** every server runs as its own process (\`node server/dist/main.js\`, built; the ceilings
\`bare-http.ts\`, \`bare-koa.ts\` and \`bare-koa-json.ts\` likewise), on loopback, ${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.seconds} s measured per case.
The rested server runs on the embedded store (SQLite) in a fresh temporary DATA_DIR, seeded before it starts;
**log level \`${s.logLevel}\`** for the main rows; the rows marked "log info" run the same server with the default
level \`info\` (one pino line per request, stdout to /dev/null). req/s counts only answers with the expected status;
p50/p99 are autocannon's latencies (whole milliseconds); peak RSS is the VmRSS of the server's process tree (the server and any
child process, e.g. the workers of \`WORKERS=2\`) sampled every 200 ms over warm-up and measurement; server CPU (user + kernel time from /proc, with the kernel's share in brackets)
is counted over the same tree.
Koa hello-world stays up through the run; just before and just after each case it is measured again (1 s warm-up,
${s.referenceSeconds} s), and the case's ratio is taken against the mean of the two. A row noted ${UNSTEADY} had the two differ by
more than a quarter: the machine changed speed during that case.
The rows marked "WORKERS=2" run the same server as a cluster of two worker processes behind one port (README: Several CPU cores).

## Results

${resultTable(report.cases)}
${notes.length ? `\nNotes:\n${notes.join('\n')}\n` : ''}
Requests: gate only = \`GET /api/1/ce/${'bench/small'}?key=K&limit=10\` (10 records, public, allowed Origin);
GET current user = \`GET /api/1/ce/bench/users?key=K\` with \`Authorization: Bearer\` from 1,000 pre-made sessions;
logout = \`POST ?key=K&logout=true\` with a fresh session per request (${num(s.logoutSessions)} pre-minted);
login = \`POST ?key=K&login=true&noATCookie=true\` over 100 users; create = \`POST\` of a 40-byte JSON object;
pages = \`GET ?key=K&limit=50\` (first page) and \`&after=<uniqueId>\` cycling through 200 cursors spread over 5–95 % of the endpoint (middle pages),
on endpoints holding 1,000 and ${num(s.largeRecords)} records; "GET current user while logins saturate hashing" runs a login
load (${s.connections} connections) and the GET current user load (${s.connections} connections) at the same time.

## Targets (${m.cores} cores)

${targetTable(report.targets)}

Peak server RSS over the whole run: ${report.serverPeakRssMb} MB.

## Login against the hash ceiling

${ceilingLines.join('\n')}

## Seeding

${Object.entries(report.seeding)
  .map(([k, v]) => `- ${k}: ${num(v)} ms`)
  .join('\n')}

${queriesSection(report.queries ?? null)}

${findings.trim()}

## Running it

\`\`\`sh
npm run bench                                  # builds, then the full run (a few minutes); rewrites this file
BENCH_SECONDS=3 BENCH_WARMUP_SECONDS=1 BENCH_LARGE_RECORDS=100000 npm run bench -w @rested/test   # quick look
BENCH_CASES=me,logout BENCH_CPU_PROF=1 npm run bench -w @rested/test     # some cases, server CPU profile in bench-results/
BENCH_CASES=queries npm run bench -w @rested/test                        # where/sort with indexes at 1,000 and 1,000,000 records (seeds its own store)
BENCH_CASES=tenant-flood BENCH_FLOOD="pages of 256 KiB records" npm run bench -w @rested/test   # one tenant floods (only this load), another reads
\`\`\`

\`BENCH_CPU_PROF=1\` profiles by wall clock: time the server spends blocked in a system call while the
load generator has the core (often \`writev\`) is counted to that call. For CPU time alone, sample the
server with \`perf\` (start it with \`node --perf-basic-prof\`, then \`perf record -g -p <pid>\`).

\`BENCH_CASES=files\` runs only the file-endpoint case (about two minutes; it writes 1.6 GB to a
temporary data directory and removes it).

Other knobs: \`BENCH_CONNECTIONS\` (50), \`BENCH_REF_SECONDS\` (4; 0 measures Koa hello-world once, at the start), \`BENCH_LOG_INFO=0\` (skip the log-info rows), \`BENCH_LOGOUT_SESSIONS\`.
A run with \`BENCH_CASES\` or non-default sizes writes only to \`bench-results/\` (git-ignored), not to docs/.
Raw autocannon results of every run are kept in \`bench-results/<date>/\`.
`;
}
