import { expect } from 'chai';
import type { RequestErrorRow, Storage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { seedProject } from '../helpers/fixtures.js';

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1) + minutes * MINUTE);

forEachAdapter('storage contract: traffic', (adapter) => {
  let storage: Storage;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ storage, dispose } = await adapter.open());
  });
  afterEach(() => dispose());

  const error = (projectId: string, n: number, overrides: Partial<RequestErrorRow> = {}): RequestErrorRow => ({
    projectId, requestId: `req-${n}`, at: new Date(Date.UTC(2026, 0, 1) + n), method: 'GET', endpoint: 'items',
    status: 403, reason: 'origin_not_allowed', origin: 'https://app.example', ...overrides,
  });

  it('adds counts of the same project, minute and key up, as several processes write them', async () => {
    const { id } = await seedProject(storage);
    const write = (count: number) => storage.addTrafficCounts([{ projectId: id, minute: at(1), key: '2xx', count }, { projectId: id, minute: at(2), key: 'ms:3', count }]);
    await Promise.all([write(2), write(3), write(5)]);
    const rows = await storage.listTrafficCounts(id, at(0), at(10));
    expect(rows).to.deep.equal([
      { projectId: id, minute: at(1), key: '2xx', count: 10 },
      { projectId: id, minute: at(2), key: 'ms:3', count: 10 },
    ]);
  });

  it("lists one project's minutes in [from, to), or every project's with null", async () => {
    const a = await seedProject(storage);
    const b = await seedProject(storage);
    await storage.addTrafficCounts([0, 1, 2].map((m) => ({ projectId: a.id, minute: at(m), key: '5xx', count: 1 })));
    await storage.addTrafficCounts([{ projectId: b.id, minute: at(1), key: '4xx:missing_key', count: 4 }]);
    expect((await storage.listTrafficCounts(a.id, at(1), at(2))).map((r) => r.minute)).to.deep.equal([at(1)]);
    expect((await storage.listTrafficCounts(null, at(1), at(2))).map((r) => [r.projectId, r.key]))
      .to.have.deep.members([[a.id, '5xx'], [b.id, '4xx:missing_key']]);
  });

  it('drops minutes before a time, and the counts of a deleted project', async () => {
    const a = await seedProject(storage);
    const b = await seedProject(storage);
    await storage.addTrafficCounts([0, 1, 2].map((m) => ({ projectId: a.id, minute: at(m), key: '2xx', count: 1 })));
    await storage.addTrafficCounts([{ projectId: b.id, minute: at(5), key: '2xx', count: 1 }]);
    expect(await storage.dropTrafficBefore(at(2))).to.equal(2);
    expect((await storage.listTrafficCounts(a.id, at(0), at(10))).map((r) => r.minute)).to.deep.equal([at(2)]);
    await storage.deleteProject(b.id);
    expect(await storage.listTrafficCounts(b.id, at(0), at(10))).to.deep.equal([]);
    // Counted before the project went, written after: dropped, not an error.
    await storage.addTrafficCounts([{ projectId: b.id, minute: at(6), key: '2xx', count: 1 }]);
    await storage.addRequestErrors([error(b.id, 1)]);
    expect(await storage.listTrafficCounts(b.id, at(0), at(10))).to.deep.equal([]);
    expect(await storage.listRequestErrors(b.id, { limit: 10 })).to.deep.equal([]);
  });

  it("keeps a project's newest errors, newest first, filtered by reason and endpoint", async () => {
    const a = await seedProject(storage);
    const b = await seedProject(storage);
    await storage.addRequestErrors([error(a.id, 1), error(a.id, 2, { reason: 'missing_key', status: 403 }), error(a.id, 3, { endpoint: 'users' }), error(b.id, 4)]);
    expect((await storage.listRequestErrors(a.id, { limit: 10 })).map((e) => e.requestId)).to.deep.equal(['req-3', 'req-2', 'req-1']);
    expect(await storage.listRequestErrors(a.id, { limit: 1 })).to.deep.equal([error(a.id, 3, { endpoint: 'users' })]);
    expect((await storage.listRequestErrors(a.id, { reason: 'origin_not_allowed', limit: 10 })).map((e) => e.requestId)).to.deep.equal(['req-3', 'req-1']);
    expect((await storage.listRequestErrors(a.id, { reason: 'origin_not_allowed', endpoint: 'items', limit: 10 })).map((e) => e.requestId)).to.deep.equal(['req-1']);
    expect((await storage.listRequestErrors(b.id, { limit: 10 })).map((e) => e.requestId)).to.deep.equal(['req-4']);
  });

  it('keeps only the 200 newest errors of a project', async () => {
    const { id } = await seedProject(storage);
    await storage.addRequestErrors(Array.from({ length: 150 }, (_, n) => error(id, n)));
    await storage.addRequestErrors(Array.from({ length: 100 }, (_, n) => error(id, 150 + n)));
    const kept = await storage.listRequestErrors(id, { limit: 1000 });
    expect(kept).to.have.length(200);
    expect(kept[0]!.requestId).to.equal('req-249');
    expect(kept[199]!.requestId).to.equal('req-50');
  });
});
