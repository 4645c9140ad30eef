import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, type Storage } from '@rested/server';
import { IN_PLACE_ROWS, parseWhere } from '@rested/server/testing';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

describe('SQLite: building a declared index on a large table keeps the server answering', () => {
  let dir: string;
  let file: string;
  let storage: Storage;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-index-build-'));
    file = join(dir, 'rested.sqlite');
  });

  afterEach(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds in a child process: reads are answered and the event loop stays free meanwhile, writes wait and then land', async function () {
    this.timeout(120_000);
    storage = await openSqliteStorage({ file });
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id);
    const [first] = [await storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { n: -1 } })];
    await storage.close();
    const count = Math.max(300_000, IN_PLACE_ROWS * 10);
    const db = new Database(file);
    const insert = db.prepare('INSERT INTO records (unique_id, project_id, endpoint_id, creator_id, data, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(randomBytes(16).toString('hex'), project.id, endpoint.id, `{"n":${i},"pad":"${'x'.repeat(40)}"}`, i, i);
    })();
    db.close();
    storage = await openSqliteStorage({ file });

    let built = false;
    const building = storage.updateEndpoint(endpoint.id, { indexes: ['data.n'] }).then((row) => {
      built = true;
      return row;
    });
    // The event loop: the longest gap between 5 ms ticks while the index builds.
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const [read] = await storage.findRecords(endpoint.id, [first!.uniqueId]);
    const readDuringBuild = !built;
    const indexesNow = () => {
      const reader = new Database(file, { readonly: true });
      const { n } = reader.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'rx_%'").get() as { n: number };
      reader.close();
      return n;
    };
    expect(indexesNow(), 'the build is still under way').to.equal(0);
    let indexesWhenWritten: number | undefined;
    const write = storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { n: 'late' } }).then((row) => {
      indexesWhenWritten = indexesNow();
      return row;
    });
    const row = await building;
    clearInterval(ticker);
    const written = await write;

    expect(read!.data).to.deep.equal({ n: -1 });
    expect(readDuringBuild, 'the read was answered before the build ended').to.equal(true);
    expect(indexesWhenWritten, 'the write waited for the build').to.equal(1);
    expect(longestGap, 'the event loop never stopped for long').to.be.below(200);
    expect(row!.indexes).to.deep.equal(['data.n']);
    const [stored] = await storage.findRecords(endpoint.id, [written.uniqueId]);
    expect(stored!.data).to.deep.equal({ n: 'late' });
    const found = await storage.listRecords(endpoint.id, { limit: 5, where: parseWhere('{"data.n": {"$gte": 10, "$lt": 13}}') });
    expect(found.map((r) => (r.data as { n: number }).n).sort((a, b) => a - b)).to.deep.equal([10, 11, 12]);
  });
});
