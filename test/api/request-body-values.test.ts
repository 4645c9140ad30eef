import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';
import { upload } from '../helpers/uploads.js';

const ITEMS = 'items';
/** `[{},{},…]` with `values` values in all (the array and its empty objects). */
const emptyObjects = (values: number) => `[${Array(values - 1).fill('{}').join(',')}]`;

forEachAdapter('request bodies: at most 100,000 JSON values', (adapter) => {
  const ctx = useApp(adapter, { shared: true });
  let f: RuntimeFixture;
  before(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }] });
  });
  const post = (name: string, body: string) => ctx().http.post(f.url(name)).set('Content-Type', 'application/json').send(body);
  const stored = async () => (await ctx().storage.listRecords(f.endpoints[ITEMS]!.id, { limit: 1000 })).length;

  it('refuses the 1 MiB [{},{},…] of the review (349,525 empty objects, 21 MB once parsed) with 413, storing nothing', async () => {
    const body = emptyObjects(349_526);
    expect(body.length).to.equal(1024 * 1024);
    const before = await stored();
    const res = await post(ITEMS, body);
    expectError(res, 413, 'payload_too_large');
    expect(res.body.error.message).to.match(/100,000 values/);
    expect(await stored()).to.equal(before);
  });

  it('takes exactly 100,000 values, and refuses 100,001, counting scalars and nested values alike', async () => {
    expect((await post(ITEMS, emptyObjects(100_000))).status).to.equal(201);
    expectError(await post(ITEMS, emptyObjects(100_001)), 413, 'payload_too_large');
    const nested = JSON.stringify({ a: Array(49_998).fill(1), b: { c: Array(49_997).fill('s') } }); // 1 + 1 + 49,998 + 1 + 1 + 49,997 = 99,998
    expect((await post(ITEMS, nested)).status).to.equal(201);
    expectError(await post(ITEMS, JSON.stringify({ a: Array(49_999).fill(1), b: { c: Array(50_000).fill(null) } })), 413, 'payload_too_large');
  });

  it('holds registrations to the same bound', async () => {
    const body = JSON.stringify({ username: 'many', password: 'long-enough-password', tags: Array(100_000).fill(0) });
    expectError(await post('members', body), 413, 'payload_too_large');
  });
});

forEachAdapter('request bodies: the values counted as the bytes arrive', (adapter) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let f: RuntimeFixture;
  beforeEach(async () => {
    // A budget that holds one such body at a time: a refused body must give its share back.
    server = await startServer(adapter, { bodyLimitBytes: 1024 * 1024, bodyBudgetBytes: 1024 * 1024 });
    f = await seedRuntime(server.storage, { endpoints: [{ name: ITEMS }] });
  });
  afterEach(() => server.close());

  it('refuses a body of too many values with 413 as soon as its bytes show it, before the rest is sent, storing nothing', async () => {
    const body = Buffer.from(emptyObjects(300_000)); // ≈ 900 KiB; the 100,001st value comes at ≈ 300 KiB
    const sending = upload(server.url + f.url(ITEMS), body.length);
    sending.send(body.subarray(0, 400 * 1024)); // the rest is never sent
    const res = await sending.answer;
    expectError(res, 413, 'payload_too_large');
    expect((res.body as { error: { message: string } }).error.message).to.match(/100,000 values/);
    expect(res.headers.connection, 'the unread rest is not taken for the next request').to.equal('close');
    expect(await server.storage.listRecords(f.endpoints[ITEMS]!.id, { limit: 10 })).to.have.length(0);
    const next = await fetch(server.url + f.url(ITEMS), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: emptyObjects(90_000) });
    expect(next.status, 'the next body fits the budget again').to.equal(201);
  });

  it('answers such bodies one after the other on a client that keeps its connections alive', async () => {
    const body = emptyObjects(300_000);
    for (let i = 0; i < 3; i++) {
      const res = await fetch(server.url + f.url(ITEMS), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      expect(res.status, `request ${i + 1}`).to.equal(413);
      expect(((await res.json()) as { error: { reason: string } }).error.reason).to.equal('payload_too_large');
    }
    const after = await fetch(server.url + f.url(ITEMS), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' });
    expect(after.status).to.equal(201);
  });
});
