import { expect } from 'chai';
import type { RecordEnvelope } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newEndpoint, newProject, signUpOwner } from '../helpers/console.js';
import { sleep } from '../helpers/fixtures.js';
import { expectError } from '../helpers/errors.js';
import { master } from '../helpers/headers.js';
import { seedRuntime, urlWith, type RuntimeFixture } from '../helpers/runtime.js';

const ITEMS = 'catalog/items';
/** Records of exactly 100 bytes of stored JSON: a string of 98 characters. */
const hundredBytes = (i: number) => String(i).padStart(98, '0');
/** The budget of these tests: two such records and a half. */
const BUDGET = 250;

/** The URL in a `Link: <url>; rel="next"` header. */
const nextLink = (link: string | undefined) => /^<([^>]+)>; rel="next"$/.exec(link ?? '')?.[1];

forEachAdapter('runtime and console pages: the byte budget (PAGE_BUDGET) and the next-page cursor', (adapter) => {
  const ctx = useApp(adapter, { config: { pageBudgetBytes: BUDGET } });
  let f: RuntimeFixture;
  let made: string[];

  const seed = async (endpointId: string, count: number) => {
    made = [];
    for (let i = 0; i < count; i++) {
      made.push((await ctx().storage.createRecord({ projectId: f.project.id, endpointId, creatorId: null, data: hundredBytes(i) })).uniqueId);
      await sleep(2);
    }
  };

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }] });
  });

  it('ends a page at the budget, then says where the next starts: X-Next-Cursor and Link rel="next"', async () => {
    await seed(f.endpoints[ITEMS]!.id, 5);
    const res = await ctx().http.get(f.url(ITEMS, { limit: '1000', dataOnly: 'true' }));
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal([hundredBytes(0), hundredBytes(1)]);
    expect(res.headers['x-next-cursor']).to.equal(made[1]);
    const link = new URL(nextLink(res.headers.link)!, 'http://x');
    expect(link.pathname).to.equal(`/api/1/ce/${ITEMS}`);
    expect(Object.fromEntries(link.searchParams)).to.deep.equal({ key: f.project.apiKey, limit: '1000', dataOnly: 'true', after: made[1] });
  });

  it('walks every record once by following Link, and the last page carries neither header', async () => {
    await seed(f.endpoints[ITEMS]!.id, 5);
    const seen: string[] = [];
    let url: string | undefined = f.url(ITEMS, { limit: '1000' });
    let pages = 0;
    while (url !== undefined && pages++ < 10) {
      const res = await ctx().http.get(url);
      expect(res.status).to.equal(200);
      seen.push(...(res.body as RecordEnvelope[]).map((r) => r.uniqueId));
      url = nextLink(res.headers.link);
      expect(res.headers['x-next-cursor']).to.equal(url === undefined ? undefined : seen.at(-1));
    }
    expect(seen).to.deep.equal(made);
    expect(pages).to.equal(3);
  });

  it('gives the cursor when the limit ends the page, not when the page is exactly the rest', async () => {
    await seed(f.endpoints[ITEMS]!.id, 3);
    const one = await ctx().http.get(f.url(ITEMS, { limit: '1', sort: '-createdAt' }));
    expect(one.headers['x-next-cursor']).to.equal(made[2]);
    expect(nextLink(one.headers.link)).to.include('sort=-createdAt').and.include(`after=${made[2]}`);
    const rest = await ctx().http.get(f.url(ITEMS, { limit: '2', after: made[0]! }));
    expect(rest.body).to.have.length(2);
    expect(rest.headers).to.not.have.any.keys('x-next-cursor', 'link');
  });

  it('always answers one record, even one larger than the budget', async () => {
    const big = await ctx().storage.createRecord({ projectId: f.project.id, endpointId: f.endpoints[ITEMS]!.id, creatorId: null, data: 'x'.repeat(1000) });
    await sleep(2); // a later createdAt: records of the same millisecond are ordered by their random uniqueId
    await ctx().storage.createRecord({ projectId: f.project.id, endpointId: f.endpoints[ITEMS]!.id, creatorId: null, data: 1 });
    const res = await ctx().http.get(f.url(ITEMS));
    expect(res.body.map((r: RecordEnvelope) => r.uniqueId)).to.deep.equal([big.uniqueId]);
    expect(res.headers['x-next-cursor']).to.equal(big.uniqueId);
  });

  it('holds records asked for by uniqueId to the same budget: 400 past it, one record whatever its size', async () => {
    await seed(f.endpoints[ITEMS]!.id, 3);
    const byIds = (ids: string[]) => ctx().http.get(urlWith(f, ITEMS, { dataOnly: 'true' }, ids.map((id) => ['uniqueId', id])));
    expect((await byIds(made.slice(0, 2))).body).to.deep.equal([hundredBytes(0), hundredBytes(1)]);
    const over = await byIds(made);
    expectError(over, 400, 'invalid_parameter');
    expect(over.body.error.message).to.match(/page budget of 250 bytes/);
    const big = await ctx().storage.createRecord({ projectId: f.project.id, endpointId: f.endpoints[ITEMS]!.id, creatorId: null, data: 'x'.repeat(1000) });
    expect((await byIds([big.uniqueId])).status).to.equal(200);
  });

  it('leaves a master key given in the query out of the link', async () => {
    const members = f.endpoints.members!;
    for (let i = 0; i < 3; i++) {
      await ctx().storage.createUser({ projectId: f.project.id, endpointId: members.id, usernameLower: `u${i}`, emailLower: null, passwordHash: 'x', data: { username: `u${i}`, bio: hundredBytes(i) } });
      await sleep(2);
    }
    const res = await ctx().http.get(f.url('members', { masterKey: f.masterKey, limit: '10' }));
    expect(res.status).to.equal(200);
    expect(res.body.map((u: RecordEnvelope) => (u.data as { username: string }).username)).to.deep.equal(['u0', 'u1']);
    expect(res.headers['x-next-cursor']).to.equal(res.body[1].uniqueId);
    const link = nextLink(res.headers.link)!;
    expect(link).to.not.include(f.masterKey).and.not.include('masterKey');
    const next = await ctx().http.get(link).set(master(f));
    expect(next.body.map((u: RecordEnvelope) => (u.data as { username: string }).username)).to.deep.equal(['u2']);
    expect(next.headers).to.not.have.any.keys('x-next-cursor', 'link');
  });

  it('lets a page of another origin read both headers (CORS)', async () => {
    await seed(f.endpoints[ITEMS]!.id, 3);
    const res = await ctx().http.get(f.url(ITEMS)).set('Origin', 'https://app.example');
    expect(res.headers['x-next-cursor']).to.equal(made[1]);
    const exposed = String(res.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).to.include.members(['X-Next-Cursor', 'Link']);
  });

  it('ends the console data browser\'s pages at the same budget, with its next cursor', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
    f = { ...f, project: { ...f.project, id: project.id } };
    await seed(notes.id, 3);
    const base = `${C}/projects/${project.id}/endpoints/${notes.id}/records`;
    const first = await ctx().http.get(`${base}?limit=1000`).set(owner.auth);
    expect(first.body.items.map((r: RecordEnvelope) => r.uniqueId)).to.deep.equal(made.slice(0, 2));
    expect(first.body.next).to.equal(made[1]);
    const second = await ctx().http.get(`${base}?limit=1000&after=${first.body.next}`).set(owner.auth);
    expect(second.body).to.deep.include({ next: null, total: 3 });
    expect(second.body.items.map((r: RecordEnvelope) => r.uniqueId)).to.deep.equal(made.slice(2));
  });
});

forEachAdapter('runtime pages of large records (written from their stored bytes, in slices)', (adapter) => {
  const ctx = useApp(adapter);

  it('answer every record whole, with a Content-Length that matches', async () => {
    const f = await seedRuntime(ctx().storage, { endpoints: [{ name: ITEMS }] });
    const endpointId = f.endpoints[ITEMS]!.id;
    const large = (i: number) => ({ i, text: `ü🎉 ${i} `.repeat(20_000) }); // ≈ 200 KB each
    for (let i = 0; i < 6; i++) {
      await ctx().storage.createRecord({ projectId: f.project.id, endpointId, creatorId: null, data: large(i) });
      await sleep(2);
    }
    const res = await ctx().http.get(f.url(ITEMS, { limit: '1000' }));
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/json/);
    expect(Number(res.headers['content-length'])).to.equal(Buffer.byteLength(res.text));
    expect(Buffer.byteLength(res.text)).to.be.above(1024 * 1024);
    expect((res.body as RecordEnvelope[]).map((r) => r.data)).to.deep.equal([0, 1, 2, 3, 4, 5].map(large));
  });
});
