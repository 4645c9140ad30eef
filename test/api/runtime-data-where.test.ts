import { expect } from 'chai';
import type { Storage } from '@rested/server';
import { QUERY_SCAN_MAX } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { createRecord, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';

const PEOPLE = 'people';

/** `count` records straight into storage, 500 at a time: data {age: i % 100, i}. */
async function fill(storage: Storage, f: RuntimeFixture, count: number, creatorId: string | null = null): Promise<void> {
  const endpointId = f.endpoints[PEOPLE]!.id;
  for (let done = 0; done < count; done += 500) {
    const batch = Array.from({ length: Math.min(500, count - done) }, (_, k) =>
      storage.createRecord({ projectId: f.project.id, endpointId, creatorId, data: { age: (done + k) % 100, i: done + k } }));
    await Promise.all(batch);
  }
}

const where = (query: unknown) => ({ where: JSON.stringify(query) });

forEachAdapter('runtime data endpoints: where, over the whole endpoint', (adapter) => {
  // No lookup cache: the tests declare indexes straight in storage between requests.
  const ctx = useApp(adapter, { config: { cacheTtlMs: 0 } });
  let f: RuntimeFixture;
  const url = (params: Record<string, string> = {}) => f.url(PEOPLE, params);

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: PEOPLE }, { name: 'members', auth: true }, { name: 'mine', secure: true }] });
  });

  it('filters in the database across every record, not one page: count, limit and the next-page headers follow the filter', async () => {
    await fill(ctx().storage, f, 250);
    const adults = where({ 'data.age': { $gte: 18 } });
    const first = await ctx().http.get(url({ ...adults, count: 'true', limit: '100', dataOnly: 'true' }));
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.headers['x-total-count']).to.equal('196'); // 82 of each 100, and 32 of the last 50
    expect(first.body).to.have.length(100);
    expect(first.body.every((d: { age: number }) => d.age >= 18)).to.equal(true);
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).to.match(/^[0-9a-f]{32}$/);
    const link: string = /^<([^>]+)>; rel="next"$/.exec(String(first.headers.link))![1]!;
    expect(new URL(link, 'http://x').searchParams.get('where')).to.equal(adults.where);
    const seen: number[] = first.body.map((d: { i: number }) => d.i);
    let next: string | undefined = link;
    while (next) {
      const res = await ctx().http.get(next);
      expect(res.status).to.equal(200);
      seen.push(...res.body.map((d: { i: number }) => d.i));
      next = res.headers.link ? /^<([^>]+)>/.exec(res.headers.link)![1] : undefined;
      if (!next) expect(res.headers).to.not.have.property('x-next-cursor');
    }
    expect(seen).to.have.length(196);
    expect(new Set(seen).size).to.equal(196);
  });

  it('combines where with sort on a data field, in both directions', async () => {
    for (const age of [30, 5, 41, 17, 30, 22]) await createRecord(ctx(), url(), { age });
    const asc = await ctx().http.get(url({ ...where({ 'data.age': { $gt: 10, $ne: 41 } }), sort: 'data.age', dataOnly: 'true' }));
    expect(asc.body.map((d: { age: number }) => d.age)).to.deep.equal([17, 22, 30, 30]);
    const desc = await ctx().http.get(url({ ...where({ $or: [{ 'data.age': 5 }, { 'data.age': 41 }] }), sort: '-data.age', dataOnly: 'true' }));
    expect(desc.body.map((d: { age: number }) => d.age)).to.deep.equal([41, 5]);
  });

  const INVALID: Array<[string, string, RegExp]> = [
    ['not JSON', '{data.age: 1}', /not valid JSON/],
    ['not an object', '[1]', /must be a JSON object/],
    ['an unknown operator', '{"data.age": {"$regex": "^a"}}', /\$regex is not an operator.*no regular expressions/],
    ['$where', '{"$where": "this.age > 1"}', /\$where is not an operator here/],
    ['a field outside the envelope', '{"creatorId": "x"}', /"creatorId" is not a field of a record/],
    ['a path with a dash', '{"data.first-name": "x"}', /"data.first-name" is not a field/],
    ['$gt null', '{"data.age": {"$gt": null}}', /data\.age\.\$gt takes a number, a string or a boolean/],
    ['$in not an array', '{"data.age": {"$in": 5}}', /\$in takes an array/],
    ['$size negative', '{"data.tags": {"$size": -1}}', /\$size takes a whole number/],
    ['$exists not boolean', '{"data.tags": {"$exists": 1}}', /\$exists takes true or false/],
    ['an object compared whole', '{"data.address": {"city": "Oslo"}}', /whole objects are not compared/],
    ['an array compared whole', '{"data.tags": ["a", "b"]}', /whole arrays and objects are not compared/],
    ['an empty $or', '{"$or": []}', /\$or takes a non-empty array/],
    ['$not with a value', '{"data.age": {"$not": 5}}', /\$not takes an object of operators/],
    ['a bad time', '{"createdAt": {"$gt": "yesterday"}}', /takes ISO times/],
    ['$startsWith on uniqueId', '{"uniqueId": {"$startsWith": "a"}}', /uniqueId takes only/],
    ['more than 4 KiB', JSON.stringify({ 'data.s': 'x'.repeat(4100) }), /longer than 4096 bytes/],
    ['deeper than 8 levels', '{"$and":[{"$and":[{"$and":[{"$and":[{"data.a":{"$not":{"$not":{"$gt":1}}}}]}]}]}]}', /deeper than 8/],
    ['more than 50 conditions', JSON.stringify(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`data.f${i}`, i]))), /more than 50 field conditions/],
    ['more than 100 $in values', JSON.stringify({ 'data.a': { $in: Array.from({ length: 101 }, (_, i) => i) } }), /more than 100 values/],
  ];
  for (const [what, raw, message] of INVALID) {
    it(`refuses ${what} with 400 invalid_where, naming the offending part`, async () => {
      const res = await ctx().http.get(url({ where: raw }));
      expectError(res, 400, 'invalid_where');
      expect(res.body.error.message).to.match(/^where: /).and.match(message);
    });
  }

  it('takes 100 $in values and 50 conditions (the limits themselves)', async () => {
    await createRecord(ctx(), url(), { a: 7, f0: 0 });
    const hundred = await ctx().http.get(url(where({ 'data.a': { $in: Array.from({ length: 100 }, (_, i) => i) } })));
    expect(hundred.body).to.have.length(1);
    const fifty = await ctx().http.get(url(where(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`data.f${i}`, { $exists: i === 0 }])))));
    expect(fifty.status, JSON.stringify(fifty.body)).to.equal(200);
    expect(fifty.body).to.have.length(1);
  });

  it("never widens a secure endpoint: a user's where only ever narrows their own records, and count counts those", async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
    for (const who of [ada, ada, bob]) await createRecord(ctx(), f.url('mine'), { owner: who === ada ? 'ada' : 'bob' }, bearer(who));
    for (const query of [{}, { $or: [{ uniqueId: { $ne: '' } }, { 'data.owner': 'ada' }] }, { 'data.owner': 'ada' }, { $nor: [{ 'data.owner': 'bob' }] }]) {
      const res = await ctx().http.get(f.url('mine', { ...where(query), count: 'true', dataOnly: 'true' })).set(bearer(bob));
      expect(res.status).to.equal(200);
      expect(res.body.every((d: { owner: string }) => d.owner === 'bob'), JSON.stringify(query)).to.equal(true);
      expect(Number(res.headers['x-total-count'])).to.equal(res.body.length);
    }
    const all = await ctx().http.get(f.url('mine', { ...where({ 'data.owner': 'ada' }), count: 'true' })).set(master(f));
    expect(all.headers['x-total-count']).to.equal('2');
  });

  it('runs JSONata without limit over every record in range (after where), and with limit over that page', async () => {
    await fill(ctx().storage, f, 300);
    const count = await ctx().http.get(url({ jsonata: '$count($)' }));
    expect(count.status, JSON.stringify(count.body)).to.equal(200);
    expect(count.body).to.equal(300);
    expect(count.headers).to.not.have.property('x-next-cursor');
    const adults = await ctx().http.get(url({ jsonata: '$count($[data.age >= 18])' }));
    expect(adults.body).to.equal(246);
    const filtered = await ctx().http.get(url({ ...where({ 'data.age': 99 }), jsonata: '$sum(data.i)' }));
    expect(filtered.body).to.equal(99 + 199 + 299);
    const paged = await ctx().http.get(url({ jsonata: '$count($)', limit: '10' }));
    expect(paged.body).to.equal(10);
    expect(paged.headers['x-next-cursor']).to.match(/^[0-9a-f]{32}$/);
  });

  it(`refuses JSONata without limit past ${QUERY_SCAN_MAX} records with 400 too_many_records, and a filter or sort on an unindexed field with 400 index_required until the field is indexed`, async function () {
    this.timeout(120_000);
    await fill(ctx().storage, f, QUERY_SCAN_MAX + 1);
    const tooMany = await ctx().http.get(url({ jsonata: '$count($)' }));
    expectError(tooMany, 400, 'too_many_records');
    expect(tooMany.body.error.message).to.match(/at most 10,000.*where.*limit/);
    expect((await ctx().http.get(url({ ...where({ createdAt: { $gt: '2000-01-01' } }), limit: '1' }))).status).to.equal(200);
    for (const params of [where({ 'data.age': 5 }), { sort: 'data.age' }, where({ updatedAt: { $gt: '2000-01-01' } })]) {
      const res = await ctx().http.get(url(params));
      expectError(res, 400, 'index_required');
      expect(res.body.error.message).to.match(/(data\.age|updatedAt) has no index/);
    }
    await ctx().storage.updateEndpoint(f.endpoints[PEOPLE]!.id, { indexes: ['data.age'] });
    const indexed = await ctx().http.get(url({ ...where({ 'data.age': 5 }), count: 'true', limit: '3', sort: '-data.age' }));
    expect(indexed.status, JSON.stringify(indexed.body)).to.equal(200);
    expect(indexed.headers['x-total-count']).to.equal('100');
    const narrowed = await ctx().http.get(url({ ...where({ 'data.age': 5 }), jsonata: '$count($)' }));
    expect(narrowed.body).to.equal(100);
  });

  it('honours where, count, sort and jsonata on the master-key user list of an auth endpoint', async () => {
    for (const [username, age] of [['ada', 36], ['bob', 17], ['cy', 52]] as const) {
      await signUpEndUser(ctx().http, f.project, 'members', { username, age });
    }
    const list = await ctx().http.get(f.url('members', { ...where({ 'data.age': { $gte: 18 } }), count: 'true', sort: '-data.age', dataOnly: 'true' })).set(master(f));
    expect(list.status, JSON.stringify(list.body)).to.equal(200);
    expect(list.headers['x-total-count']).to.equal('2');
    expect(list.body.map((u: { age: number }) => u.age)).to.deep.equal([52, 36]);
    const names = await ctx().http.get(f.url('members', { jsonata: '$sort(data.username)' })).set(master(f));
    expect(names.body).to.deep.equal(['ada', 'bob', 'cy']);
    expectError(await ctx().http.get(f.url('members', where({ 'data.age': { $bad: 1 } }))).set(master(f)), 400, 'invalid_where');
  });
});
