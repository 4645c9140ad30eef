import { expect } from 'chai';
import { createLookupCache, openSqliteStorage, type Storage } from '@rested/server';
import { manualClock } from '../helpers/clock.js';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

describe('the gate lookup cache', () => {
  let storage: Storage;
  let calls: { project: number; endpoint: number };
  const clock = manualClock();

  beforeEach(async () => {
    const real = await openSqliteStorage({ file: ':memory:' });
    calls = { project: 0, endpoint: 0 };
    storage = {
      ...real,
      findProjectByApiKey: (key) => (calls.project++, real.findProjectByApiKey(key)),
      findEndpointByName: (id, name) => (calls.endpoint++, real.findEndpointByName(id, name)),
    };
  });
  afterEach(() => storage.close());

  it('reads the database once per key within the time bound, then again after it', async () => {
    const project = await seedProject(storage);
    const endpoint = await seedEndpoint(storage, project.id, { name: 'items' });
    const cache = createLookupCache(storage, { ttlMs: 2000, clock });
    for (let i = 0; i < 5; i++) {
      expect((await cache.findProjectByApiKey(project.apiKey))?.id).to.equal(project.id);
      expect((await cache.findEndpoint(project.id, 'items'))?.id).to.equal(endpoint.id);
    }
    expect(calls).to.deep.equal({ project: 1, endpoint: 1 });
    clock.advance(2001);
    await cache.findProjectByApiKey(project.apiKey);
    expect(calls.project).to.equal(2);
  });

  it('sees a change made elsewhere only after the bound, and at once after invalidation', async () => {
    const project = await seedProject(storage);
    const cache = createLookupCache(storage, { ttlMs: 2000, clock });
    expect(await cache.findEndpoint(project.id, 'later')).to.equal(null);
    await seedEndpoint(storage, project.id, { name: 'later' });
    expect(await cache.findEndpoint(project.id, 'later')).to.equal(null);
    cache.invalidateProject(project.id);
    expect(await cache.findEndpoint(project.id, 'later')).to.not.equal(null);

    expect(await cache.findProjectByApiKey(project.apiKey)).to.not.equal(null);
    await storage.updateProject(project.id, { apiKey: 'f'.repeat(32) });
    expect(await cache.findProjectByApiKey(project.apiKey)).to.not.equal(null);
    cache.invalidateProject(project.id);
    expect(await cache.findProjectByApiKey(project.apiKey)).to.equal(null);
    expect((await cache.findProjectByApiKey('f'.repeat(32)))?.id).to.equal(project.id);
  });

  it('does not keep a row read before an invalidation that happened while it was being read', async () => {
    const project = await seedProject(storage);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Storage = { ...storage, findProjectByApiKey: async (key) => { const row = await storage.findProjectByApiKey(key); await gate; return row; } };
    const cache = createLookupCache(slow, { ttlMs: 2000, clock });
    const inFlight = cache.findProjectByApiKey(project.apiKey);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await storage.updateProject(project.id, { apiKey: 'e'.repeat(32) });
    cache.invalidateProject(project.id);
    release();
    expect((await inFlight)?.id).to.equal(project.id);
    expect(await cache.findProjectByApiKey(project.apiKey)).to.equal(null);
  });

  it('caches unknown keys too, so random keys do not each reach the database', async () => {
    const cache = createLookupCache(storage, { ttlMs: 2000, clock });
    for (let i = 0; i < 3; i++) expect(await cache.findProjectByApiKey('0'.repeat(32))).to.equal(null);
    expect(calls.project).to.equal(1);
  });
});
