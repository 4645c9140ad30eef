import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStorage, type PageQuery, type Storage } from '@rested/server';
import { parseWhere, sqlitePageStatement } from '@rested/server/testing';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

/** What SQLite's planner does with a page's statement: EXPLAIN QUERY PLAN, on the database file itself. */
function plan(file: string, endpointId: string, query: PageQuery, declared: string[] = ['data.age']): string {
  const { sql, params } = sqlitePageStatement('records', endpointId, query, declared, ['unique_id', 'data', 'created_at']);
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('\n');
  } finally {
    db.close();
  }
}

describe('SQLite: owner-declared indexes serve where and sort (EXPLAIN QUERY PLAN)', () => {
  let dir: string;
  let file: string;
  let storage: Storage;
  let endpointId: string;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rested-plan-'));
    file = join(dir, 'rested.sqlite');
    storage = await openSqliteStorage({ file });
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id);
    endpointId = endpoint.id;
    for (let i = 0; i < 50; i++) await storage.createRecord({ projectId: project.id, endpointId, creatorId: null, data: { age: i, email: `u${i}@example.com` } });
    await storage.updateEndpoint(endpointId, { indexes: ['data.age'] });
    await storage.close();
    storage = await openSqliteStorage({ file });
  });

  afterEach(async () => {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const page = (where: object | undefined, sort?: PageQuery['sort']): PageQuery => ({ limit: 10, where: where && parseWhere(JSON.stringify(where)), sort });

  it('uses the index for equality, ranges, $in and a sort on the indexed field, and not for another field', () => {
    for (const where of [{ 'data.age': 30 }, { 'data.age': { $gte: 18, $lt: 65 } }, { 'data.age': { $in: [1, 2, 3] } }]) {
      expect(plan(file, endpointId, page(where)), JSON.stringify(where)).to.match(/USING INDEX rx_[0-9a-f]{32}_/);
    }
    for (const direction of ['asc', 'desc'] as const) {
      const sorted = plan(file, endpointId, page(undefined, { field: 'data.age', direction }));
      expect(sorted).to.match(/USING INDEX rx_/);
      expect(sorted, 'the index gives the order: no sorting step').to.not.match(/USE TEMP B-TREE FOR ORDER BY/);
    }
    expect(plan(file, endpointId, page({ 'data.email': 'u1@example.com' }))).to.not.match(/rx_/);
    const paged = plan(file, endpointId, { ...page(undefined, { field: 'data.age', direction: 'asc' }), after: 'f'.repeat(32) });
    expect(paged, 'a later page starts the index scan at the cursor').to.match(/SEARCH .*USING INDEX rx_[0-9a-f_]+ \(<expr>>\?\)/);
  });

  it('answers the same records through the index as the filter means, and drops the index when the setting no longer lists it', async () => {
    const adults = await storage.listRecords(endpointId, page({ 'data.age': { $gte: 45 } }));
    expect(adults.map((r) => (r.data as { age: number }).age).sort()).to.deep.equal([45, 46, 47, 48, 49]);
    await storage.updateEndpoint(endpointId, { indexes: [] });
    expect(plan(file, endpointId, page({ 'data.age': 30 }), (await storage.findEndpointById(endpointId))!.indexes)).to.not.match(/rx_/);
    const db = new Database(file, { readonly: true });
    const left = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'rx_%'").get() as { n: number };
    db.close();
    expect(left.n).to.equal(0);
  });

  it('drops the indexes of a deleted endpoint', async () => {
    await storage.deleteEndpoint(endpointId);
    const db = new Database(file, { readonly: true });
    const left = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name LIKE 'rx_%'").get() as { n: number };
    db.close();
    expect(left.n).to.equal(0);
  });
});
