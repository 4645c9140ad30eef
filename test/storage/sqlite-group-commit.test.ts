import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, StorageError } from '@rested/server';
import { createWriteQueue, MAX_GROUP, translateSqliteError } from '@rested/server/testing';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

/**
 * SQLite's group commit (storage/sqlite/context.ts): writes of one event-loop turn share one
 * transaction. The queue passes driver errors on as they are; the store's seam translates them.
 */
describe('SQLite group commit', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;
  let other: Database.Database;
  let queue: ReturnType<typeof createWriteQueue>;

  const insert = (id: string) => () => db.prepare('INSERT INTO t (id) VALUES (?)').run(id).changes;
  const ids = (conn: Database.Database) => (conn.prepare('SELECT id FROM t ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const settled = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-group-commit-'));
    file = join(dir, 'test.sqlite');
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 50');
    db.exec('CREATE TABLE t (id TEXT PRIMARY KEY)');
    other = new Database(file);
    queue = createWriteQueue(db);
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits the writes of one turn in one transaction, and settles none before that commit', async () => {
    const seenByOther: string[][] = [];
    const writes = ['a', 'b', 'c'].map((id) =>
      queue.write(() => {
        insert(id)();
        seenByOther.push(ids(other)); // another connection sees only committed rows
        return ids(db);
      }),
    );
    const results = await Promise.all(writes);
    // Inside the group each write saw the ones before it, uncommitted; the other connection saw none.
    expect(results).to.deep.equal([['a'], ['a', 'b'], ['a', 'b', 'c']]);
    expect(seenByOther).to.deep.equal([[], [], []]);
    expect(ids(other)).to.deep.equal(['a', 'b', 'c']);
  });

  it('rolls back a failing write alone and keeps the others of its group', async () => {
    await queue.write(insert('taken'));
    const outcomes = await Promise.all([
      settled(queue.write(insert('first'))),
      settled(queue.write(() => {
        insert('half-written')();
        throw new Error('changed its mind');
      })),
      settled(queue.write(insert('taken'))),
      settled(queue.write(insert('last'))),
    ]);
    expect(outcomes[0]).to.deep.equal({ value: 1 });
    expect((outcomes[1] as { error: Error }).error.message).to.equal('changed its mind');
    const conflict = (outcomes[2] as { error: Error & { code: string } }).error;
    expect(conflict).to.be.instanceOf(Database.SqliteError);
    expect(conflict.code).to.equal('SQLITE_CONSTRAINT_PRIMARYKEY');
    const translated = translateSqliteError(conflict);
    expect(translated).to.be.instanceOf(StorageError);
    expect(translated).to.include({ code: 'conflict', field: 'id' });
    expect(outcomes[3]).to.deep.equal({ value: 1 });
    expect(ids(other)).to.deep.equal(['first', 'last', 'taken']);
  });

  it('fails every write of a group, and keeps none, when its transaction cannot commit', async () => {
    other.exec('BEGIN IMMEDIATE'); // another connection holds the write lock past the busy timeout
    const outcomes = await Promise.all([settled(queue.write(insert('x'))), settled(queue.write(insert('y')))]);
    other.exec('ROLLBACK');
    for (const outcome of outcomes) {
      const error = (outcome as { error: Error & { code: string } }).error;
      expect(error).to.be.instanceOf(Database.SqliteError);
      expect(error.code).to.equal('SQLITE_BUSY');
      const translated = translateSqliteError(error);
      expect(translated).to.be.instanceOf(StorageError);
      expect(translated).to.include({ code: 'unavailable' });
    }
    expect(ids(other)).to.deep.equal([]);
    await queue.write(insert('after')); // the queue goes on once the lock is free
    expect(ids(other)).to.deep.equal(['after']);
  });

  it(`commits a long queue in groups of ${MAX_GROUP}, letting the event loop run between them`, async () => {
    let ran = 0;
    const writes = Array.from({ length: MAX_GROUP * 2 + 50 }, (_, i) =>
      queue.write(() => {
        ran++;
        return insert(`r${i}`)();
      }),
    );
    const ranAtNextTurn = await new Promise<number>((resolve) => setImmediate(() => resolve(ran)));
    expect(ranAtNextTurn).to.equal(MAX_GROUP);
    await Promise.all(writes);
    expect(ran).to.equal(MAX_GROUP * 2 + 50);
    expect(ids(other)).to.have.length(MAX_GROUP * 2 + 50);
  });

  it('commits writes still queued when the storage closes', async () => {
    const storageFile = join(dir, 'rested.sqlite');
    const storage = await openSqliteStorage({ file: storageFile });
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id);
    const pending = storage.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { kept: true } });
    await storage.close(); // before the queued write's turn has come
    const created = await pending;

    const reopened = await openSqliteStorage({ file: storageFile });
    const [found] = await reopened.findRecords(endpoint.id, [created.uniqueId]);
    expect(found?.data).to.deep.equal({ kept: true });
    await reopened.close();
  });
});
