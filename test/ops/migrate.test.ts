import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, type Storage, type TransferKind } from '@rested/server';
import { Readable } from 'node:stream';
import { newId } from '@rested/server/testing';
import { seedAuthEndpoint, seedEndpoint, seedUser } from '../helpers/fixtures.js';
import { lastErrorLine, runCli, startCli } from '../helpers/cli.js';

const KINDS: TransferKind[] = ['owners', 'ownerSessions', 'projects', 'endpoints', 'users', 'sessions', 'records', 'emailSettings', 'emailTemplates', 'oneTimeTokens', 'auditEvents'];
/** File bytes of three file records. */
const FILES = [0, 1, 2].map((n) => Buffer.from(Array.from({ length: 100_000 + n }, (_, i) => (i * (n + 7)) % 256)));

/** The bytes of every file the store holds, by record. */
async function fileBytes(storage: Storage): Promise<Map<string, Buffer>> {
  const bytes = new Map<string, Buffer>();
  for (const record of await storage.scanRows('records', { limit: 1_000_000 })) {
    const stream = await storage.blobs.open(record);
    if (stream) bytes.set(record.uniqueId, Buffer.concat(await stream.toArray()));
  }
  return bytes;
}

const open = (dataDir: string) => openSqliteStorage({ file: join(dataDir, 'rested.sqlite') });

/** Every row of every kind, as plain JSON, in key order. */
async function everything(storage: Storage): Promise<Record<string, unknown[]>> {
  const all: Record<string, unknown[]> = {};
  for (const kind of KINDS) {
    all[kind] = JSON.parse(JSON.stringify(await storage.scanRows(kind, { limit: 1_000_000 }))) as unknown[];
  }
  return all;
}

describe('rested migrate (embedded store → another store, through the storage seam)', () => {
  let dir: string;
  let source: string;
  let target: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-migrate-'));
    source = join(dir, 'source');
    target = join(dir, 'target');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function seed(records: number): Promise<void> {
    const storage = await open(source);
    const { projectId, authId } = await seedAuthEndpoint(storage);
    const user = await seedUser(storage, projectId, authId, 'alice', 'alice@example.com');
    await storage.createSession({ projectId, endpointId: authId, userId: user.uniqueId, expiresAt: new Date(Date.now() + 3_600_000), userAgent: 'ua', ip: '::1' });
    await storage.saveEmailSettings({ projectId, from: 'app@example.com', host: 'smtp.example.com', port: 587, secure: false, user: 'app', passwordSealed: 'sealed' });
    await storage.saveEmailTemplate({ projectId, name: 'password-reset', subject: 'Reset', html: '<p>{{link}}</p>', text: null });
    await storage.issueOneTimeToken({ tokenHash: 'f'.repeat(64), purpose: 'password_reset', subjectId: user.uniqueId, projectId, endpointId: authId, expiresAt: new Date(Date.now() + 3_600_000) });
    const uploads = await seedEndpoint(storage, projectId, { files: true });
    for (const bytes of FILES) {
      const key = { projectId, endpointId: uploads.id, uniqueId: newId() };
      const staged = await storage.blobs.stage(key, Readable.from([bytes]));
      await staged.publish();
      const file = { name: 'f.bin', type: 'application/octet-stream', size: staged.size, sha256: staged.sha256 };
      await storage.createRecord({ uniqueId: key.uniqueId, projectId, endpointId: uploads.id, creatorId: null, data: { file, metadata: {} }, blobBytes: staged.size });
    }
    const endpoint = await seedEndpoint(storage, projectId);
    for (let done = 0; done < records; done += 1000) {
      await Promise.all(Array.from({ length: Math.min(1000, records - done) }, (_, i) =>
        storage.createRecord({ projectId, endpointId: endpoint.id, creatorId: user.uniqueId, data: { i: done + i, text: 'ünïcode', nested: { ok: true } } })));
    }
    await storage.close();
  }

  it('killed (SIGKILL) in the middle and run again, finishes with exact counts and checksums', async function () {
    this.timeout(120_000);
    await seed(30_000);
    const state = join(source, 'migrate-state.json');
    const first = startCli(['migrate', '--to', target, '--batch', '50'], { DATA_DIR: source });
    const killed = (async () => {
      for (;;) {
        if (existsSync(state) && /"records"/.test(readFileSync(state, 'utf8'))) return first.child.kill('SIGKILL');
        if (first.child.exitCode !== null) return false;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    const [wasKilled, run] = await Promise.all([killed, first.done]);
    expect([wasKilled, run.signal], run.stderr).to.deep.equal([true, 'SIGKILL']);
    const partial = await open(target);
    const copied = await partial.countRows('records');
    await partial.close();
    expect(copied).to.be.within(1, 30_002);

    const again = await runCli(['migrate', '--to', target, '--batch', '50'], { DATA_DIR: source });
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stderr).to.include('resuming the migration where it stopped');
    expect(again.stdout).to.equal('migrated: owners 1, ownerSessions 0, projects 1, endpoints 3, users 1, sessions 1, records 30003, emailSettings 1, emailTemplates 1, oneTimeTokens 1, auditEvents 0, files 3; counts and checksums match\n');
    expect(existsSync(state)).to.equal(false);

    const [from, to] = [await open(source), await open(target)];
    try {
      expect(await everything(to)).to.deep.equal(await everything(from));
      const copied = await fileBytes(to);
      expect([...copied.values()].sort((a, b) => a.length - b.length)).to.deep.equal(FILES);
      expect(copied).to.deep.equal(await fileBytes(from));
    } finally {
      await Promise.all([from.close(), to.close()]);
    }
  });

  it('refuses a target that holds data, the source itself as target, and no target', async function () {
    this.timeout(60_000);
    await seed(10);
    expect((await runCli(['migrate', '--to', target], { DATA_DIR: source })).code).to.equal(0);
    const full = await runCli(['migrate', '--to', target], { DATA_DIR: source });
    expect([full.code, lastErrorLine(full)]).to.deep.equal([1, 'rested: the target is not empty (owners 1, projects 1, endpoints 3, users 1, sessions 1, records 13, emailSettings 1, emailTemplates 1, oneTimeTokens 1): migrate copies into an empty store']);
    const missing = await runCli(['migrate'], { DATA_DIR: source });
    expect([missing.code, lastErrorLine(missing)]).to.deep.equal([1, 'rested: migrate needs --to <MONGODB_URI | directory>']);
    const itself = await runCli(['migrate', '--to', source], { DATA_DIR: source });
    expect([itself.code, lastErrorLine(itself)]).to.deep.equal([1, 'rested: --to names the source data directory itself']);
  });
});
