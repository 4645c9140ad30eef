import { expect } from 'chai';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { createRecord, seedRuntime, storedRecords, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';

const ITEMS = 'items';

forEachAdapter('runtime data endpoints: update strategies', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
  });

  /** Stores `stored`, sends `sent` with the method and strategy, answers the response. */
  const update = async (stored: unknown, sent: unknown, method: 'put' | 'patch', strategy?: string) => {
    const { uniqueId } = await createRecord(ctx(), f.url(ITEMS), stored);
    const params: Record<string, string> = { uniqueId, ...(strategy === undefined ? {} : { strategy }) };
    const res = await ctx().http[method](f.url(ITEMS, params)).set('Content-Type', 'application/json').send(JSON.stringify(sent));
    const after = (await storedRecords(ctx(), f.endpoints[ITEMS]!.id)).get(uniqueId);
    return { res, after };
  };

  describe('merge (PUT strategy=merge, and PATCH): JSON Merge Patch, RFC 7396', () => {
    const cases: [string, unknown, unknown, unknown][] = [
      ['adds and replaces top-level keys', { a: 1, b: 2 }, { b: 3, c: 4 }, { a: 1, b: 3, c: 4 }],
      ['deletes a key sent as null', { a: 1, b: 2 }, { b: null }, { a: 1 }],
      ['ignores null for a key that does not exist', { a: 1 }, { zzz: null }, { a: 1 }],
      ['merges nested objects deeply', { user: { name: 'Ada', address: { city: 'London', zip: 'N1' } } }, { user: { address: { city: 'Paris' } } }, { user: { name: 'Ada', address: { city: 'Paris', zip: 'N1' } } }],
      ['deletes a nested key sent as null', { user: { name: 'Ada', age: 36 } }, { user: { age: null } }, { user: { name: 'Ada' } }],
      ['replaces arrays instead of merging them', { tags: ['a', 'b', 'c'], list: [{ x: 1 }] }, { tags: ['z'], list: [{ y: 2 }] }, { tags: ['z'], list: [{ y: 2 }] }],
      ['replaces an object by a scalar and a scalar by an object', { a: { deep: 1 }, b: 5 }, { a: 'flat', b: { now: 'object' } }, { a: 'flat', b: { now: 'object' } }],
      ['drops nulls inside a new nested object', { a: 1 }, { b: { c: null, d: 2 } }, { a: 1, b: { d: 2 } }],
      ['leaves the record as it was for an empty patch', { a: 1, b: [1] }, {}, { a: 1, b: [1] }],
    ];
    for (const [what, stored, sent, expected] of cases) {
      for (const [method, strategy] of [['put', 'merge'], ['patch', undefined]] as const) {
        it(`${what} (${method.toUpperCase()}${strategy ? ` strategy=${strategy}` : ''})`, async () => {
          const { res, after } = await update(stored, sent, method, strategy);
          expect(res.status, JSON.stringify(res.body)).to.equal(200);
          expect(res.body.data).to.deep.equal(expected);
          expect(after).to.deep.equal(expected);
        });
      }
    }

    const mismatches: [string, unknown, unknown][] = [
      ['the stored value is an array', [1, 2], { a: 1 }],
      ['the stored value is a string', 'text', { a: 1 }],
      ['the stored value is null', null, { a: 1 }],
      ['the sent value is an array', { a: 1 }, [1]],
      ['the sent value is a number', { a: 1 }, 7],
      ['the sent value is null', { a: 1 }, null],
    ];
    for (const [what, stored, sent] of mismatches) {
      it(`refuses with 400 type_mismatch when ${what}, changing nothing`, async () => {
        for (const [method, strategy] of [['put', 'merge'], ['patch', undefined]] as const) {
          const { res, after } = await update(stored, sent, method, strategy);
          expectError(res, 400, 'type_mismatch');
          expect(after).to.deep.equal(stored);
        }
      });
    }

    it('refuses a text/plain body (a string) with 400 type_mismatch', async () => {
      const { uniqueId } = await createRecord(ctx(), f.url(ITEMS), { a: 1 });
      expectError(await ctx().http.patch(f.url(ITEMS, { uniqueId })).set('Content-Type', 'text/plain').send('x'), 400, 'type_mismatch');
    });
  });

  it('applies concurrent PATCHes of one record one after another, losing none', async () => {
    const { uniqueId } = await createRecord(ctx(), f.url(ITEMS), { start: true });
    const server = createServer(ctx().app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // Every request has been read up to its body (so each has loaded the record) before any body is complete.
    const bodies = Array.from({ length: 20 }, (_, i) => JSON.stringify({ [`k${i}`]: i }));
    const requests = bodies.map((body) => {
      const req = request({ host: '127.0.0.1', port, method: 'PATCH', path: f.url(ITEMS, { uniqueId }), headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } });
      req.write(body.slice(0, 2));
      return { req, done: new Promise<number>((resolve) => req.on('response', (res) => (res.resume(), resolve(res.statusCode!)))) };
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    requests.forEach(({ req }, i) => req.end(bodies[i]!.slice(2)));
    expect(await Promise.all(requests.map((r) => r.done))).to.deep.equal(Array(20).fill(200));
    server.close();
    const stored = (await storedRecords(ctx(), f.endpoints[ITEMS]!.id)).get(uniqueId) as Record<string, unknown>;
    expect(Object.keys(stored)).to.have.length(21);
  });

  describe('replace (PUT strategy=replace): only with the same JSON type', () => {
    const same: [string, unknown, unknown][] = [
      ['an object by an object (no merging)', { a: 1, b: 2 }, { c: 3 }],
      ['an array by an array', [1, 2, 3], ['x']],
      ['a string by a string', 'old', 'new'],
      ['a number by a number', 1, 2.5],
      ['a boolean by a boolean', true, false],
      ['null by null', null, null],
    ];
    for (const [what, stored, sent] of same) {
      it(`replaces ${what}`, async () => {
        const { res, after } = await update(stored, sent, 'put', 'replace');
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.data).to.deep.equal(sent);
        expect(after).to.deep.equal(sent);
      });
    }

    const different: [string, unknown, unknown][] = [
      ['an object by an array', { a: 1 }, [1]],
      ['an array by an object', [1], { a: 1 }],
      ['a number by a numeric string', 1, '1'],
      ['a string by a number', '1', 1],
      ['a boolean by a string', true, 'true'],
      ['null by an object', null, {}],
      ['an object by null', { a: 1 }, null],
    ];
    for (const [what, stored, sent] of different) {
      it(`refuses to replace ${what} with 400 type_mismatch, changing nothing`, async () => {
        const { res, after } = await update(stored, sent, 'put', 'replace');
        expectError(res, 400, 'type_mismatch');
        expect(after).to.deep.equal(stored);
      });
    }
  });

  describe('force (PUT default)', () => {
    it('replaces the value whatever its type, and force is the default', async () => {
      for (const strategy of [undefined, 'force', 'FORCE']) {
        const { res, after } = await update({ a: 1 }, ['now', 'an', 'array'], 'put', strategy);
        expect(res.status).to.equal(200);
        expect(after).to.deep.equal(['now', 'an', 'array']);
      }
    });
  });

  describe('invalid strategies', () => {
    for (const strategy of ['overwrite', 'patch', 'merge ', '1']) {
      it(`refuses strategy=${JSON.stringify(strategy)} with 400 invalid_strategy, changing nothing`, async () => {
        const { res, after } = await update({ a: 1 }, { b: 2 }, 'put', strategy);
        expectError(res, 400, 'invalid_strategy');
        expect(after).to.deep.equal({ a: 1 });
      });
    }

    it('treats an empty strategy as none', async () => {
      const { res } = await update({ a: 1 }, { b: 2 }, 'put', '');
      expect(res.status).to.equal(200);
      expect(res.body.data).to.deep.equal({ b: 2 });
    });

    for (const strategy of ['force', 'replace']) {
      it(`refuses PATCH with strategy=${strategy}: PATCH always merges`, async () => {
        const { res, after } = await update({ a: 1 }, { b: 2 }, 'patch', strategy);
        expectError(res, 400, 'invalid_strategy');
        expect(after).to.deep.equal({ a: 1 });
      });
    }
  });
});

forEachAdapter('runtime data endpoints: prototype pollution', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
  });
  afterEach(() => {
    expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').to.equal(undefined);
    expect(Object.prototype).to.not.have.property('polluted');
  });

  const PROTO = '{"__proto__":{"polluted":"yes"},"name":"x"}';
  const CONSTRUCTOR = '{"constructor":{"prototype":{"polluted":"yes"}},"name":"x"}';
  const NESTED = '{"a":{"__proto__":{"polluted":"yes"}},"name":"x"}';
  const send = (method: 'post' | 'put' | 'patch', params: Record<string, string>, raw: string) =>
    ctx().http[method](f.url(ITEMS, params)).set('Content-Type', 'application/json').send(raw);

  /** The record as stored and as read back, each compared with the JSON text it should equal. */
  const expectPlainData = async (uniqueId: string, json: string) => {
    const read = await ctx().http.get(f.url(ITEMS, { uniqueId, dataOnly: 'true' }));
    expect(JSON.stringify(read.body)).to.equal(json);
    const stored = (await storedRecords(ctx(), f.endpoints[ITEMS]!.id)).get(uniqueId) as object;
    expect(JSON.stringify(stored)).to.equal(json);
    expect(Object.getPrototypeOf(stored)).to.equal(Object.prototype);
  };

  for (const [what, raw] of [['__proto__', PROTO], ['constructor.prototype', CONSTRUCTOR], ['a nested __proto__', NESTED]] as const) {
    it(`stores a ${what} key as plain data on create`, async () => {
      const res = await send('post', {}, raw);
      expect(res.status).to.equal(201);
      expect(JSON.stringify(res.body.data)).to.equal(raw);
      await expectPlainData(res.body.uniqueId, raw);
    });

    it(`stores a ${what} key as plain data on PUT (force)`, async () => {
      const { uniqueId } = await createRecord(ctx(), f.url(ITEMS), { before: true });
      const res = await send('put', { uniqueId }, raw);
      expect(res.status).to.equal(200);
      await expectPlainData(uniqueId, raw);
    });

    it(`merges a ${what} key as plain data on PATCH`, async () => {
      const { uniqueId } = await createRecord(ctx(), f.url(ITEMS), { before: true });
      const res = await send('patch', { uniqueId }, raw);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      const expected = JSON.stringify({ before: true, ...JSON.parse(raw) });
      expect(JSON.stringify(res.body.data)).to.equal(expected);
      await expectPlainData(uniqueId, expected);
    });
  }

  it('merges into a stored __proto__ key and deletes it with null, never touching prototypes', async () => {
    const created = await send('post', {}, PROTO);
    const { uniqueId } = created.body;
    const merged = await send('patch', { uniqueId }, '{"__proto__":{"more":1}}');
    expect(JSON.stringify(merged.body.data)).to.equal('{"__proto__":{"polluted":"yes","more":1},"name":"x"}');
    const removed = await send('patch', { uniqueId }, '{"__proto__":null}');
    expect(JSON.stringify(removed.body.data)).to.equal('{"name":"x"}');
    await expectPlainData(uniqueId, '{"name":"x"}');
  });

  it('answers JSONata over such records with plain data too', async () => {
    await send('post', {}, PROTO);
    const res = await ctx().http.get(f.url(ITEMS, { dataOnly: 'true', jsonata: '$[0].__proto__' }));
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body).to.deep.equal({ polluted: 'yes' });
  });
});
