/*
 * Does a page of the audit log cost the same on a project with 1,000 events and one with
 * 1,000,000 (docs/audit-log.md: "each page is one range of one index")? In-process, on SQLite
 * files: the events are bulk-loaded straight into the table (as time-ordered ids, 10 event types), (1,000 per user at either size), then pages are read through the storage: the newest, one in the middle (by
 * cursor), the oldest, and filtered by type and by user.
 *   node --conditions=source --import tsx bench/audit-pages.ts   (AUDIT_EVENTS=1000000 by default)
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, type Storage } from '@rested/server';
import { migrate } from '@rested/server/testing';

const LARGE = Number(process.env.AUDIT_EVENTS ?? 1_000_000);
const SMALL = 1_000;
const READS = 200;
const TYPES = ['user.login', 'user.logout', 'user.login_failed', 'user.registered', 'user.password_changed', 'endpoint.updated', 'project.updated', 'user.deleted', 'user.disabled', 'master_key.used'];
const PROJECT = 'p'.repeat(32);

function load(file: string, count: number): string[] {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  migrate(db);
  const insert = db.prepare(`INSERT INTO audit_events (id, project_id, at, type, actor_kind, actor_id, ip, user_agent, request_id,
    target_endpoint, target_unique_id, target_session_id, details) VALUES (?, ?, ?, ?, 'user', ?, '203.0.113.7', 'bench/1', 'req', 'e1', ?, NULL, '{}')`);
  const start = Date.now() - count;
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const id = (start + i).toString(16).padStart(12, '0') + '0000' + randomBytes(8).toString('hex');
      const user = `u${i % Math.max(1, count / 1000)}`; // 1,000 events per user at either size
      insert.run(id, PROJECT, start + i, TYPES[i % TYPES.length], user, user);
      ids.push(id);
    }
  })();
  db.close();
  return ids;
}

/** Median microseconds of `READS` calls of `read`, after 20 unmeasured ones (statements prepared, pages cached). */
async function median(read: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await read();
  const times: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = process.hrtime.bigint();
    await read();
    times.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  return times.sort((a, b) => a - b)[Math.floor(READS / 2)]!;
}

async function measure(storage: Storage, ids: string[]): Promise<Record<string, number>> {
  const page = (query: Omit<Parameters<Storage['listAuditEvents']>[1], 'limit'>) => () => storage.listAuditEvents(PROJECT, { limit: 50, ...query });
  return {
    newest: await median(page({})),
    middle: await median(page({ after: ids[Math.floor(ids.length / 2)]! })),
    oldest: await median(page({ after: ids[60]! })),
    'by type': await median(page({ types: ['user.disabled'], after: ids[Math.floor(ids.length / 2)]! })),
    'by user': await median(page({ uniqueId: 'u0', after: ids[Math.floor(ids.length / 2)]! })),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rested-audit-bench-'));
  try {
    const results: Record<number, Record<string, number>> = {};
    for (const count of [SMALL, LARGE]) {
      const file = join(dir, `audit-${count}.sqlite`);
      const loadStart = Date.now();
      const ids = load(file, count);
      process.stdout.write(`loaded ${count} events in ${((Date.now() - loadStart) / 1000).toFixed(1)} s\n`);
      const storage = await openSqliteStorage({ file });
      results[count] = await measure(storage, ids);
      await storage.close();
    }
    process.stdout.write(`\n| page of 50 | ${SMALL} events | ${LARGE} events | ratio |\n|---|---|---|---|\n`);
    for (const name of Object.keys(results[SMALL]!)) {
      const small = results[SMALL]![name]!;
      const large = results[LARGE]![name]!;
      process.stdout.write(`| ${name} | ${small.toFixed(0)} µs | ${large.toFixed(0)} µs | ${(large / small).toFixed(2)} |\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
