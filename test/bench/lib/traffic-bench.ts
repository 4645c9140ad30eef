import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { hashMasterKey, newKey, openSqliteStorage, systemClock, type Storage } from '@rested/server';
import { createTrafficRecorder } from '@rested/server/testing';

/*
 * What counting traffic costs a request (docs/monitor.md): the in-memory count every answered
 * runtime request pays, and the flush to the database every 5 s, shared by the requests of that
 * interval. Measured in this process, in CPU time (process.cpuUsage), on a SQLite file.
 */

export interface TrafficBenchResult {
  countNsPerRequest: number;
  flushMsPer5s: number;
  flushNsPerRequest: number;
  requestsPer5s: number;
  projects: number;
  totalNsPerRequest: number;
}

const cpuNs = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) * 1000;
};

async function seedProjects(storage: Storage, n: number): Promise<string[]> {
  const owner = await storage.createOwner({ email: `${newKey()}@example.com`, name: 'Bench', passwordHash: 'x' });
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const project = await storage.createProject({
      ownerId: owner.id, name: `p${i}`, apiKey: newKey(), allowedOrigins: [], disallowNoOrigin: false,
      masterKeyHash: hashMasterKey('bench-secret-bench-secret-bench-secret', newKey()), tokenTtlSeconds: 3600, jwtSecret: newKey() + newKey(),
    });
    ids.push(project.id);
  }
  return ids;
}

const REASONS = ['origin_not_allowed', 'token_missing', 'invalid_key_or_endpoint', 'validation_failed'];

export async function runTrafficBench(say: (line: string) => void, requestsPer5s = 100_000, projects = 100): Promise<TrafficBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'rested-bench-traffic-'));
  const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite') });
  try {
    const ids = await seedProjects(storage, projects);
    const recorder = createTrafficRecorder(storage, systemClock, pino({ level: 'silent' }), 3_600_000);
    // Inputs drawn before timing: 9 in 10 succeed, latencies spread over the buckets.
    const inputs = Array.from({ length: requestsPer5s }, (_, i) => ({
      project: ids[i % projects]!, status: i % 10 === 0 ? 403 : 200, reason: i % 10 === 0 ? REASONS[i % REASONS.length]! : '', ms: (i % 997) / 10,
    }));
    // As observe-request.ts does for each answered request: count it, and log it when it failed.
    let count = 0;
    let flush = 0;
    const rounds = 5;
    for (let round = 0; round < rounds; round += 1) {
      const started = process.cpuUsage();
      inputs.forEach((x, i) => {
        recorder.count(x.project, x.status, x.reason, x.ms);
        if (x.status >= 400) recorder.noteError({ projectId: x.project, requestId: `r${i}`, method: 'GET', endpoint: 'items', status: x.status, reason: x.reason, origin: 'https://x.example' });
      });
      count += cpuNs(started);
      const flushed = process.cpuUsage();
      await recorder.flush();
      flush += cpuNs(flushed);
    }
    await recorder.close();
    const countNsPerRequest = count / (rounds * requestsPer5s);
    const flushNsPerRequest = flush / (rounds * requestsPer5s);
    const result = {
      countNsPerRequest, flushMsPer5s: flush / rounds / 1e6, flushNsPerRequest, requestsPer5s, projects,
      totalNsPerRequest: countNsPerRequest + flushNsPerRequest,
    };
    say(`traffic counting (1 in 10 an error): count and note ${countNsPerRequest.toFixed(0)} ns/request; flush every 5 s ${result.flushMsPer5s.toFixed(1)} ms for ${requestsPer5s.toLocaleString('en-US')} requests over ${projects} projects = ${flushNsPerRequest.toFixed(0)} ns/request; in all ${result.totalNsPerRequest.toFixed(0)} ns/request (budget 2,000 ns)`);
    return result;
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
