import { expect } from 'chai';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@rested/server';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

/** The names of the owner-declared indexes (rx_…) the database file holds. */
function declaredIndexes(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'rx_%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
  } finally {
    db.close();
  }
}

describe('SQLite transfer: an endpoint written whole gets the database indexes it declares', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-transfer-indexes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds them on the target when putRows writes the endpoint, and not again on a second put', async () => {
    const [sourceFile, targetFile] = [join(dir, 'a.sqlite'), join(dir, 'b.sqlite')];
    const source = await openSqliteStorage({ file: sourceFile });
    const target = await openSqliteStorage({ file: targetFile });
    try {
      const project = await seedProject(source);
      const endpoint = await seedEndpoint(source, project.id);
      await source.updateEndpoint(endpoint.id, { indexes: ['data.price', 'data.name'] });
      for (const kind of ['owners', 'projects', 'endpoints'] as const) await target.putRows(kind, (await source.scanRows(kind, { limit: 10 })) as never);
      expect(declaredIndexes(targetFile)).to.deep.equal(declaredIndexes(sourceFile)).and.to.have.length(2);
      expect(await target.putRows('endpoints', (await source.scanRows('endpoints', { limit: 10 })) as never)).to.equal(0);
      expect((await target.findEndpointById(endpoint.id))!.indexes).to.deep.equal(['data.price', 'data.name']);
    } finally {
      await Promise.all([source.close(), target.close()]);
    }
  });
});
