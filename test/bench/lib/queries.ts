import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { RUNTIME_PREFIX } from '@rested/shared';
import { createApp, newKey, openSqliteStorage, type ProjectRow, type Storage } from '@rested/server';
import { testConfig } from '../../helpers/app.js';
import { NOT_FILES } from '../../helpers/fixtures.js';

/*
 * The `queries` case (docs/querying.md): `where` and `sort` on an owner-declared index at 1,000
 * and at 1,000,000 records, and an unindexed filter over 10,000. Each figure is the server's
 * time per request (from the request event to the end of the answer, requests one at a time, so
 * no request waits for another), measured in this process on a server of its own.
 */

const hex = () => randomBytes(16).toString('hex');

export interface QueryFigure {
  id: string;
  label: string;
  medianMs: number;
  p90Ms: number;
  rows: number;
}

export interface QueryReport {
  largeRecords: number;
  indexBuildMs: number;
  figures: QueryFigure[];
  ratios: Array<{ what: string; ratio: number; target: number; met: boolean }>;
  unindexedMet: boolean;
}

/** Records with data {n: i, bucket: i % (count / 100), title}: every bucket holds 100 records, at any size. */
function insert(db: Database.Database, project: ProjectRow, endpointId: string, count: number): void {
  const statement = db.prepare('INSERT INTO records (unique_id, project_id, endpoint_id, creator_id, data, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)');
  const buckets = Math.max(1, Math.floor(count / 100));
  const base = Date.now() - count - 60_000;
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      statement.run(hex(), project.id, endpointId, `{"n":${i},"bucket":${i % buckets},"title":"Item ${i}","tags":["a","b"]}`, base + i, base + i);
    }
  })();
}

async function seed(file: string, largeRecords: number) {
  const storage = await openSqliteStorage({ file });
  const owner = await storage.createOwner({ email: 'queries@example.com', name: 'Bench', passwordHash: 'x' });
  const project = await storage.createProject({
    ownerId: owner.id, name: 'Queries', apiKey: newKey(), allowedOrigins: [], disallowNoOrigin: false, masterKeyHash: null,
    tokenTtlSeconds: 3600, jwtSecret: newKey() + newKey(),
  });
  const endpoint = (name: string) => storage.createEndpoint({ projectId: project.id, name, description: '', auth: false, ...NOT_FILES, secure: false, access: { readOthers: false, updateOthers: false, deleteOthers: false } });
  const k1 = await endpoint('q/1k');
  const m1 = await endpoint('q/1m');
  const k10 = await endpoint('q/10k');
  await storage.close();
  const db = new Database(file);
  insert(db, project, k1.id, 1000);
  insert(db, project, m1.id, largeRecords);
  insert(db, project, k10.id, 10_000);
  db.close();
  const indexed = await openSqliteStorage({ file });
  await indexed.updateEndpoint(k1.id, { indexes: ['data.bucket', 'data.n'] });
  const started = performance.now();
  await indexed.updateEndpoint(m1.id, { indexes: ['data.bucket', 'data.n'] });
  const indexBuildMs = Math.round(performance.now() - started);
  await indexed.close();
  return { project, indexBuildMs };
}

/** A server on `storage` that records how long each request took it. */
async function timedServer(storage: Storage): Promise<{ server: Server; port: number; times: number[]; close: () => Promise<void> }> {
  const app = createApp({ config: testConfig({ cacheTtlMs: 60_000 }), storage, logger: pino({ level: 'silent' }) });
  const handle = app.callback();
  const times: number[] = [];
  const server = createServer((req, res) => {
    const started = performance.now();
    res.on('finish', () => times.push(performance.now() - started));
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, port, times, close: async () => { await new Promise((r) => server.close(r)); await app.shutdown(); } };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function runQueryBench(largeRecords: number, say: (line: string) => void): Promise<QueryReport> {
  const dir = mkdtempSync(join(tmpdir(), 'rested-queries-'));
  try {
    const file = join(dir, 'rested.sqlite');
    say(`queries: seeding 1,000 + ${largeRecords.toLocaleString('en-US')} + 10,000 records`);
    const { project, indexBuildMs } = await seed(file, largeRecords);
    say(`  indexes on data.bucket and data.n built at ${largeRecords.toLocaleString('en-US')} records in ${indexBuildMs} ms`);
    const storage = await openSqliteStorage({ file });
    const http = await timedServer(storage);
    const figures: QueryFigure[] = [];
    /** Runs the cases' requests in turn (one of each, then again), so a change of the machine's speed touches them alike. */
    const measure = async (cases: Array<{ id: string; label: string; url: (i: number) => string }>, requests = 400) => {
      const times = cases.map(() => [] as number[]);
      const rows = cases.map(() => 0);
      for (let i = 0; i < requests + 30; i++) {
        for (const [k, c] of cases.entries()) {
          http.times.length = 0;
          const res = await fetch(`http://127.0.0.1:${http.port}${c.url(i)}`);
          const body = (await res.json()) as unknown[];
          if (res.status !== 200) throw new Error(`${c.id}: ${res.status} ${JSON.stringify(body)}`);
          rows[k] = body.length;
          if (i >= 30) times[k]!.push(...http.times); // the first 30 warm up
        }
      }
      for (const [k, c] of cases.entries()) {
        const sorted = [...times[k]!].sort((a, b) => a - b);
        const figure = { id: c.id, label: c.label, medianMs: round(percentile(sorted, 0.5)), p90Ms: round(percentile(sorted, 0.9)), rows: rows[k]! };
        figures.push(figure);
        say(`  ${c.label}: median ${figure.medianMs} ms, p90 ${figure.p90Ms} ms (${figure.rows} records a page)`);
      }
    };
    const base = (name: string, params: Record<string, string>) => `${RUNTIME_PREFIX}/${name}?${new URLSearchParams({ key: project.apiKey, ...params })}`;
    const where = (w: unknown) => JSON.stringify(w);
    const sizes = [['q/1k', '1k', 1000], ['q/1m', '1m', largeRecords]] as const;
    const both = (id: string, label: (count: number) => string, url: (name: string, count: number, i: number) => string) =>
      sizes.map(([name, size, count]) => ({ id: `${id}-${size}`, label: label(count), url: (i: number) => url(name, count, i) }));
    const at = (count: number) => count.toLocaleString('en-US');
    await measure(both('eq', (c) => `where data.bucket = k (indexed, 100 matches) at ${at(c)}`, (name, count, i) =>
      base(name, { where: where({ 'data.bucket': (i * 7919) % Math.max(1, Math.floor(count / 100)) }), limit: '100' })));
    await measure(both('range', (c) => `where data.n in [x, x+100) (indexed) at ${at(c)}`, (name, count, i) => {
      const x = (i * 7919) % (count - 100);
      return base(name, { where: where({ 'data.n': { $gte: x, $lt: x + 100 } }), limit: '100' });
    }));
    await measure(both('sort', (c) => `sort=-data.n (indexed), first page of 100 at ${at(c)}`, (name) => base(name, { sort: '-data.n', limit: '100' })));
    await measure([
      { id: 'unindexed-10k', label: 'where data.title $contains (no index), 10,000 records', url: (i) => base('q/10k', { where: where({ 'data.title': { $contains: `Item ${(i * 31) % 10_000}` } }), limit: '100' }) },
      { id: 'unindexed-eq-10k', label: 'where data.bucket = k (no index), 10,000 records', url: (i) => base('q/10k', { where: where({ 'data.bucket': i % 100 }), limit: '100' }) },
    ], 100);
    await http.close();
    await storage.close();
    const byId = new Map(figures.map((f) => [f.id, f]));
    const ratios = ['eq', 'range', 'sort'].map((what) => {
      const ratio = round(byId.get(`${what}-1m`)!.medianMs / byId.get(`${what}-1k`)!.medianMs);
      return { what, ratio, target: 1.5, met: ratio <= 1.5 };
    });
    for (const r of ratios) say(`  ${r.what}: 1m / 1k = ${r.ratio}× (target ≤ ${r.target}×: ${r.met ? 'met' : 'NOT met'})`);
    const unindexedMet = byId.get('unindexed-10k')!.medianMs < 20 && byId.get('unindexed-eq-10k')!.medianMs < 20;
    say(`  unindexed filter over 10,000 records under 20 ms: ${unindexedMet ? 'met' : 'NOT met'}`);
    return { largeRecords, indexBuildMs, figures, ratios, unindexedMet };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
