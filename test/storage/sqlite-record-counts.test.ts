import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, type Storage } from '@rested/server';
import { oldDatabase } from '../helpers/old-database.js';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

type Counts = Record<string, number>;

/** What the triggers keep, and what a full count of the records says: they must always agree. */
function readCounts(file: string): { kept: Counts; actual: Counts; orphans: number } {
  const db = new Database(file, { readonly: true });
  try {
    const table = (sql: string) =>
      Object.fromEntries((db.prepare(sql).all() as { id: string; n: number }[]).map((r) => [r.id, r.n])) as Counts;
    return {
      kept: table('SELECT endpoint_id AS id, n FROM endpoint_record_counts WHERE n <> 0'),
      actual: table('SELECT endpoint_id AS id, count(*) AS n FROM records GROUP BY endpoint_id'),
      orphans: (db.prepare('SELECT count(*) AS n FROM endpoint_record_counts WHERE endpoint_id NOT IN (SELECT id FROM endpoints)').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('SQLite record counts (endpoint_record_counts, kept by triggers)', () => {
  let dir: string;
  let file: string;
  let storage: Storage | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-sqlite-counts-'));
    file = join(dir, 'rested.sqlite');
  });
  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('agree with the records through creates, deletes, an endpoint delete and a project delete, leaving no stale row', async () => {
    const s = (storage = await openSqliteStorage({ file }));
    const [p1, p2] = [await seedProject(s), await seedProject(s)];
    const [a, b, c] = [await seedEndpoint(s, p1.id), await seedEndpoint(s, p1.id), await seedEndpoint(s, p2.id)];
    const create = (projectId: string, endpointId: string, i: number) => s.createRecord({ projectId, endpointId, creatorId: null, data: i });
    const inA = await Promise.all(Array.from({ length: 30 }, (_, i) => create(p1.id, a.id, i)));
    for (let i = 0; i < 7; i++) await create(p1.id, b.id, i);
    for (let i = 0; i < 4; i++) await create(p2.id, c.id, i);
    for (const r of inA.slice(0, 10)) await s.deleteRecord(a.id, r.uniqueId);
    expect(readCounts(file)).to.deep.equal({ kept: { [a.id]: 20, [b.id]: 7, [c.id]: 4 }, actual: { [a.id]: 20, [b.id]: 7, [c.id]: 4 }, orphans: 0 });

    await s.deleteEndpoint(b.id);
    expect(readCounts(file)).to.deep.equal({ kept: { [a.id]: 20, [c.id]: 4 }, actual: { [a.id]: 20, [c.id]: 4 }, orphans: 0 });

    await s.deleteProject(p1.id);
    expect(readCounts(file)).to.deep.equal({ kept: { [c.id]: 4 }, actual: { [c.id]: 4 }, orphans: 0 });
  });

  it('stay right when an endpoint with records goes, whether or not the cascade fires the delete trigger', async () => {
    // SQLite runs ON DELETE CASCADE as a statement of its own, which fires the triggers of the child
    // table; the count row goes by its own cascade. Either order must leave no row and no error.
    const s = (storage = await openSqliteStorage({ file }));
    const project = await seedProject(s);
    const endpoint = await seedEndpoint(s, project.id);
    for (let i = 0; i < 5; i++) await s.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: i });
    expect(await s.deleteEndpoint(endpoint.id)).to.equal(true);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM endpoint_record_counts').get()).to.deep.equal({ n: 0 });
      expect(db.pragma('foreign_key_check')).to.deep.equal([]);
    } finally {
      db.close();
    }
  });

  it('are backfilled by the migration for records written before it', async () => {
    // A database as the release before this migration left it: schema version 1 and some records.
    const now = Date.now();
    const old = oldDatabase(file, 1, now);
    old.exec(`
      INSERT INTO endpoints VALUES ('e1', 'p', 'one', '', 0, 0, 0, 0, 0, ${now}, ${now});
      INSERT INTO endpoints VALUES ('e2', 'p', 'two', '', 0, 1, 0, 0, 0, ${now}, ${now});
      INSERT INTO endpoints VALUES ('e3', 'p', 'empty', '', 0, 0, 0, 0, 0, ${now}, ${now});
    `);
    const insert = old.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (let i = 0; i < 12; i++) insert.run(`r1-${i}`, 'p', 'e1', null, String(i), now + i, now + i);
    for (let i = 0; i < 5; i++) insert.run(`r2-${i}`, 'p', 'e2', i % 2 ? 'u1' : 'u2', String(i), now + i, now + i);
    old.close();

    const s = (storage = await openSqliteStorage({ file }));
    expect([await s.countRecords('e1'), await s.countRecords('e2'), await s.countRecords('e3')]).to.deep.equal([12, 5, 0]);
    expect(await s.countRecords('e2', { creatorId: 'u2' })).to.equal(3);
    // And kept from then on.
    await s.createRecord({ projectId: 'p', endpointId: 'e3', creatorId: null, data: 1 });
    await s.deleteRecord('e1', 'r1-0');
    expect([await s.countRecords('e1'), await s.countRecords('e3')]).to.deep.equal([11, 1]);
    await s.close();
    storage = undefined;
    expect(readCounts(file)).to.deep.include({ orphans: 0 });
    const { kept, actual } = readCounts(file);
    expect(kept).to.deep.equal(actual);
  });
});
