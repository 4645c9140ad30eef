import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, StorageError, systemClock, type ProjectRow } from '@rested/server';
import { createSqliteContext, sqliteStorage } from '@rested/server/testing';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

async function expectUnavailable(promise: Promise<unknown>, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error, what).to.be.instanceOf(StorageError);
    expect((error as StorageError).code, what).to.equal('unavailable');
    return;
  }
  expect.fail(`${what}: expected StorageError('unavailable')`);
}

/** Another connection in exclusive locking mode keeps every other one out, readers too, even in WAL mode. */
function lockExclusively(file: string): Database.Database {
  const locker = new Database(file);
  locker.pragma('locking_mode = EXCLUSIVE');
  locker.exec('CREATE TABLE IF NOT EXISTS lock_holder (n INTEGER); INSERT INTO lock_holder VALUES (1)');
  return locker;
}

describe('SQLite storage on a file another connection keeps locked', () => {
  let dir: string;
  let file: string;
  let project: ProjectRow;
  let endpointId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rested-locked-'));
    file = join(dir, 'rested.sqlite');
    const setup = await openSqliteStorage({ file });
    project = await seedProject(setup);
    endpointId = (await seedEndpoint(setup, project.id)).id;
    await setup.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('answers unavailable on reads as well as writes, and serves again once the lock is gone', async () => {
    const locker = lockExclusively(file);
    const storage = sqliteStorage(createSqliteContext(new Database(file, { timeout: 50 }), systemClock));
    try {
      await expectUnavailable(storage.findProjectByApiKey(project.apiKey), 'findProjectByApiKey');
      await expectUnavailable(storage.findSessionWithUser('some-session'), 'findSessionWithUser');
      await expectUnavailable(storage.listRecords(endpointId, { limit: 10 }), 'listRecords');
      await expectUnavailable(storage.countRecords(endpointId), 'countRecords');
      await expectUnavailable(storage.ping(), 'ping');
      await expectUnavailable(storage.createRecord({ projectId: project.id, endpointId, creatorId: null, data: 1 }), 'createRecord');
      locker.close();
      expect(await storage.findProjectByApiKey(project.apiKey)).to.deep.equal(project);
      expect(await storage.countRecords(endpointId)).to.equal(0);
    } finally {
      if (locker.open) locker.close();
      await storage.close();
    }
  });

  it('answers unavailable when it cannot open the file, rather than a driver error', async () => {
    const locker = lockExclusively(file);
    try {
      await expectUnavailable(openSqliteStorage({ file, busyTimeoutMs: 50 }), 'openSqliteStorage');
    } finally {
      locker.close();
    }
    const reopened = await openSqliteStorage({ file });
    expect(await reopened.findProjectById(project.id)).to.deep.equal(project);
    await reopened.close();
  });
});
