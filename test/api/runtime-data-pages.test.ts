import { expect } from 'chai';
import type { JsonValue, RecordEnvelope } from '@rested/shared';
import { type Storage } from '@rested/server';
import { QUERY_SCAN_MAX } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { createRecord, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';

const ITEMS = 'catalog/items';

/** Writes `count` records of `creatorId` straight into storage, 500 at a time (for the data-sort bound). */
async function fill(storage: Storage, projectId: string, endpointId: string, count: number, creatorId: string | null = null): Promise<void> {
  for (let done = 0; done < count; done += 500) {
    const batch = Array.from({ length: Math.min(500, count - done) }, (_, i) => storage.createRecord({ projectId, endpointId, creatorId, data: { n: (done + i) % 97 } }));
    await Promise.all(batch);
  }
}

const BOUND_MESSAGE = /has no index.*10,000 records in range.*add "data\.[a-z.]+" to the endpoint's indexes/;

forEachAdapter('runtime data endpoints: pagination (limit, after, sort, count)', (adapter) => {
  const clock = manualClock();
  const ctx = useApp(adapter, { clock, config: { cacheTtlMs: 0 } });
  let f: RuntimeFixture;
  const url = (params: Record<string, string> = {}) => f.url(ITEMS, params);
  const ids = (body: RecordEnvelope[]) => body.map((r) => r.uniqueId);

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
  });

  /** Writes `count` records straight into storage, one millisecond apart (or all at once), oldest first. */
  const seed = async (count: number, data: (i: number) => JsonValue = (i) => ({ i }), options: { sameTime?: boolean } = {}) => {
    const made: string[] = [];
    for (let i = 0; i < count; i++) {
      if (!options.sameTime) clock.advance(1);
      const row = await ctx().storage.createRecord({ projectId: f.project.id, endpointId: f.endpoints[ITEMS]!.id, creatorId: null, data: data(i) });
      made.push(row.uniqueId);
    }
    return made;
  };

  /** Follows `after` from page to page until an empty page; answers every uniqueId in the order seen. */
  const walk = async (params: Record<string, string>, pageSize: number) => {
    const seen: string[] = [];
    for (let pages = 0; pages < 1000; pages++) {
      const cursor: Record<string, string> = seen.length > 0 ? { after: seen.at(-1)! } : {};
      const res = await ctx().http.get(url({ ...params, ...cursor, limit: String(pageSize) }));
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.length).to.be.at.most(pageSize);
      if (res.body.length === 0) return seen;
      seen.push(...ids(res.body));
    }
    throw new Error('the walk did not end');
  };

  describe('limit', () => {
    it('answers at most 100 records by default: the oldest 100', async () => {
      const made = await seed(130);
      const res = await ctx().http.get(url());
      expect(ids(res.body)).to.deep.equal(made.slice(0, 100));
    });

    it('answers up to 1000 records with limit=1000, and exactly limit records when there are more', async () => {
      const made = await seed(1003);
      expect(ids((await ctx().http.get(url({ limit: '1000' }))).body)).to.deep.equal(made.slice(0, 1000));
      expect(ids((await ctx().http.get(url({ limit: '1' }))).body)).to.deep.equal(made.slice(0, 1));
      expect(ids((await ctx().http.get(url({ limit: '7' }))).body)).to.deep.equal(made.slice(0, 7));
    });

    it('treats an empty limit as the default', async () => {
      await seed(101);
      expect((await ctx().http.get(url({ limit: '' }))).body).to.have.length(100);
    });

    for (const bad of ['1001', '0', '-1', 'abc', '1.5', '1e2', '0x10', ' 5', '99999999999']) {
      it(`refuses limit=${JSON.stringify(bad)} with 400 invalid_parameter`, async () => {
        expectError(await ctx().http.get(url({ limit: bad })), 400, 'invalid_parameter');
      });
    }
  });

  describe('after (keyset cursor)', () => {
    const orders: [string, Record<string, string>, (made: string[], prices: number[]) => string[]][] = [
      ['creation order (the default)', {}, (made) => made],
      ['sort=createdAt', { sort: 'createdAt' }, (made) => made],
      ['sort=-createdAt', { sort: '-createdAt' }, (made) => [...made].reverse()],
      ['sort=data.price, with many equal prices', { sort: 'data.price' }, (made, prices) => byPrice(made, prices, 1)],
      ['sort=-data.price, with many equal prices', { sort: '-data.price' }, (made, prices) => byPrice(made, prices, -1)],
    ];
    /** Price order; equal prices in creation order (ascending) or its reverse (descending). */
    const byPrice = (made: string[], prices: number[], dir: 1 | -1) =>
      made.map((id, i) => ({ id, i, price: prices[i]! })).sort((a, b) => dir * (a.price - b.price || a.i - b.i)).map((x) => x.id);

    for (const [order, params, expected] of orders) {
      it(`walks every record exactly once in ${order}`, async () => {
        const prices = Array.from({ length: 230 }, (_, i) => (i * 7) % 13);
        const made = await seed(230, (i) => ({ i, price: prices[i]! }));
        const seen = await walk(params, 40);
        expect(seen).to.have.length(230);
        expect(new Set(seen).size).to.equal(230);
        expect(seen).to.deep.equal(expected(made, prices));
      });
    }

    it('walks every record exactly once when many share the same creation time', async () => {
      const made = await seed(120, (i) => ({ i }), { sameTime: true });
      for (const params of [{}, { sort: '-createdAt' }] as Record<string, string>[]) {
        const seen = await walk(params, 25);
        expect([...seen].sort()).to.deep.equal([...made].sort());
        expect(new Set(seen).size).to.equal(120);
      }
    });

    it('answers the records after the cursor, not including it', async () => {
      const made = await seed(5);
      expect(ids((await ctx().http.get(url({ after: made[1]! }))).body)).to.deep.equal(made.slice(2));
      expect((await ctx().http.get(url({ after: made[4]! }))).body).to.deep.equal([]);
    });

    it('refuses a cursor that is not a uniqueId with 400 invalid_parameter', async () => {
      expectError(await ctx().http.get(url({ after: 'last-one' })), 400, 'invalid_parameter');
    });

    it('refuses a cursor naming no record (say, one deleted meanwhile) with 400, rather than an empty page that looks like the end', async () => {
      const made = await seed(5);
      expect((await ctx().http.delete(url({ uniqueId: made[1]! }))).status).to.equal(204);
      expectError(await ctx().http.get(url({ after: made[1]! })), 400, 'invalid_parameter');
      const foreign = await seedRuntime(ctx().storage, { endpoints: [{ name: 'other/items' }] });
      const elsewhere = await createRecord(ctx(), foreign.url('other/items'), { x: 1 });
      expectError(await ctx().http.get(url({ after: elsewhere.uniqueId })), 400, 'invalid_parameter');
    });
  });

  describe('sort', () => {
    it('sort=-createdAt answers the newest first', async () => {
      const made = await seed(5);
      expect(ids((await ctx().http.get(url({ sort: '-createdAt' }))).body)).to.deep.equal([...made].reverse());
    });

    it('sort=data.price orders by the number, not as text; -data.price reverses it', async () => {
      const prices = [10, 9, 100, 2.5, -3, 0];
      await seed(prices.length, (i) => ({ name: `p${i}`, price: prices[i]! }));
      const asc = (await ctx().http.get(url({ sort: 'data.price', dataOnly: 'true' }))).body.map((d: { price: number }) => d.price);
      const desc = (await ctx().http.get(url({ sort: '-data.price', dataOnly: 'true' }))).body.map((d: { price: number }) => d.price);
      expect(asc).to.deep.equal([-3, 0, 2.5, 9, 10, 100]);
      expect(desc).to.deep.equal([100, 10, 9, 2.5, 0, -3]);
    });

    it('sorts strings too, and by a nested field', async () => {
      await seed(3, (i) => ({ name: ['pear', 'apple', 'fig'][i]!, dims: { w: [3, 1, 2][i]! } }));
      const names = (sort: string) => ctx().http.get(url({ sort, dataOnly: 'true' })).then((r) => r.body.map((d: { name: string }) => d.name));
      expect(await names('data.name')).to.deep.equal(['apple', 'fig', 'pear']);
      expect(await names('-data.dims.w')).to.deep.equal(['pear', 'fig', 'apple']);
    });

    it('puts records without the field (or with null) first in ascending order and last in descending order', async () => {
      const rows: JsonValue[] = [{ price: 5 }, { other: true }, { price: 1 }, { price: null }];
      await seed(4, (i) => rows[i]!);
      const asc = (await ctx().http.get(url({ sort: 'data.price', dataOnly: 'true' }))).body;
      expect(asc.slice(2)).to.deep.equal([{ price: 1 }, { price: 5 }]);
      expect(asc.slice(0, 2)).to.have.deep.members([{ other: true }, { price: null }]);
      const desc = (await ctx().http.get(url({ sort: '-data.price', dataOnly: 'true' }))).body;
      expect(desc.slice(0, 2)).to.deep.equal([{ price: 5 }, { price: 1 }]);
    });

    for (const bad of ['price', 'data', 'data.', 'data..x', 'data.a-b', 'data.$where', 'updatedAt', '-', '--createdAt', 'createdAt,data.x', 'data.price desc']) {
      it(`refuses sort=${JSON.stringify(bad)} with 400 invalid_parameter`, async () => {
        expectError(await ctx().http.get(url({ sort: bad })), 400, 'invalid_parameter');
      });
    }
  });

  describe(`sort by a data field: only up to QUERY_SCAN_MAX (${QUERY_SCAN_MAX}) records`, () => {
    it('sorts at the bound and refuses one record past it with 400 index_required, saying what to do instead; createdAt order still works', async function () {
      this.timeout(60_000);
      expect(QUERY_SCAN_MAX).to.equal(10_000);
      const endpointId = f.endpoints[ITEMS]!.id;
      await fill(ctx().storage, f.project.id, endpointId, QUERY_SCAN_MAX);
      const atBound = await ctx().http.get(url({ sort: '-data.n', limit: '3', dataOnly: 'true' }));
      expect(atBound.status, JSON.stringify(atBound.body)).to.equal(200);
      expect(atBound.body).to.deep.equal([{ n: 96 }, { n: 96 }, { n: 96 }]);

      await fill(ctx().storage, f.project.id, endpointId, 1);
      for (const sort of ['data.n', '-data.n', 'data.missing.field']) {
        const res = await ctx().http.get(url({ sort }));
        expectError(res, 400, 'index_required');
        expect(res.body.error.message).to.match(BOUND_MESSAGE);
      }
      const withMaster = await ctx().http.get(url({ sort: 'data.n' })).set(master(f));
      expectError(withMaster, 400, 'index_required');
      await ctx().storage.updateEndpoint(endpointId, { indexes: ['data.n'] });
      const indexed = await ctx().http.get(url({ sort: '-data.n', limit: '2', dataOnly: 'true' }));
      expect(indexed.status, JSON.stringify(indexed.body)).to.equal(200);
      expect(indexed.body).to.deep.equal([{ n: 96 }, { n: 96 }]);
      for (const sort of ['createdAt', '-createdAt']) {
        const res = await ctx().http.get(url({ sort, limit: '2', count: 'true' }));
        expect(res.status).to.equal(200);
        expect(res.headers['x-total-count']).to.equal(String(QUERY_SCAN_MAX + 1));
      }
    });
  });

  describe('count', () => {
    it('adds X-Total-Count with every record of the endpoint, whatever the page size', async () => {
      await seed(12);
      for (const flag of ['true', '1', 'TRUE']) {
        const res = await ctx().http.get(url({ count: flag, limit: '5' }));
        expect(res.body).to.have.length(5);
        expect(res.headers['x-total-count']).to.equal('12');
      }
    });

    it('adds no X-Total-Count without count=true', async () => {
      await seed(2);
      for (const params of [{}, { count: 'false' }] as Record<string, string>[]) expect((await ctx().http.get(url(params))).headers).to.not.have.property('x-total-count');
    });

    it('counts 0 on an empty endpoint', async () => {
      expect((await ctx().http.get(url({ count: 'true' }))).headers['x-total-count']).to.equal('0');
    });

    it('exposes X-Total-Count to cross-origin pages', async () => {
      const res = await ctx().http.get(url({ count: 'true' })).set('Origin', 'https://app.example.com');
      expect(res.headers['access-control-expose-headers']).to.include('X-Total-Count');
    });
  });

  it('ignores limit, after and sort when uniqueIds name the records', async () => {
    const made = await seed(3);
    const res = await ctx().http.get(url({ uniqueId: made.join(','), limit: '1', sort: '-createdAt' }));
    expect(ids(res.body)).to.deep.equal(made);
  });
});

forEachAdapter('runtime data endpoints: pagination on secure endpoints', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, {
      endpoints: [{ name: 'members', auth: true }, { name: 'mine', secure: true }, { name: 'ours', secure: true, access: { readOthers: true } }],
    });
  });

  it("pages and counts only the caller's own records without readOthers, all of them with readOthers or the master key", async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
    for (const name of ['mine', 'ours']) {
      for (let i = 0; i < 7; i++) await createRecord(ctx(), f.url(name), { by: 'ada', i }, bearer(ada));
      for (let i = 0; i < 4; i++) await createRecord(ctx(), f.url(name), { by: 'bob', i }, bearer(bob));
    }
    const page = (name: string, as: Record<string, string>, params: Record<string, string> = {}) =>
      ctx().http.get(f.url(name, { count: 'true', limit: '3', dataOnly: 'true', ...params })).set(as);

    const mine = await page('mine', bearer(bob));
    expect(mine.headers['x-total-count']).to.equal('4');
    expect(mine.body.map((d: { by: string }) => d.by)).to.deep.equal(['bob', 'bob', 'bob']);
    const all = await ctx().http.get(f.url('mine', { limit: '100' })).set(bearer(bob));
    expect(all.body).to.have.length(4);
    const next = await page('mine', bearer(bob), { after: all.body[2].uniqueId });
    expect(next.body).to.deep.equal([{ by: 'bob', i: 3 }]);

    expect((await page('ours', bearer(bob))).headers['x-total-count']).to.equal('11');
    expect((await page('mine', master(f))).headers['x-total-count']).to.equal('11');
  });

  it("bounds a data-field sort by the caller's own records without readOthers, by all of them with readOthers or the master key", async function () {
    this.timeout(60_000);
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
    for (const name of ['mine', 'ours']) {
      await fill(ctx().storage, f.project.id, f.endpoints[name]!.id, QUERY_SCAN_MAX + 1, ada.id);
      await fill(ctx().storage, f.project.id, f.endpoints[name]!.id, 3, bob.id);
    }
    const sorted = (name: string, as: Record<string, string>) => ctx().http.get(f.url(name, { sort: 'data.n', dataOnly: 'true' })).set(as);

    const bobs = await sorted('mine', bearer(bob));
    expect(bobs.status, JSON.stringify(bobs.body)).to.equal(200);
    expect(bobs.body).to.deep.equal([{ n: 0 }, { n: 1 }, { n: 2 }]);
    const adas = await sorted('mine', bearer(ada));
    expectError(adas, 400, 'index_required');
    expect(adas.body.error.message).to.match(BOUND_MESSAGE);
    expectError(await sorted('ours', bearer(bob)), 400, 'index_required');
    expectError(await sorted('mine', master(f)), 400, 'index_required');
  });

  it("refuses another user's record as the cursor when the caller may not read it", async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
    const hers = await createRecord(ctx(), f.url('mine'), { by: 'ada' }, bearer(ada));
    await createRecord(ctx(), f.url('mine'), { by: 'bob' }, bearer(bob));
    expectError(await ctx().http.get(f.url('mine', { after: hers.uniqueId })).set(bearer(bob)), 400, 'invalid_parameter');
  });
});
