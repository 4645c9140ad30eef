import { expect } from 'chai';
import { openSqliteStorage, type Storage } from '@rested/server';
import { withLookupCache } from '@rested/server/testing';
import { manualClock } from '../helpers/clock.js';
import { seedEndpoint, seedProject } from '../helpers/fixtures.js';

describe('the gate lookup cache (storage wrapped by withLookupCache)', () => {
  /** The database itself, counting the gate's two lookups. */
  let real: Storage;
  let calls: { project: number; endpoint: number };
  const clock = manualClock();

  beforeEach(async () => {
    const opened = await openSqliteStorage({ file: ':memory:' });
    calls = { project: 0, endpoint: 0 };
    real = {
      ...opened,
      findProjectByApiKey: (key) => (calls.project++, opened.findProjectByApiKey(key)),
      findEndpointByName: (id, name) => (calls.endpoint++, opened.findEndpointByName(id, name)),
    };
  });
  afterEach(() => real.close());

  it('reads the database once per key within the time bound, then again after it', async () => {
    const project = await seedProject(real);
    const endpoint = await seedEndpoint(real, project.id, { name: 'items' });
    const cached = withLookupCache(real, { ttlMs: 2000, clock });
    for (let i = 0; i < 5; i++) {
      expect((await cached.findProjectByApiKey(project.apiKey))?.id).to.equal(project.id);
      expect((await cached.findEndpointByName(project.id, 'items'))?.id).to.equal(endpoint.id);
    }
    expect(calls).to.deep.equal({ project: 1, endpoint: 1 });
    clock.advance(2001);
    await cached.findProjectByApiKey(project.apiKey);
    expect(calls.project).to.equal(2);
  });

  it('sees a change made behind its back only after the bound', async () => {
    const project = await seedProject(real);
    const cached = withLookupCache(real, { ttlMs: 2000, clock });
    expect(await cached.findEndpointByName(project.id, 'later')).to.equal(null);
    await seedEndpoint(real, project.id, { name: 'later' }); // another instance's write
    expect(await cached.findEndpointByName(project.id, 'later')).to.equal(null);
    clock.advance(2001);
    expect(await cached.findEndpointByName(project.id, 'later')).to.not.equal(null);
  });

  // Each write a console action can make, through the wrapped storage: the next lookup must see it.
  const writes: Array<{ write: string; change: (s: Storage, ids: { projectId: string; endpointId: string }) => Promise<unknown>; apiKey: (old: string) => string; endpoint: string; expected: { project: boolean; endpoint: boolean } }> = [
    { write: 'updateProject (a new API key)', change: (s, { projectId }) => s.updateProject(projectId, { apiKey: 'f'.repeat(32) }), apiKey: () => 'f'.repeat(32), endpoint: 'items', expected: { project: true, endpoint: true } },
    { write: 'deleteProject', change: (s, { projectId }) => s.deleteProject(projectId), apiKey: (old) => old, endpoint: 'items', expected: { project: false, endpoint: false } },
    { write: 'createEndpoint', change: (s, { projectId }) => seedEndpoint(s, projectId, { name: 'fresh' }), apiKey: (old) => old, endpoint: 'fresh', expected: { project: true, endpoint: true } },
    { write: 'updateEndpoint (renamed)', change: (s, { endpointId }) => s.updateEndpoint(endpointId, { name: 'renamed' }), apiKey: (old) => old, endpoint: 'items', expected: { project: true, endpoint: false } },
    { write: 'deleteEndpoint', change: (s, { endpointId }) => s.deleteEndpoint(endpointId), apiKey: (old) => old, endpoint: 'items', expected: { project: true, endpoint: false } },
  ];
  for (const { write, change, apiKey, endpoint, expected } of writes) {
    it(`forgets what it cached as soon as ${write} is done through it`, async () => {
      const project = await seedProject(real);
      const items = await seedEndpoint(real, project.id, { name: 'items' });
      const cached = withLookupCache(real, { ttlMs: 60_000, clock });
      // Fill the cache, with a miss for `fresh` too.
      await cached.findProjectByApiKey(project.apiKey);
      await cached.findEndpointByName(project.id, 'items');
      await cached.findEndpointByName(project.id, 'fresh');
      await change(cached, { projectId: project.id, endpointId: items.id });
      expect((await cached.findProjectByApiKey(apiKey(project.apiKey))) !== null, 'project').to.equal(expected.project);
      expect((await cached.findEndpointByName(project.id, endpoint)) !== null, 'endpoint').to.equal(expected.endpoint);
    });
  }

  it('forgets the old API key when a rotation is done through it, and finds the new one', async () => {
    const project = await seedProject(real);
    const cached = withLookupCache(real, { ttlMs: 60_000, clock });
    expect(await cached.findProjectByApiKey(project.apiKey)).to.not.equal(null);
    await cached.updateProject(project.id, { apiKey: 'e'.repeat(32) });
    expect(await cached.findProjectByApiKey(project.apiKey)).to.equal(null);
    expect((await cached.findProjectByApiKey('e'.repeat(32)))?.id).to.equal(project.id);
  });

  it('does not keep a row read before a write that finished while it was being read', async () => {
    const project = await seedProject(real);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow: Storage = { ...real, findProjectByApiKey: async (key) => { const row = await real.findProjectByApiKey(key); await held; return row; } };
    const cached = withLookupCache(slow, { ttlMs: 60_000, clock });
    const inFlight = cached.findProjectByApiKey(project.apiKey);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await cached.updateProject(project.id, { apiKey: 'e'.repeat(32) });
    release();
    expect((await inFlight)?.id).to.equal(project.id);
    expect(await cached.findProjectByApiKey(project.apiKey)).to.equal(null);
  });

  it('caches unknown keys too, so random keys do not each reach the database', async () => {
    const cached = withLookupCache(real, { ttlMs: 2000, clock });
    for (let i = 0; i < 3; i++) expect(await cached.findProjectByApiKey('0'.repeat(32))).to.equal(null);
    expect(calls.project).to.equal(1);
  });
});
