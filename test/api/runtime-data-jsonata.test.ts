import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';
import { createRecord, seedRuntime, signUpEndUser, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';

const ITEMS = 'shop/items';
const ENDLESS_RECURSION = '($f := function($x){ $f($x) }; $f(1))';
const LONG_LOOP = '[1..100000].([1..1000])';
/** Catastrophic backtracking: one evaluation step that never yields, so only killing the worker ends it. */
const REDOS = '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)';
/** Allocates past the worker's heap within its time budget. */
const MEMORY_BOMB = '$count([1..20].([1..10000000]))';
/** "Within a few seconds": the budget is 1 s, a step that never yields is killed after 2 s. */
const CUT_OFF_MS = 6000;

const PRODUCTS = [['lamp', 10], ['desk', 120], ['pen', 2.5], ['chair', 45]] as const;

forEachAdapter('runtime data endpoints: JSONata on a read', (adapter) => {
  // These requests only read, so one app serves the whole block (see useApp).
  const ctx = useApp(adapter, { shared: true });
  let f: RuntimeFixture;
  const url = (params: Record<string, string> = {}) => f.url(ITEMS, params);
  const query = (jsonata: string, params: Record<string, string> = {}) => ctx().http.get(url({ jsonata, ...params }));
  const ids: string[] = [];

  before(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
    for (const [name, price] of PRODUCTS) ids.push((await createRecord(ctx(), url(), { name, price })).uniqueId);
  });

  describe('runs on the read result, after selection and dataOnly', () => {
    const cases: [string, string, () => Record<string, string>, unknown][] = [
      ['sums a field over dataOnly results', '$sum(price)', () => ({ dataOnly: 'true' }), 177.5],
      ['sees envelopes without dataOnly', '$sum(data.price)', () => ({}), 177.5],
      ['maps and filters', '$[price > 5].name', () => ({ dataOnly: 'true' }), ['lamp', 'desk', 'chair']],
      ['builds new objects', '{"count": $count($), "names": $join(name, ",")}', () => ({ dataOnly: 'true' }), { count: 4, names: 'lamp,desk,pen,chair' }],
      ['sees the object on a single uniqueId', 'price * 2', () => ({ uniqueId: ids[1]!, dataOnly: 'true' }), 240],
      ['sees the envelope on a single uniqueId', '$keys($)', () => ({ uniqueId: ids[1]! }), ['uniqueId', 'data', 'createdAt', 'updatedAt']],
      ['sees only the named records', '$sum(price)', () => ({ uniqueId: `${ids[0]},${ids[2]}`, dataOnly: 'true' }), 12.5],
      ['sees only the page that was read', '$count($)', () => ({ limit: '2' }), 2],
      ['sees the page in its sort order', '$[0].name', () => ({ sort: '-data.price', limit: '3', dataOnly: 'true' }), 'desk'],
      ['answers a string as a JSON string', '$uppercase($[0].name)', () => ({ dataOnly: 'true' }), 'LAMP'],
      ['answers null when nothing matches', 'nothing.here', () => ({ dataOnly: 'true' }), null],
    ];
    for (const [what, expression, params, expected] of cases) {
      it(`${what}: ${expression}`, async () => {
        const res = await query(expression, params());
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.headers['content-type']).to.match(/^application\/json/);
        expect(res.body).to.deep.equal(expected);
      });
    }

    it('keeps X-Total-Count with count=true', async () => {
      const res = await query('$count($)', { count: 'true', limit: '1' });
      expect(res.body).to.equal(1);
      expect(res.headers['x-total-count']).to.equal('4');
    });

    it('ignores an empty expression', async () => {
      const res = await query('', { dataOnly: 'true', limit: '1' });
      expect(res.body).to.deep.equal([{ name: 'lamp', price: 10 }]);
    });
  });

  describe('refuses bad expressions with 400 invalid_jsonata', () => {
    const bad: [string, string][] = [
      ['a syntax error', '$sum(price'],
      ['an unclosed array', '[1, 2'],
      ['an unknown function', '$noSuchFunction(price)'],
      ['a type error', '"a" + 1'],
      ['a function as the result', 'function($x){ $x }'],
      ['an expression over 4096 characters', `${'1 + '.repeat(1100)}1`],
    ];
    for (const [what, expression] of bad) {
      it(what, async () => {
        const res = await query(expression, { dataOnly: 'true' });
        expectError(res, 400, 'invalid_jsonata');
        expect(res.body.error.message).to.match(/^JSONata: ./);
      });
    }
  });
});

forEachAdapter('runtime data endpoints: JSONata limits', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  const url = (params: Record<string, string> = {}) => f.url(ITEMS, params);
  const query = (jsonata: string, params: Record<string, string> = {}) => ctx().http.get(url({ jsonata, ...params }));
  let ids: string[];

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }, { name: 'mine', secure: true }] });
    ids = [];
    for (const [name, price] of PRODUCTS) ids.push((await createRecord(ctx(), url(), { name, price })).uniqueId);
  });

  it("sees only the records the caller may read on a secure endpoint", async () => {
    const ada = await signUpEndUser(ctx().http, f.project, 'members', { username: 'ada' });
    const bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
    await createRecord(ctx(), f.url('mine'), { n: 1 }, bearer(ada));
    await createRecord(ctx(), f.url('mine'), { n: 10 }, bearer(bob));
    const sum = (as: Record<string, string>) => ctx().http.get(f.url('mine', { jsonata: '$sum(n)', dataOnly: 'true' })).set(as);
    expect((await sum(bearer(ada))).body).to.equal(1);
    expect((await sum(master(f))).body).to.equal(11);
    expectError(await ctx().http.get(f.url('mine', { jsonata: '$sum(n)' })), 401, 'token_missing');
  });

  describe('is bounded in time and memory', () => {
    const endless: [string, string][] = [
      ['endless recursion', ENDLESS_RECURSION],
      ['a long non-recursive loop', LONG_LOOP],
      ['a regular expression that backtracks forever', REDOS],
      ['an expression that outgrows the memory of its worker', MEMORY_BOMB],
    ];
    for (const [what, expression] of endless) {
      it(`cuts off ${what} with 400 invalid_jsonata within a few seconds, and evaluates the next expression normally`, async () => {
        const started = Date.now();
        const res = await query(expression, { dataOnly: 'true' });
        expectError(res, 400, 'invalid_jsonata');
        expect(Date.now() - started).to.be.below(CUT_OFF_MS);
        expect((await query('$sum(price)', { dataOnly: 'true' })).body).to.equal(177.5);
      });
    }

    it('refuses a result larger than 8 MiB (the bound with the default 1 MiB BODY_LIMIT) with 400 invalid_jsonata', async () => {
      // [1..1200000] is about 9.4 MB of JSON; counting the same range answers a small result.
      const big = await query('[1..1200000]');
      expectError(big, 400, 'invalid_jsonata');
      expect(big.body.error.message).to.match(/larger than 8388608 bytes/);
      expect((await query('$count([1..1200000])')).body).to.equal(1_200_000);
    });

    it('keeps serving other requests to the same app promptly while an expression runs', async () => {
      // Two workers warm, so the timing below measures evaluation, not process start.
      await Promise.all([query('1'), query('2')]);
      let slowEnded = 0;
      const slow = query(ENDLESS_RECURSION).then((res) => ((slowEnded = Date.now()), res));
      await sleep(200);
      const ordinary: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await ctx().http.get(url({ uniqueId: ids[i % ids.length]! }));
        expect(res.status).to.equal(200);
        ordinary.push(Date.now());
      }
      const create = await ctx().http.post(url()).send({ name: 'lamp 2', price: 11 });
      expect(create.status).to.equal(201);
      ordinary.push(Date.now());
      const other = await query('$count($)');
      expect(other.body).to.equal(5);
      ordinary.push(Date.now());
      expect(slowEnded, 'the slow request ended before the ordinary ones').to.equal(0);
      expectError(await slow, 400, 'invalid_jsonata');
      for (const ended of ordinary) expect(ended).to.be.below(slowEnded);
    });

    it('evaluates a quick expression correctly while slow ones keep the workers busy (no slow one takes it down)', async () => {
      const slow = [LONG_LOOP, ENDLESS_RECURSION, REDOS].map((e) => query(e));
      await sleep(50);
      const quick = await query('$sum(price)', { dataOnly: 'true' });
      expect(quick.status, JSON.stringify(quick.body)).to.equal(200);
      expect(quick.body).to.equal(177.5);
      for (const res of await Promise.all(slow)) expectError(res, 400, 'invalid_jsonata');
    });
  });
});
