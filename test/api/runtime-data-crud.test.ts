import { expect } from 'chai';
import type { Response } from 'supertest';
import type { Reason } from '@rested/shared';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { createRecord, seedRuntime, storedRecords, urlWith, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError, type Answer } from '../helpers/errors.js';

const ITEMS = 'shop/items';
const ID_RE = /^[0-9a-f]{32}$/;
const LIMIT = 1024 * 1024;
/** JSON arrays nested `depth` levels deep. */
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

forEachAdapter('runtime data endpoints: create, read, update, delete', (adapter) => {
  const clock = manualClock(Date.parse('2030-01-01T00:00:00.000Z'));
  const ctx = useApp(adapter, { clock });
  let f: RuntimeFixture;
  const url = (params: Record<string, string> = {}) => f.url(ITEMS, params);
  const create = (data: unknown) => createRecord(ctx(), url(), data);
  const endpointId = () => f.endpoints[ITEMS]!.id;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
  });

  describe('POST creates a record', () => {
    const values: [string, unknown][] = [
      ['an object', { name: 'lamp', price: 12.5, tags: ['a', 'b'], nested: { deep: { x: null } } }],
      ['an array', [1, 'two', { three: 3 }, [4]]],
      ['a string', 'just a string'],
      ['a number', 42.75],
      ['true', true],
      ['false', false],
      ['null', null],
      ['an empty object', {}],
    ];
    for (const [what, value] of values) {
      it(`stores ${what} sent as application/json and answers 201 with the record`, async () => {
        const res = await ctx().http.post(url()).set('Content-Type', 'application/json').send(JSON.stringify(value));
        expect(res.status, JSON.stringify(res.body)).to.equal(201);
        expect(res.headers['content-type']).to.match(/^application\/json/);
        expect(res.body).to.have.all.keys('uniqueId', 'data', 'createdAt', 'updatedAt');
        expect(res.body.uniqueId).to.match(ID_RE);
        expect(res.body.data).to.deep.equal(value);
        expect(res.body.createdAt).to.equal(clock.now().toISOString());
        expect(res.body.updatedAt).to.equal(res.body.createdAt);
        const read = await ctx().http.get(url({ uniqueId: res.body.uniqueId }));
        expect(read.body).to.deep.equal(res.body);
      });
    }

    it('stores a text/plain body as a string, even when it looks like JSON', async () => {
      for (const text of ['hello, world', '{"a": 1}', '  spaced  ']) {
        const res = await ctx().http.post(url()).set('Content-Type', 'text/plain; charset=utf-8').send(text);
        expect(res.status).to.equal(201);
        expect(res.body.data).to.equal(text);
      }
    });

    it('accepts application/json with a charset and +json media types', async () => {
      const a = await ctx().http.post(url()).set('Content-Type', 'application/json; charset=utf-8').send('{"a":1}');
      const b = await ctx().http.post(url()).set('Content-Type', 'application/merge-patch+json').send('{"b":2}');
      expect([a.status, b.status]).to.deep.equal([201, 201]);
      expect([a.body.data, b.body.data]).to.deep.equal([{ a: 1 }, { b: 2 }]);
    });

    it('accepts JSON nested 256 levels deep (the limit)', async () => {
      const res = await ctx().http.post(url()).set('Content-Type', 'application/json').send(nested(256));
      expect(res.status).to.equal(201);
      expect(JSON.stringify(res.body.data)).to.equal(nested(256));
    });

    it('gives every record its own uniqueId', async () => {
      const ids = new Set<string>();
      for (let i = 0; i < 20; i++) ids.add((await create({ i })).uniqueId);
      expect(ids.size).to.equal(20);
    });
  });

  describe('GET reads records', () => {
    let a: string, b: string, c: string;
    beforeEach(async () => {
      a = (await create({ n: 'a' })).uniqueId;
      clock.advance(1);
      b = (await create({ n: 'b' })).uniqueId;
      clock.advance(1);
      c = (await create({ n: 'c' })).uniqueId;
    });

    it('answers every record as an array of envelopes, oldest first, without uniqueId', async () => {
      const res = await ctx().http.get(url());
      expect(res.status).to.equal(200);
      expect(res.body.map((r: { uniqueId: string }) => r.uniqueId)).to.deep.equal([a, b, c]);
      expect(res.body[1]).to.have.all.keys('uniqueId', 'data', 'createdAt', 'updatedAt');
    });

    it('answers an empty array for an endpoint without records', async () => {
      for (const id of [a, b, c]) await ctx().http.delete(url({ uniqueId: id }));
      const res = await ctx().http.get(url());
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal([]);
    });

    it('answers one uniqueId with that record as an object', async () => {
      const res = await ctx().http.get(url({ uniqueId: b }));
      expect(res.status).to.equal(200);
      expect(res.body).to.include({ uniqueId: b });
      expect(res.body.data).to.deep.equal({ n: 'b' });
    });

    const several: [string, (ids: string[], unknown: string) => string][] = [
      ['a repeated uniqueId parameter', (ids, unknown) => urlWith(f, ITEMS, {}, [...ids, unknown].map((id) => ['uniqueId', id]))],
      ['a comma list', (ids, unknown) => url({ uniqueId: [...ids, unknown].join(',') })],
      ['a comma list with spaces, mixed with a repeated parameter', (ids, unknown) => urlWith(f, ITEMS, { uniqueId: `${ids[0]}, ${unknown}` }, [['uniqueId', ids[1]!]])],
    ];
    for (const [how, build] of several) {
      it(`answers several uniqueIds given as ${how} with an array in the order asked, leaving unknown ones out`, async () => {
        const res = await ctx().http.get(build([c, a], 'f'.repeat(32)));
        expect(res.status).to.equal(200);
        expect(res.body.map((r: { uniqueId: string }) => r.uniqueId)).to.deep.equal([c, a]);
      });
    }

    it('answers several unknown uniqueIds with an empty array', async () => {
      const res = await ctx().http.get(url({ uniqueId: `${'e'.repeat(32)},${'f'.repeat(32)}` }));
      expect(res.status).to.equal(200);
      expect(res.body).to.deep.equal([]);
    });

    it('answers a uniqueId named twice once', async () => {
      const res = await ctx().http.get(url({ uniqueId: `${a},${a}` }));
      expect(res.status).to.equal(200);
      expect(res.body.map((r: { uniqueId: string }) => r.uniqueId)).to.deep.equal([a]);
    });

    for (const unknown of ['f'.repeat(32), 'not-an-id', 'ABC']) {
      it(`answers one unknown uniqueId (${unknown}) with 404 record_not_found`, async () => {
        expectError(await ctx().http.get(url({ uniqueId: unknown })), 404, 'record_not_found');
      });
    }

    it("never answers another endpoint's record, even by its uniqueId", async () => {
      const other = await seedRuntime(ctx().storage, { endpoints: [{ name: 'shop/other' }] });
      const foreign = await createRecord(ctx(), other.url('shop/other'), { secret: true });
      expectError(await ctx().http.get(url({ uniqueId: foreign.uniqueId })), 404, 'record_not_found');
    });
  });

  describe('PUT and PATCH update a record', () => {
    let id: string;
    let createdAt: string;
    beforeEach(async () => {
      ({ uniqueId: id, createdAt } = await create({ name: 'lamp', price: 10, tags: ['x'] }));
      clock.advance(5000);
    });

    const updates: [string, 'put' | 'patch', Record<string, string>, unknown, unknown][] = [
      ['PUT replaces the data by default (force)', 'put', {}, { name: 'desk' }, { name: 'desk' }],
      ['PUT strategy=force replaces it with any JSON type', 'put', { strategy: 'force' }, [1, 2], [1, 2]],
      ['PUT strategy=force may store null', 'put', { strategy: 'force' }, null, null],
      ['PUT strategy=merge merges (null deletes a key)', 'put', { strategy: 'merge' }, { price: 12, tags: null }, { name: 'lamp', price: 12 }],
      ['PUT strategy=replace replaces with a value of the same type', 'put', { strategy: 'replace' }, { other: true }, { other: true }],
      ['PUT takes the strategy in any case', 'put', { strategy: 'MERGE' }, { price: 1 }, { name: 'lamp', price: 1, tags: ['x'] }],
      ['PATCH merges', 'patch', {}, { price: 11, color: 'red' }, { name: 'lamp', price: 11, tags: ['x'], color: 'red' }],
      ['PATCH strategy=merge merges', 'patch', { strategy: 'merge' }, { price: 9 }, { name: 'lamp', price: 9, tags: ['x'] }],
    ];
    for (const [title, method, params, body, expected] of updates) {
      it(`${title}, answering 200 with the record and a later updatedAt`, async () => {
        const res = await ctx().http[method](url({ uniqueId: id, ...params })).set('Content-Type', 'application/json').send(JSON.stringify(body));
        expect(res.status, JSON.stringify(res.body)).to.equal(200);
        expect(res.body.uniqueId).to.equal(id);
        expect(res.body.data).to.deep.equal(expected);
        expect(res.body.createdAt).to.equal(createdAt);
        expect(Date.parse(res.body.updatedAt) - Date.parse(createdAt)).to.equal(5000);
        expect((await ctx().http.get(url({ uniqueId: id }))).body).to.deep.equal(res.body);
      });
    }

    it('PUT with a text/plain body stores a string', async () => {
      const res = await ctx().http.put(url({ uniqueId: id })).set('Content-Type', 'text/plain').send('now a note');
      expect(res.status).to.equal(200);
      expect(res.body.data).to.equal('now a note');
    });

    it('keeps the record count and the other records as they were', async () => {
      const other = await create({ keep: 'me' });
      await ctx().http.put(url({ uniqueId: id })).send({ replaced: true });
      const stored = await storedRecords(ctx(), endpointId());
      expect(stored.size).to.equal(2);
      expect(stored.get(other.uniqueId)).to.deep.equal({ keep: 'me' });
    });
  });

  describe('DELETE removes a record', () => {
    it('answers 204 with an empty body; then the record is gone for every operation (404)', async () => {
      const { uniqueId } = await create({ doomed: true });
      const keep = await create({ keep: true });
      const res = await ctx().http.delete(url({ uniqueId }));
      expect(res.status).to.equal(204);
      expect(res.text).to.equal('');
      expectError(await ctx().http.get(url({ uniqueId })), 404, 'record_not_found');
      expectError(await ctx().http.delete(url({ uniqueId })), 404, 'record_not_found');
      expectError(await ctx().http.put(url({ uniqueId })).send({ back: true }), 404, 'record_not_found');
      expectError(await ctx().http.patch(url({ uniqueId })).send({ back: true }), 404, 'record_not_found');
      expect([...(await storedRecords(ctx(), endpointId())).keys()]).to.deep.equal([keep.uniqueId]);
    });
  });

  describe('dataOnly=true answers data alone', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create({ n: 1 })).uniqueId;
      clock.advance(1);
      await create('second');
    });

    const cases: [string, () => Promise<{ status: number; body: unknown }>, number, unknown][] = [
      ['on create', () => ctx().http.post(url({ dataOnly: 'true' })).send({ n: 3 }), 201, { n: 3 }],
      ['on create of a text/plain string', () => ctx().http.post(url({ dataOnly: 'true' })).set('Content-Type', 'text/plain').send('txt'), 201, 'txt'],
      ['on reading all', () => ctx().http.get(url({ dataOnly: 'true' })), 200, [{ n: 1 }, 'second']],
      ['on reading one', () => ctx().http.get(url({ dataOnly: 'true', uniqueId: id })), 200, { n: 1 }],
      ['on reading several', () => ctx().http.get(url({ dataOnly: 'true', uniqueId: `${id},${'f'.repeat(32)}` })), 200, [{ n: 1 }]],
      ['on PUT', () => ctx().http.put(url({ dataOnly: 'true', uniqueId: id })).send({ n: 2 }), 200, { n: 2 }],
      ['on PATCH', () => ctx().http.patch(url({ dataOnly: 'true', uniqueId: id })).send({ m: 2 }), 200, { n: 1, m: 2 }],
      ['with dataOnly=1', () => ctx().http.get(url({ dataOnly: '1', uniqueId: id })), 200, { n: 1 }],
      ['with dataOnly=TRUE', () => ctx().http.get(url({ dataOnly: 'TRUE', uniqueId: id })), 200, { n: 1 }],
    ];
    for (const [when, send, status, expected] of cases) {
      it(when, async () => {
        const res = await send();
        expect(res.status, JSON.stringify(res.body)).to.equal(status);
        expect(res.body).to.deep.equal(expected);
      });
    }

    it('answers the envelope for any other value (dataOnly=false, yes)', async () => {
      for (const value of ['false', 'yes', '']) {
        expect((await ctx().http.get(url({ dataOnly: value, uniqueId: id }))).body).to.have.property('uniqueId', id);
      }
    });

    it('on DELETE still answers 204 with an empty body', async () => {
      const res = await ctx().http.delete(url({ dataOnly: 'true', uniqueId: id }));
      expect(res.status).to.equal(204);
      expect(res.text).to.equal('');
    });
  });

  describe('bad requests change nothing', () => {
    let id: string;
    beforeEach(async () => {
      id = (await create({ original: true })).uniqueId;
    });

    const unknown = 'f'.repeat(32);
    type Send = () => Promise<Response>;
    const json = (method: 'post' | 'put' | 'patch', params: () => Record<string, string>, raw: string, type = 'application/json'): Send =>
      () => ctx().http[method](url(params())).set('Content-Type', type).send(raw);
    const withId = () => ({ uniqueId: id });
    const cases: [string, Send, number, Reason][] = [
      ['POST with malformed JSON', json('post', () => ({}), '{"a":'), 400, 'invalid_json'],
      ['POST with whitespace as JSON', json('post', () => ({}), '   '), 400, 'invalid_json'],
      ['POST with a form body', () => ctx().http.post(url()).type('form').send({ a: '1' }), 415, 'unsupported_media_type'],
      ['POST with application/xml', json('post', () => ({}), '<a/>', 'application/xml'), 415, 'unsupported_media_type'],
      ['POST with a body but no Content-Type', () => ctx().http.post(url()).set('Content-Type', '').send(Buffer.from('{"a":1}')), 415, 'unsupported_media_type'],
      ['POST with an empty JSON body', () => ctx().http.post(url()).set('Content-Type', 'application/json'), 400, 'empty_body'],
      ['POST with an empty text/plain body', () => ctx().http.post(url()).set('Content-Type', 'text/plain'), 400, 'empty_body'],
      ['POST with no body at all', () => ctx().http.post(url()), 400, 'empty_body'],
      ['POST over the body limit', json('post', () => ({}), JSON.stringify({ blob: 'x'.repeat(LIMIT) })), 413, 'payload_too_large'],
      ['POST of text/plain over the body limit', json('post', () => ({}), 'x'.repeat(LIMIT + 1), 'text/plain'), 413, 'payload_too_large'],
      ['POST with JSON nested deeper than 256 levels', json('post', () => ({}), nested(257)), 400, 'invalid_body'],
      ['POST with JSON nested 100000 levels deep', json('post', () => ({}), `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), 400, 'invalid_body'],
      ['PUT without uniqueId', json('put', () => ({}), '{"a":1}'), 400, 'missing_unique_id'],
      ['PUT with an empty uniqueId', json('put', () => ({ uniqueId: '' }), '{"a":1}'), 400, 'missing_unique_id'],
      ['PUT with two uniqueIds', json('put', () => ({ uniqueId: `${id},${unknown}` }), '{"a":1}'), 400, 'missing_unique_id'],
      ['PATCH without uniqueId', json('patch', () => ({}), '{"a":1}'), 400, 'missing_unique_id'],
      ['DELETE without uniqueId', () => ctx().http.delete(url()), 400, 'missing_unique_id'],
      ['DELETE with two uniqueIds', () => ctx().http.delete(urlWith(f, ITEMS, { uniqueId: id }, [['uniqueId', unknown]])), 400, 'missing_unique_id'],
      ['PUT of an unknown record', json('put', () => ({ uniqueId: unknown }), '{"a":1}'), 404, 'record_not_found'],
      ['PATCH of an unknown record', json('patch', () => ({ uniqueId: unknown }), '{"a":1}'), 404, 'record_not_found'],
      ['DELETE of an unknown record', () => ctx().http.delete(url({ uniqueId: unknown })), 404, 'record_not_found'],
      ['PUT with malformed JSON', json('put', withId, '{"a":'), 400, 'invalid_json'],
      ['PATCH with malformed JSON', json('patch', withId, '[1,'), 400, 'invalid_json'],
      ['PUT with a form body', () => ctx().http.put(url(withId())).type('form').send({ a: '1' }), 415, 'unsupported_media_type'],
      ['PUT with an empty body', () => ctx().http.put(url(withId())).set('Content-Type', 'application/json'), 400, 'empty_body'],
      ['PUT over the body limit', json('put', withId, JSON.stringify({ blob: 'x'.repeat(LIMIT) })), 413, 'payload_too_large'],
      ['PATCH with JSON nested deeper than 256 levels', json('patch', withId, `${'{"a":'.repeat(300)}1${'}'.repeat(300)}`), 400, 'invalid_body'],
      ['PUT with an unknown strategy', json('put', () => ({ ...withId(), strategy: 'overwrite' }), '{"a":1}'), 400, 'invalid_strategy'],
      ['PATCH with another strategy than merge', json('patch', () => ({ ...withId(), strategy: 'force' }), '{"a":1}'), 400, 'invalid_strategy'],
      ['PATCH with a non-object body', json('patch', withId, '[1]'), 400, 'type_mismatch'],
      ['PUT strategy=replace with another JSON type', json('put', () => ({ ...withId(), strategy: 'replace' }), '"text"'), 400, 'type_mismatch'],
    ];
    it('refuses a chunked body (no Content-Length) once it passes the limit with 413, storing nothing', async () => {
      const server = createServer(ctx().app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const answer = await new Promise<Answer>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port, method: 'POST', path: url(), headers: { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' } });
          req.on('response', (res) => {
            let body = '';
            res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(body) }));
          });
          req.on('error', reject);
          const chunk = 'x'.repeat(64 * 1024);
          for (let sent = 0; sent <= LIMIT; sent += chunk.length) req.write(chunk);
          req.end();
        });
        expectError(answer, 413, 'payload_too_large');
        expect((await storedRecords(ctx(), endpointId())).size).to.equal(1);
      } finally {
        server.close();
      }
    });

    for (const [what, send, status, reason] of cases) {
      it(`refuses ${what} with ${status} ${reason}`, async () => {
        const res = await send();
        expectError(res, status, reason);
        expect(res.body.error).to.include({ code: status });
        const stored = await storedRecords(ctx(), endpointId());
        expect(stored.size).to.equal(1);
        expect(stored.get(id)).to.deep.equal({ original: true });
        const [row] = await ctx().storage.findRecords(endpointId(), [id]);
        expect(row!.updatedAt.getTime()).to.equal(row!.createdAt.getTime());
      });
    }
  });
});
