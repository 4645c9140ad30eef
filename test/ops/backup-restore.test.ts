import { expect } from 'chai';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { openSqliteStorage, type Storage } from '@rested/server';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';
import { lastErrorLine, runCli } from '../helpers/cli.js';

/** Every uniqueId of the records the store in `dataDir` holds. */
async function recordIds(dataDir: string): Promise<Set<string>> {
  const storage = await openSqliteStorage({ file: join(dataDir, 'rested.sqlite') });
  try {
    const ids = new Set<string>();
    let after: string | undefined;
    for (let rows; (rows = await storage.scanRows('records', { after, limit: 5000 })).length > 0; after = rows.at(-1)!.uniqueId) {
      for (const row of rows) ids.add(row.uniqueId);
    }
    return ids;
  } finally {
    await storage.close();
  }
}

describe('rested backup / restore', () => {
  let dir: string;
  let data: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-backup-'));
    data = join(dir, 'data');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function seeded(records = 3): Promise<void> {
    const storage = await openSqliteStorage({ file: join(data, 'rested.sqlite') });
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id);
    for (let i = 0; i < records; i++) await storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { i } });
    await storage.close();
  }

  it('a backup taken while a writer creates records at full speed restores every record acknowledged before it began, and passes the integrity check', async function () {
    this.timeout(60_000);
    const storage: Storage = await openSqliteStorage({ file: join(data, 'rested.sqlite') });
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id);
    const acknowledged: Array<{ id: string; at: number }> = [];
    let writing = true;
    const writer = async () => {
      while (writing) {
        const record = await storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { at: Date.now(), pad: 'x'.repeat(200) } });
        acknowledged.push({ id: record.uniqueId, at: performance.now() });
      }
    };
    const writers = Array.from({ length: 32 }, writer);
    while (acknowledged.length < 2000) await new Promise((r) => setTimeout(r, 5));

    const began = performance.now();
    const backup = await runCli(['backup', join(dir, 'b.tar.gz')], { DATA_DIR: data });
    const ended = performance.now();
    writing = false;
    await Promise.all(writers);
    await storage.close();
    expect(backup.code, backup.stderr).to.equal(0);
    expect(acknowledged.filter((a) => a.at > began && a.at < ended).length, 'writes went on during the backup').to.be.greaterThan(100);

    const restored = join(dir, 'restored');
    const restore = await runCli(['restore', join(dir, 'b.tar.gz')], { DATA_DIR: restored });
    expect(restore.code, restore.stderr).to.equal(0);
    expect(restore.stdout).to.match(/integrity check ok/);
    const ids = await recordIds(restored);
    const before = acknowledged.filter((a) => a.at < began);
    expect(before.filter((a) => !ids.has(a.id)), 'acknowledged before the backup began, missing from it').to.deep.equal([]);
    expect(backup.stdout).to.match(new RegExp(`records ${ids.size}\\b`));
  });

  it('keeps DATA_DIR/files and the secret byte for byte, and prints the archive size and counts', async () => {
    await seeded(3);
    mkdirSync(join(data, 'files', 'p1'), { recursive: true });
    const blob = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    writeFileSync(join(data, 'files', 'p1', 'blob'), blob);
    writeFileSync(join(data, 'secret'), 's'.repeat(64));
    const backup = await runCli(['backup', join(dir, 'b.tar.gz')], { DATA_DIR: data });
    expect(backup.code, backup.stderr).to.equal(0);
    expect(backup.stdout).to.match(/^backup .*b\.tar\.gz \(\d+(\.\d)? KiB\): owners 1, ownerSessions 0, projects 1, endpoints 1, users 0, sessions 0, records 3, emailSettings 0, emailTemplates 0, oneTimeTokens 0, auditEvents 0, files 1 \(68\.4 KiB\)\n$/);
    expect(statSync(join(dir, 'b.tar.gz')).mode & 0o777).to.equal(0o600);

    const restored = join(dir, 'restored');
    const restore = await runCli(['restore', join(dir, 'b.tar.gz')], { DATA_DIR: restored });
    expect(restore.code, restore.stderr).to.equal(0);
    expect(readFileSync(join(restored, 'files', 'p1', 'blob')).equals(blob)).to.equal(true);
    expect(readFileSync(join(restored, 'secret'), 'utf8')).to.equal('s'.repeat(64));
    expect((await recordIds(restored)).size).to.equal(3);
  });

  it('refuses a DATA_DIR that is not empty unless --force, which replaces its database', async () => {
    await seeded(2);
    expect((await runCli(['backup', join(dir, 'b.tar.gz')], { DATA_DIR: data })).code).to.equal(0);
    const other = join(dir, 'other');
    mkdirSync(other);
    writeFileSync(join(other, 'keep.txt'), 'mine');
    const refused = await runCli(['restore', join(dir, 'b.tar.gz')], { DATA_DIR: other });
    expect(refused.code).to.equal(1);
    expect(lastErrorLine(refused)).to.match(/^rested: .*other is not empty: .*--force/);
    expect(refused.stderr).not.to.match(/\n\s+at /);
    expect(readdirSync(other)).to.deep.equal(['keep.txt']);

    const forced = await runCli(['restore', '--force', join(dir, 'b.tar.gz')], { DATA_DIR: other });
    expect(forced.code, forced.stderr).to.equal(0);
    expect((await recordIds(other)).size).to.equal(2);
    expect(readFileSync(join(other, 'keep.txt'), 'utf8')).to.equal('mine');
  });

  it('refuses a cut archive, leaving DATA_DIR as it was', async () => {
    await seeded(50);
    expect((await runCli(['backup', join(dir, 'b.tar.gz')], { DATA_DIR: data })).code).to.equal(0);
    truncateSync(join(dir, 'b.tar.gz'), Math.floor(statSync(join(dir, 'b.tar.gz')).size / 2));
    const restored = join(dir, 'restored');
    const run = await runCli(['restore', join(dir, 'b.tar.gz')], { DATA_DIR: restored });
    expect(run.code).to.equal(1);
    expect(lastErrorLine(run)).to.match(/^rested: .*is not a readable rested backup/);
    expect(existsSync(join(restored, 'rested.sqlite'))).to.equal(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('.rested-'))).to.deep.equal([]);
  });

  it('refuses an archive with a name outside DATA_DIR, writing nothing outside it', async () => {
    const pack = tar.pack();
    pack.entry({ name: 'manifest.json' }, '{}');
    pack.entry({ name: '../escaped.txt' }, 'gotcha');
    pack.finalize();
    await pipeline(pack, createGzip(), createWriteStream(join(dir, 'evil.tar.gz')));
    const restored = join(dir, 'restored');
    const run = await runCli(['restore', join(dir, 'evil.tar.gz')], { DATA_DIR: restored });
    expect(run.code).to.equal(1);
    expect(lastErrorLine(run)).to.equal(`rested: ${join(dir, 'evil.tar.gz')} is not a rested backup: it holds "../escaped.txt"`);
    expect(existsSync(join(dir, 'escaped.txt'))).to.equal(false);
  });

  it('never overwrites an existing file, and says when DATA_DIR holds no database', async () => {
    writeFileSync(join(dir, 'taken'), 'x');
    await seeded(1);
    const taken = await runCli(['backup', join(dir, 'taken')], { DATA_DIR: data });
    expect([taken.code, lastErrorLine(taken)]).to.deep.equal([1, `rested: ${join(dir, 'taken')} exists already: backup never overwrites a file`]);
    expect(readFileSync(join(dir, 'taken'), 'utf8')).to.equal('x');
    const none = await runCli(['backup', join(dir, 'b.tar.gz')], { DATA_DIR: join(dir, 'nothing') });
    expect([none.code, lastErrorLine(none)]).to.deep.equal([1, `rested: there is no rested database in ${join(dir, 'nothing')} (set DATA_DIR or --data-dir)`]);
  });
});
