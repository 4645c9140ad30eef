import { expect } from 'chai';
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage, openStorage, StorageError } from '@rested/server';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

/** Bytes 18 and 19 of an SQLite file header: the file format versions, 2 and 2 in WAL mode. */
function formatVersions(file: string): [number, number] {
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(20);
    readSync(fd, header, 0, 20, 0);
    expect(header.subarray(0, 16).toString('latin1')).to.equal('SQLite format 3\0');
    return [header[18]!, header[19]!];
  } finally {
    closeSync(fd);
  }
}

describe('SQLite storage file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-sqlite-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in DATA_DIR/rested.sqlite, creating the directory, and answers ping', async () => {
    const dataDir = join(dir, 'not', 'yet', 'there');
    const storage = await openStorage({ dataDir });
    expect(storage.kind).to.equal('sqlite');
    await storage.ping();
    await seedProject(storage);
    expect(existsSync(join(dataDir, 'rested.sqlite'))).to.equal(true);
    await storage.close();
    await storage.close(); // closing twice is harmless
  });

  it('runs in WAL mode', async () => {
    const file = join(dir, 'rested.sqlite');
    const storage = await openSqliteStorage({ file });
    await seedProject(storage);
    expect(existsSync(`${file}-wal`)).to.equal(true);
    await storage.close();
    expect(formatVersions(file)).to.deep.equal([2, 2]);
  });

  it('applies its migrations once: reopening an existing file keeps every row', async () => {
    const file = join(dir, 'rested.sqlite');
    const first = await openSqliteStorage({ file });
    const project = await seedProject(first);
    const endpoint = await seedEndpoint(first, project.id, { name: 'kept/items' });
    const record = await first.createRecord({ projectId: project.id, endpointId: endpoint.id, creatorId: null, data: { kept: true } });
    await first.close();

    for (let i = 0; i < 2; i++) {
      const again = await openSqliteStorage({ file });
      expect((await again.findProjectByApiKey(project.apiKey))?.id).to.equal(project.id);
      expect((await again.findEndpointByName(project.id, 'kept/items'))?.id).to.equal(endpoint.id);
      expect((await again.findRecords(endpoint.id, [record.uniqueId])).map((r) => r.data)).to.deep.equal([{ kept: true }]);
      await again.close();
    }
  });

  it('reports a write that refers to a missing row as a not_found storage error, not a driver error', async () => {
    const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite') });
    try {
      await storage.createRecord({ projectId: 'p', endpointId: 'no-such-endpoint', creatorId: null, data: 1 });
      expect.fail('expected a StorageError');
    } catch (error) {
      expect(error).to.be.instanceOf(StorageError);
      expect((error as StorageError).code).to.equal('not_found');
    } finally {
      await storage.close();
    }
  });
});
