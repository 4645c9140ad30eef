import { expect } from 'chai';
import type { Response } from 'supertest';
import { ACCESS_TOKEN_COOKIE, type AccessOptions, type Reason } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { createRecord, seedRuntime, signUpEndUser, storedRecords, type EndUser, type RuntimeFixture } from '../helpers/runtime.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';

const MEMBERS = 'members';
const STAFF = 'staff/auth';

/** One secure endpoint per access setting: all off, each option alone, all on. */
const ENDPOINTS: { name: string; access: Partial<AccessOptions>; says: string }[] = [
  { name: 'notes/private', access: {}, says: 'no access option' },
  { name: 'notes/read-others', access: { readOthers: true }, says: 'readOthers only' },
  { name: 'notes/update-others', access: { updateOthers: true }, says: 'updateOthers only' },
  { name: 'notes/delete-others', access: { deleteOthers: true }, says: 'deleteOthers only' },
  { name: 'notes/shared', access: { readOthers: true, updateOthers: true, deleteOthers: true }, says: 'all three options' },
];

type Caller = 'the creator' | 'another user' | 'a user of another auth endpoint' | 'no token' | 'the master key';
const CALLERS: Caller[] = ['the creator', 'another user', 'a user of another auth endpoint', 'no token', 'the master key'];

interface Expected {
  read: 200 | 404 | 401;
  listed: boolean | 401;
  update: 200 | 403 | 401;
  delete: 204 | 403 | 401;
}

/** The rule of the runtime contract (4.1), written out once. */
function expected(caller: Caller, access: Partial<AccessOptions>): Expected {
  if (caller === 'no token') return { read: 401, listed: 401, update: 401, delete: 401 };
  if (caller === 'the creator' || caller === 'the master key') return { read: 200, listed: true, update: 200, delete: 204 };
  return {
    read: access.readOthers ? 200 : 404,
    listed: !!access.readOthers,
    update: access.updateOthers ? 200 : 403,
    delete: access.deleteOthers ? 204 : 403,
  };
}

const REASON: Record<number, Reason> = { 401: 'token_missing', 403: 'forbidden', 404: 'record_not_found' };

forEachAdapter('runtime secure data endpoints', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let creator: EndUser;
  let other: EndUser;
  let staff: EndUser;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, {
      endpoints: [
        { name: MEMBERS, auth: true },
        { name: STAFF, auth: true },
        { name: 'public-notes' },
        ...ENDPOINTS.map((e) => ({ name: e.name, secure: true, access: e.access })),
      ],
    });
    creator = await signUpEndUser(ctx().http, f.project, MEMBERS, { username: 'creator' });
    other = await signUpEndUser(ctx().http, f.project, MEMBERS, { username: 'other' });
    staff = await signUpEndUser(ctx().http, f.project, STAFF, { username: 'staff' });
  });

  const headersOf = (caller: Caller): Record<string, string> =>
    ({ 'the creator': bearer(creator), 'another user': bearer(other), 'a user of another auth endpoint': bearer(staff), 'no token': {}, 'the master key': master(f) })[caller];

  describe('the ownership matrix', () => {
    for (const endpoint of ENDPOINTS) {
      for (const caller of CALLERS) {
        const want = expected(caller, endpoint.access);
        const title = `${caller}, on an endpoint with ${endpoint.says}: read → ${want.read}, listed → ${want.listed}, update → ${want.update}, delete → ${want.delete}`;
        it(title, async () => {
          const endpointId = f.endpoints[endpoint.name]!.id;
          const mine = await createRecord(ctx(), f.url(endpoint.name), { owner: 'creator', n: 1 }, bearer(creator));
          const as = headersOf(caller);
          const url = (params: Record<string, string> = {}) => f.url(endpoint.name, params);

          const read = await ctx().http.get(url({ uniqueId: mine.uniqueId })).set(as);
          expect(read.status, `read: ${JSON.stringify(read.body)}`).to.equal(want.read);
          if (want.read === 200) expect(read.body.data).to.deep.equal({ owner: 'creator', n: 1 });
          else expectError(read, want.read, REASON[want.read]!);

          const list = await ctx().http.get(url()).set(as);
          const several = await ctx().http.get(url({ uniqueId: `${mine.uniqueId},${'f'.repeat(32)}` })).set(as);
          if (want.listed === 401) {
            expectError(list, 401, 'token_missing');
            expectError(several, 401, 'token_missing');
          } else {
            const ids = (res: typeof list) => res.body.map((r: { uniqueId: string }) => r.uniqueId);
            expect(ids(list), 'list').to.deep.equal(want.listed ? [mine.uniqueId] : []);
            expect(ids(several), 'several').to.deep.equal(want.listed ? [mine.uniqueId] : []);
          }

          const update = await ctx().http.patch(url({ uniqueId: mine.uniqueId })).set(as).send({ n: 2 });
          expect(update.status, `update: ${JSON.stringify(update.body)}`).to.equal(want.update);
          if (want.update !== 200) expectError(update, want.update, REASON[want.update]!);
          const afterUpdate = (await storedRecords(ctx(), endpointId)).get(mine.uniqueId);
          expect(afterUpdate).to.deep.equal({ owner: 'creator', n: want.update === 200 ? 2 : 1 });

          const del = await ctx().http.delete(url({ uniqueId: mine.uniqueId })).set(as);
          expect(del.status, `delete: ${JSON.stringify(del.body)}`).to.equal(want.delete);
          if (want.delete !== 204) expectError(del, want.delete, REASON[want.delete]!);
          expect((await storedRecords(ctx(), endpointId)).has(mine.uniqueId)).to.equal(want.delete !== 204);

          // Whatever the caller did, the record still belongs to its creator.
          const [row] = await ctx().storage.findRecords(endpointId, [mine.uniqueId]);
          if (row) expect(row.creatorId).to.equal(creator.id);
        });
      }
    }
  });

  describe('creating on a secure endpoint', () => {
    it("records the logged-in user as the creator, whichever of the project's auth endpoints issued the token", async () => {
      const a = await createRecord(ctx(), f.url('notes/private'), { by: 'member' }, bearer(creator));
      const b = await createRecord(ctx(), f.url('notes/private'), { by: 'staff' }, bearer(staff));
      const rows = await ctx().storage.findRecords(f.endpoints['notes/private']!.id, [a.uniqueId, b.uniqueId]);
      expect(rows.map((r) => r.creatorId)).to.deep.equal([creator.id, staff.id]);
      expect((await ctx().http.get(f.url('notes/private')).set(bearer(staff))).body.map((r: { uniqueId: string }) => r.uniqueId)).to.deep.equal([b.uniqueId]);
    });

    it('refuses a create without a token with 401 and stores nothing', async () => {
      expectError(await ctx().http.post(f.url('notes/private')).send({ a: 1 }), 401, 'token_missing');
      expect(await ctx().storage.countRecords(f.endpoints['notes/private']!.id)).to.equal(0);
    });

    it('stores a record created with the master key without a creator, so only the master key (or readOthers) sees it', async () => {
      const made = await createRecord(ctx(), f.url('notes/private'), { by: 'server' }, master(f));
      const [row] = await ctx().storage.findRecords(f.endpoints['notes/private']!.id, [made.uniqueId]);
      expect(row!.creatorId).to.equal(null);
      expectError(await ctx().http.get(f.url('notes/private', { uniqueId: made.uniqueId })).set(bearer(creator)), 404, 'record_not_found');
      expect((await ctx().http.get(f.url('notes/private', { uniqueId: made.uniqueId })).set(master(f))).status).to.equal(200);
      const shared = await createRecord(ctx(), f.url('notes/read-others'), { by: 'server' }, master(f));
      expect((await ctx().http.get(f.url('notes/read-others', { uniqueId: shared.uniqueId })).set(bearer(creator))).status).to.equal(200);
    });
  });

  describe('tokens', () => {
    const tokenCases: [string, () => Record<string, string>, Reason][] = [
      ['a garbage token', () => ({ Authorization: 'Bearer not.a.jwt' }), 'token_invalid'],
      ['a token with a forged signature', () => ({ Authorization: `Bearer ${creator.token.slice(0, -4)}AAAA` }), 'token_invalid'],
    ];
    for (const [what, headers, reason] of tokenCases) {
      it(`refuses ${what} with 401 ${reason}`, async () => {
        expectError(await ctx().http.get(f.url('notes/private')).set(headers()), 401, reason);
      });
    }

    it('accepts the raw token without "Bearer" and the access-token cookie', async () => {
      const mine = await createRecord(ctx(), f.url('notes/private'), { n: 1 }, bearer(creator));
      const raw = await ctx().http.get(f.url('notes/private', { uniqueId: mine.uniqueId })).set('Authorization', creator.token);
      const cookie = await ctx().http.get(f.url('notes/private', { uniqueId: mine.uniqueId })).set('Cookie', `${ACCESS_TOKEN_COOKIE}=${creator.token}`);
      expect([raw.status, cookie.status]).to.deep.equal([200, 200]);
    });

    it('refuses a token after its logout with 401 session_revoked', async () => {
      expect((await ctx().http.post(f.url(MEMBERS, { logout: 'true' })).set(bearer(creator))).status).to.equal(204);
      expectError(await ctx().http.get(f.url('notes/private')).set(bearer(creator)), 401, 'session_revoked');
    });

    it('refuses the token of a deleted user with 401 session_revoked (its sessions were deleted with it)', async () => {
      await ctx().storage.deleteUser(f.endpoints[MEMBERS]!.id, other.id);
      const res = await ctx().http.get(f.url('notes/private')).set(bearer(other));
      expectError(res, 401, 'session_revoked');
    });

    it('ignores tokens on a public data endpoint: anyone reads and writes, and records have no creator', async () => {
      const made = await createRecord(ctx(), f.url('public-notes'), { open: true }, bearer(creator));
      const [row] = await ctx().storage.findRecords(f.endpoints['public-notes']!.id, [made.uniqueId]);
      expect(row!.creatorId).to.equal(null);
      expect((await ctx().http.patch(f.url('public-notes', { uniqueId: made.uniqueId })).set({ Authorization: 'Bearer junk' }).send({ b: 1 })).status).to.equal(200);
    });
  });

  describe('the master key', () => {
    const ways: [string, (url: string) => { url: string; headers: Record<string, string> }][] = [
      ['the masterKey query parameter', (url) => ({ url: `${url}&masterKey=${f.masterKey}`, headers: {} })],
      ['the X-Master-Key header', (url) => ({ url, headers: master(f) })],
    ];
    for (const [way, withKey] of ways) {
      it(`given as ${way}, reads, lists, updates and deletes every user's records on a private endpoint`, async () => {
        const a = await createRecord(ctx(), f.url('notes/private'), { by: 'creator' }, bearer(creator));
        const b = await createRecord(ctx(), f.url('notes/private'), { by: 'staff' }, bearer(staff));
        const call = (params: Record<string, string> = {}) => withKey(f.url('notes/private', params));
        const list = call();
        expect((await ctx().http.get(list.url).set(list.headers)).body).to.have.length(2);
        const one = call({ uniqueId: a.uniqueId });
        expect((await ctx().http.get(one.url).set(one.headers)).body.data).to.deep.equal({ by: 'creator' });
        expect((await ctx().http.put(one.url).set(one.headers).send({ by: 'master' })).body.data).to.deep.equal({ by: 'master' });
        const two = call({ uniqueId: b.uniqueId });
        expect((await ctx().http.delete(two.url).set(two.headers)).status).to.equal(204);
        expect([...(await storedRecords(ctx(), f.endpoints['notes/private']!.id)).values()]).to.deep.equal([{ by: 'master' }]);
      });
    }

    it('wins over a token that comes with it', async () => {
      const b = await createRecord(ctx(), f.url('notes/private'), { by: 'staff' }, bearer(staff));
      const res = await ctx().http.get(f.url('notes/private', { uniqueId: b.uniqueId })).set({ ...bearer(creator), ...master(f) });
      expect(res.status).to.equal(200);
    });

    it('is refused with 401 when wrong, even alongside a valid token', async () => {
      const res = await ctx().http.get(f.url('notes/private')).set({ ...bearer(creator), 'X-Master-Key': 'f'.repeat(32) });
      expectError(res, 401, 'unauthorized');
    });
  });

  describe('register, login and logout never take the master key', () => {
    const APP = 'https://app.example.com';
    const EVIL = 'https://evil.example';
    let locked: RuntimeFixture;
    const ada = { username: 'ada', password: 'ada-password' };

    beforeEach(async () => {
      locked = await seedRuntime(ctx().storage, { allowedOrigins: [APP], endpoints: [{ name: MEMBERS, auth: true }, { name: 'notes' }] });
      expect((await ctx().http.post(locked.url(MEMBERS)).set('Origin', APP).send(ada)).status).to.equal(201);
    });

    const operations: [string, Record<string, string>, object][] = [
      ['register', {}, { username: 'eve', password: 'eve-password' }],
      ['login', { login: 'true', noATCookie: 'true' }, ada],
      ['logout', { logout: 'true' }, {}],
    ];
    const ways: [string, (params: Record<string, string>) => { params: Record<string, string>; headers: Record<string, string> }][] = [
      ['X-Master-Key', (params) => ({ params, headers: master(locked) })],
      ['masterKey', (params) => ({ params: { ...params, masterKey: locked.masterKey }, headers: {} })],
    ];
    for (const [operation, flags, body] of operations) {
      for (const [way, withKey] of ways) {
        it(`${operation}: a valid master key as ${way} does not lift the origin lock (403 origin_not_allowed, no user, no session)`, async () => {
          const { params, headers } = withKey(flags);
          const res = await ctx().http.post(locked.url(MEMBERS, params)).set(headers).set('Origin', EVIL).send(body);
          expectError(res, 403, 'origin_not_allowed');
          const users = await ctx().storage.listUsers(locked.endpoints[MEMBERS]!.id, { limit: 10 });
          expect(users.map((u) => (u.data as { username: string }).username)).to.deep.equal(['ada']);
          expect(await ctx().storage.listSessions(locked.endpoints[MEMBERS]!.id, users[0]!.uniqueId)).to.have.length(0);
          // The same key from the same origin does open a data endpoint: it is valid, just not taken here.
          const data = withKey({});
          expect((await ctx().http.get(locked.url('notes', data.params)).set(data.headers).set('Origin', EVIL)).status).to.equal(200);
        });
      }
    }

    it('ignores a wrong master key on register and login instead of refusing it (it is not read at all)', async () => {
      const wrong = { 'X-Master-Key': 'f'.repeat(32), Origin: APP };
      expectError(await ctx().http.get(locked.url('notes')).set(wrong), 401, 'unauthorized');
      expect((await ctx().http.post(locked.url(MEMBERS)).set(wrong).send({ username: 'bob', password: 'bob-password' })).status).to.equal(201);
      expect((await ctx().http.post(locked.url(MEMBERS, { login: 'true', noATCookie: 'true' })).set(wrong).send(ada)).status).to.equal(200);
    });
  });
});

forEachAdapter('runtime data endpoints: tenant isolation', (adapter) => {
  const ctx = useApp(adapter);
  let a: RuntimeFixture;
  let b: RuntimeFixture;
  let bRecord: string;
  let bSecret: string;
  let aUser: EndUser;
  let bUser: EndUser;

  beforeEach(async () => {
    const endpoints = [{ name: 'notes' }, { name: 'private', secure: true, access: { readOthers: true, updateOthers: true, deleteOthers: true } }, { name: MEMBERS, auth: true }];
    a = await seedRuntime(ctx().storage, { endpoints });
    b = await seedRuntime(ctx().storage, { endpoints });
    aUser = await signUpEndUser(ctx().http, a.project, MEMBERS, { username: 'alice' });
    bUser = await signUpEndUser(ctx().http, b.project, MEMBERS, { username: 'bob' });
    bRecord = (await createRecord(ctx(), b.url('notes'), { tenant: 'B' })).uniqueId;
    bSecret = (await createRecord(ctx(), b.url('private'), { tenant: 'B', secret: true }, bearer(bUser))).uniqueId;
  });

  const bUnchanged = async () => {
    expect((await storedRecords(ctx(), b.endpoints.notes!.id)).get(bRecord)).to.deep.equal({ tenant: 'B' });
    expect((await storedRecords(ctx(), b.endpoints.private!.id)).get(bSecret)).to.deep.equal({ tenant: 'B', secret: true });
  };

  const attempts: [string, () => Promise<Response>, number, Reason][] = [
    ["reads B's record by uniqueId through A's endpoint of the same name", () => ctx().http.get(a.url('notes', { uniqueId: bRecord })), 404, 'record_not_found'],
    ["updates it", () => ctx().http.put(a.url('notes', { uniqueId: bRecord })).send({ tenant: 'A' }), 404, 'record_not_found'],
    ["merges into it", () => ctx().http.patch(a.url('notes', { uniqueId: bRecord })).send({ tenant: 'A' }), 404, 'record_not_found'],
    ["deletes it", () => ctx().http.delete(a.url('notes', { uniqueId: bRecord })), 404, 'record_not_found'],
    ["does all that with A's master key", () => ctx().http.delete(a.url('notes', { uniqueId: bRecord })).set(master(a)), 404, 'record_not_found'],
    ["reads B's secure record with A's master key and a user of A", () => ctx().http.get(a.url('private', { uniqueId: bSecret })).set({ ...bearer(aUser), ...master(a) }), 404, 'record_not_found'],
    ["deletes B's secure record as a user of A with deleteOthers on", () => ctx().http.delete(a.url('private', { uniqueId: bSecret })).set(bearer(aUser)), 404, 'record_not_found'],
    ["uses A's token on B's secure endpoint", () => ctx().http.get(b.url('private', { uniqueId: bSecret })).set(bearer(aUser)), 401, 'token_invalid'],
    ["updates B's secure record with A's token", () => ctx().http.patch(b.url('private', { uniqueId: bSecret })).set(bearer(aUser)).send({ x: 1 }), 401, 'token_invalid'],
    ["uses A's master key on B", () => ctx().http.delete(b.url('notes', { uniqueId: bRecord })).set(master(a)), 401, 'unauthorized'],
  ];
  for (const [what, attempt, status, reason] of attempts) {
    it(`refuses when A's key ${what} (${status} ${reason}), and B's records stay as they were`, async () => {
      expectError(await attempt(), status, reason);
      await bUnchanged();
    });
  }

  it("never lists B's records with A's key, even with the master key", async () => {
    await createRecord(ctx(), a.url('notes'), { tenant: 'A' });
    const res = await ctx().http.get(a.url('notes')).set(master(a));
    expect(res.body.map((r: { data: unknown }) => r.data)).to.deep.equal([{ tenant: 'A' }]);
    expect((await ctx().http.get(a.url('notes', { uniqueId: `${bRecord},${bSecret}` })).set(master(a))).body).to.deep.equal([]);
  });
});
