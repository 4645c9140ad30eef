import { expect } from 'chai';
import { request } from 'node:http';
import { forEachAdapter } from '../helpers/adapters.js';
import { TEST_QUOTAS, useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { createRecord, seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';

const ITEMS = 'shop/items';
const bytes = (data: unknown) => Buffer.byteLength(JSON.stringify(data));
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

forEachAdapter('runtime writes: records and bytes per project', (adapter) => {
  const ctx = useApp(adapter, { config: { quotas: { ...TEST_QUOTAS, recordsPerProject: 3, bytesPerProject: 1000 } } });
  let f: RuntimeFixture;
  let other: RuntimeFixture;
  const post = (fx: RuntimeFixture, name: string, body: unknown) => ctx().http.post(fx.url(name)).send(body as object);

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }] });
    other = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
  });

  it('refuses the record or end user past the record quota with 403 quota_exceeded, and takes one again after a delete', async () => {
    const first = await createRecord(ctx(), f.url(ITEMS), { n: 1 });
    await createRecord(ctx(), f.url(ITEMS), { n: 2 });
    expect((await post(f, 'members', { username: 'ada', password: 'ada-password' })).status).to.equal(201);
    const refused = await post(f, ITEMS, { n: 4 });
    expectError(refused, 403, 'quota_exceeded');
    expect(refused.body.error.message).to.match(/3 of its 3 records/);
    expectError(await post(f, 'members', { username: 'bob', password: 'bob-password' }), 403, 'quota_exceeded');
    // Another project is not affected, and this one may still change what it holds.
    await createRecord(ctx(), other.url(ITEMS), { n: 1 });
    const update = await ctx().http.put(f.url(ITEMS, { uniqueId: first.uniqueId })).send({ n: 10 });
    expect(update.status, JSON.stringify(update.body)).to.equal(200);
    expect((await ctx().http.delete(f.url(ITEMS, { uniqueId: first.uniqueId }))).status).to.equal(204);
    await createRecord(ctx(), f.url(ITEMS), { n: 5 });
    expect(await ctx().storage.projectUsage(f.project.id)).to.include({ records: 3 });
  });

  it('refuses a create or an update that grows the data past the byte quota, never one that shrinks it', async () => {
    const big = { text: 'x'.repeat(500) };
    const kept = await createRecord(ctx(), f.url(ITEMS), big);
    expectError(await post(f, ITEMS, big), 403, 'quota_exceeded');
    const grow = await ctx().http.patch(f.url(ITEMS, { uniqueId: kept.uniqueId })).send({ more: 'y'.repeat(600) });
    expectError(grow, 403, 'quota_exceeded');
    expect(grow.body.error.message).to.match(/quota of 1000 bytes/);
    await createRecord(ctx(), other.url(ITEMS), big);
    const shrink = await ctx().http.put(f.url(ITEMS, { uniqueId: kept.uniqueId })).send({ text: 'short' });
    expect(shrink.status, JSON.stringify(shrink.body)).to.equal(200);
    await createRecord(ctx(), f.url(ITEMS), big);
    expect(await ctx().storage.projectUsage(f.project.id)).to.deep.equal({ records: 2, bytes: bytes({ text: 'short' }) + bytes(big) });
  });
});

forEachAdapter('runtime writes: the rate per client address and project', (adapter) => {
  const ctx = useApp(adapter, { config: { quotas: { ...TEST_QUOTAS, writesPerMinute: 5 } } });

  it('answers 429 too_many_requests with Retry-After past the rate, for that address on that project alone', async () => {
    const f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }] });
    const other = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
    const first = await createRecord(ctx(), f.url(ITEMS), { n: 0 }, from('203.0.113.7'));
    for (let n = 1; n < 4; n++) await createRecord(ctx(), f.url(ITEMS), { n }, from('203.0.113.7'));
    const update = await ctx().http.put(f.url(ITEMS, { uniqueId: first.uniqueId })).set(from('203.0.113.7')).send({ n: 9 });
    expect(update.status).to.equal(200);
    const writes = [
      ctx().http.post(f.url(ITEMS)).set(from('203.0.113.7')).send({ n: 6 }),
      ctx().http.put(f.url(ITEMS, { uniqueId: first.uniqueId })).set(from('203.0.113.7')).send({ n: 7 }),
      ctx().http.post(f.url('members')).set(from('203.0.113.7')).send({ username: 'ada', password: 'ada-password' }),
    ];
    for (const res of await Promise.all(writes)) {
      expectError(res, 429, 'too_many_requests');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
    }
    await createRecord(ctx(), f.url(ITEMS), { n: 1 }, from('198.51.100.2'));
    await createRecord(ctx(), other.url(ITEMS), { n: 1 }, from('203.0.113.7'));
    expect((await ctx().http.get(f.url(ITEMS)).set(from('203.0.113.7'))).status, 'reads are not counted').to.equal(200);
  });
});

forEachAdapter('runtime writes: the write rate comes before the body', (adapter) => {
  it('refuses a write past the rate with 429 before its body is read, so a flood of large bodies is not read', async function () {
    this.timeout(20_000);
    const server = await startServer(adapter, { quotas: { ...TEST_QUOTAS, writesPerMinute: 2 } });
    try {
      const f = await seedRuntime(server.storage, { endpoints: [{ name: ITEMS }] });
      const post = (body: string) => fetch(`${server.url}${f.url(ITEMS)}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect((await post('{"n":1}')).status).to.equal(201);
      expect((await post('{"n":2}')).status).to.equal(201);
      // Announce 512 KiB and send none of it: only an answer that does not wait for the body can come.
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}${f.url(ITEMS)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': String(512 * 1024) } }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.flushHeaders();
        setTimeout(() => req.destroy(new Error('no answer within 5 s: the server waited for the body')), 5000).unref();
      });
      expect(status, body).to.equal(429);
      expect(JSON.parse(body).error.reason).to.equal('too_many_requests');
      expect(await server.storage.countRecords(f.endpoints[ITEMS]!.id)).to.equal(2);
    } finally {
      await server.close();
    }
  });
});
