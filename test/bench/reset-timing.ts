/*
 * Does a password-reset request take the same time for an email that has an account and one that
 * has none? (docs/password-reset.md: "about the same time either way".) In-process, through
 * supertest, on a fresh SQLite file, the mail delivered to an SMTP server on loopback. Known and
 * unknown requests alternate, each with its own email and client address (no throttle applies).
 *   node --conditions=source --import tsx bench/reset-timing.ts   (RESET_TIMING_N=400 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@rested/server';
import { appOn } from '../helpers/app.js';
import { TEMPLATE, mailProject } from '../helpers/email.js';
import { startMailbox } from '../helpers/smtp.js';

const N = Number(process.env.RESET_TIMING_N ?? 400);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rested-reset-timing-'));
  const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite') });
  const mailbox = await startMailbox();
  const { app, http } = appOn(storage);
  try {
    const p = await mailProject(http, mailbox);
    const endpoint = (await storage.findEndpointByName(p.project.id, 'members'))!;
    for (let i = 0; i < N; i++) {
      await storage.createUser({ projectId: p.project.id, endpointId: endpoint.id, usernameLower: null, emailLower: `known-${i}@example.com`, passwordHash: 'x', data: { email: `known-${i}@example.com` } });
    }
    const times = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < N; i++) {
      for (const kind of ['known', 'unknown'] as const) {
        const started = process.hrtime.bigint();
        const res = await http.post(p.url({ passwordreset: 'true' })).set('X-Forwarded-For', `10.${i >> 8}.${i & 255}.${kind === 'known' ? 1 : 2}`)
          .send({ email: `${kind}-${i}@example.com`, templateName: TEMPLATE });
        if (res.status !== 202) throw new Error(`answered ${res.status} ${res.text}`);
        times[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    for (const kind of ['known', 'unknown'] as const) {
      const sorted = [...times[kind]].sort((a, b) => a - b);
      console.log(`${kind.padEnd(8)} n=${N}  median ${quantile(sorted, 0.5).toFixed(2)} ms  p90 ${quantile(sorted, 0.9).toFixed(2)} ms  p99 ${quantile(sorted, 0.99).toFixed(2)} ms`);
    }
    const median = (k: 'known' | 'unknown') => quantile([...times[k]].sort((a, b) => a - b), 0.5);
    console.log(`median known / unknown = ${(median('known') / median('unknown')).toFixed(2)}`);
    for (let i = 0; i < 200 && mailbox.messages.length < N; i++) await new Promise((r) => setTimeout(r, 50));
    console.log(`mails delivered: ${mailbox.messages.length} of ${N}`);
  } finally {
    await app.shutdown();
    await storage.close();
    await mailbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
