import { expect } from 'chai';
import type { Endpoint, Project, RecordEnvelope } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { sleep } from '../helpers/fixtures.js';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { ce, logInEndUser, signUpEndUser } from '../helpers/runtime.js';

forEachAdapter('console API: data browser', (adapter) => {
  const ctx = useApp(adapter);

  interface Setup {
    owner: SignedUp;
    project: Project;
    notes: Endpoint;
    users: Endpoint;
    /** …/endpoints/:endpointId of an endpoint. */
    base: (endpoint: Endpoint) => string;
  }

  async function setup(): Promise<Setup> {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes', secure: true });
    const users = await newEndpoint(ctx().http, owner, project.id, { name: 'users', auth: true });
    return { owner, project, notes, users, base: (e) => `${C}/projects/${project.id}/endpoints/${e.id}` };
  }

  /** Creates `n` records through the runtime (as an end user of `users`), in order. */
  async function addNotes(s: Setup, n: number): Promise<RecordEnvelope[]> {
    const { token } = await signUpEndUser(ctx().http, s.project, 'users', { email: `writer-${Math.random()}@example.com` });
    const out: RecordEnvelope[] = [];
    for (let i = 0; i < n; i++) {
      const res = await ctx().http.post(ce('notes', { key: s.project.apiKey })).set(bearer(token)).send({ i });
      expect(res.status).to.equal(201);
      out.push(res.body);
      await sleep(2);
    }
    return out;
  }

  describe('GET …/endpoints/:endpointId/records', () => {
    it('pages through every record (also other users’ on a secure endpoint) with a cursor and the total', async () => {
      const s = await setup();
      const created = await addNotes(s, 5);
      const first = await ctx().http.get(`${s.base(s.notes)}/records?limit=2`).set(s.owner.auth);
      expect(first.status).to.equal(200);
      expect(first.body).to.have.all.keys('items', 'next', 'total');
      expect(first.body.items).to.deep.equal(created.slice(0, 2));
      expect(first.body.total).to.equal(5);
      expect(first.body.next).to.equal(created[1]!.uniqueId);
      const second = await ctx().http.get(`${s.base(s.notes)}/records?limit=2&after=${first.body.next}`).set(s.owner.auth);
      expect(second.body.items).to.deep.equal(created.slice(2, 4));
      const last = await ctx().http.get(`${s.base(s.notes)}/records?limit=2&after=${second.body.next}`).set(s.owner.auth);
      expect(last.body).to.deep.equal({ items: created.slice(4), next: null, total: 5 });
      const emptyAfter = await ctx().http.get(`${s.base(s.notes)}/records?limit=2&after=`).set(s.owner.auth);
      expect(emptyAfter.body).to.deep.equal(first.body);
    });

    it('answers a page of exactly `limit` remaining items with next = null, and sorts newest first with sort=-createdAt', async () => {
      const s = await setup();
      const created = await addNotes(s, 3);
      const all = await ctx().http.get(`${s.base(s.notes)}/records?limit=3`).set(s.owner.auth);
      expect(all.body).to.deep.equal({ items: created, next: null, total: 3 });
      const byDefault = await ctx().http.get(`${s.base(s.notes)}/records`).set(s.owner.auth);
      expect(byDefault.body.items).to.have.length(3);
      const newest = await ctx().http.get(`${s.base(s.notes)}/records?sort=-createdAt`).set(s.owner.auth);
      expect(newest.body.items).to.deep.equal([...created].reverse());
    });

    it('answers an empty page for an empty endpoint', async () => {
      const s = await setup();
      const res = await ctx().http.get(`${s.base(s.notes)}/records`).set(s.owner.auth);
      expect(res.body).to.deep.equal({ items: [], next: null, total: 0 });
    });

    const badParams: Array<[string, string]> = [
      ['limit=0', 'limit'],
      ['limit=1001', 'limit'],
      ['limit=ten', 'limit'],
      ['after=not-an-id', 'after'],
      ['sort=price', 'sort'],
      ['sort=data.a-b', 'sort'],
    ];
    for (const [query, field] of badParams) {
      it(`refuses ${query} with 400 invalid_parameter naming ${field}`, async () => {
        const s = await setup();
        const res = await ctx().http.get(`${s.base(s.notes)}/records?${query}`).set(s.owner.auth);
        expectError(res, 400, 'invalid_parameter');
        expect(res.body.error.fields).to.have.all.keys(field);
      });
    }

    it('filters with where, sorts by a data field, and counts the matches in total', async () => {
      const s = await setup();
      for (const price of [5, 40, 12, 40, 3]) {
        await ctx().storage.createRecord({ projectId: s.project.id, endpointId: s.notes.id, creatorId: null, data: { price } });
      }
      const where = encodeURIComponent(JSON.stringify({ 'data.price': { $gte: 5 } }));
      const res = await ctx().http.get(`${s.base(s.notes)}/records?where=${where}&sort=-data.price&limit=2`).set(s.owner.auth);
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body.items.map((r: { data: { price: number } }) => r.data.price)).to.deep.equal([40, 40]);
      expect(res.body.total).to.equal(4);
      expect(res.body.next).to.match(/^[0-9a-f]{32}$/);
      const bad = await ctx().http.get(`${s.base(s.notes)}/records?where=${encodeURIComponent('{"data.price": {"$regex": "x"}}')}`).set(s.owner.auth);
      expectError(bad, 400, 'invalid_where');
    });

    it('lists the users of an auth endpoint without any password or hash', async () => {
      const s = await setup();
      const ann = await signUpEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com', nickname: 'n' });
      await signUpEndUser(ctx().http, s.project, 'users', { email: 'bob@example.com' });
      const res = await ctx().http.get(`${s.base(s.users)}/records`).set(s.owner.auth);
      expect(res.status).to.equal(200);
      expect(res.body.total).to.equal(2);
      expect(res.body.items.map((u: RecordEnvelope<{ email: string }>) => u.data.email)).to.deep.equal(['ann@example.com', 'bob@example.com']);
      expect(res.body.items[0]).to.have.all.keys('uniqueId', 'data', 'createdAt', 'updatedAt');
      expect(res.body.items[0].uniqueId).to.equal(ann.id);
      expect(res.body.items[0].data).to.deep.equal({ email: 'ann@example.com', nickname: 'n', emailVerified: false });
      const row = await ctx().storage.findUserById(s.users.id, ann.id);
      expect(res.text).to.not.include(row!.passwordHash).and.not.include('passwordHash').and.not.include('password');
    });
  });

  describe('DELETE …/endpoints/:endpointId/records/:uniqueId', () => {
    it('deletes a record (204); the runtime no longer finds it', async () => {
      const s = await setup();
      const [first, second] = await addNotes(s, 2);
      const master = (await ctx().http.post(`${C}/projects/${s.project.id}/master-key`).set(s.owner.auth)).body.masterKey;
      const res = await ctx().http.delete(`${s.base(s.notes)}/records/${first!.uniqueId}`).set(s.owner.auth);
      expect(res.status).to.equal(204);
      expectError(await ctx().http.get(ce('notes', { key: s.project.apiKey, uniqueId: first!.uniqueId, masterKey: master })), 404, 'record_not_found');
      const page = await ctx().http.get(`${s.base(s.notes)}/records`).set(s.owner.auth);
      expect(page.body).to.deep.equal({ items: [second], next: null, total: 1 });
    });

    it('answers 404 record_not_found for an unknown record and for a record of another endpoint', async () => {
      const s = await setup();
      const [note] = await addNotes(s, 1);
      const other = await newEndpoint(ctx().http, s.owner, s.project.id, { name: 'other' });
      expectError(await ctx().http.delete(`${s.base(s.notes)}/records/${'0'.repeat(32)}`).set(s.owner.auth), 404, 'record_not_found');
      expectError(await ctx().http.delete(`${s.base(other)}/records/${note!.uniqueId}`).set(s.owner.auth), 404, 'record_not_found');
      expect(await ctx().storage.findRecords(s.notes.id, [note!.uniqueId])).to.have.length(1);
    });

    it('on an auth endpoint deletes the user and its sessions; the user’s token stops working', async () => {
      const s = await setup();
      const ann = await signUpEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' });
      expect((await ctx().http.get(ce('users', { key: s.project.apiKey })).set(bearer(ann))).status).to.equal(200);
      const [session] = await ctx().storage.listSessions(s.users.id, ann.id);
      const res = await ctx().http.delete(`${s.base(s.users)}/records/${ann.id}`).set(s.owner.auth);
      expect(res.status).to.equal(204);
      expect(await ctx().storage.findUserById(s.users.id, ann.id)).to.equal(null);
      expect(await ctx().storage.findSession(session!.id)).to.equal(null);
      expectError(await ctx().http.get(ce('users', { key: s.project.apiKey })).set(bearer(ann)), 401, 'session_revoked');
      expect((await ctx().http.get(`${s.base(s.users)}/records`).set(s.owner.auth)).body.total).to.equal(0);
    });
  });

  describe('GET …/endpoints/:endpointId/sessions?user=', () => {
    it('lists every session of the user with its details', async () => {
      const s = await setup();
      const ann = await signUpEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' }, 'Browser One');
      await logInEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' }, 'Browser Two');
      const bob = await signUpEndUser(ctx().http, s.project, 'users', { email: 'bob@example.com' });
      const res = await ctx().http.get(`${s.base(s.users)}/sessions?user=${ann.id}`).set(s.owner.auth);
      expect(res.status).to.equal(200);
      expect(res.body).to.have.length(2);
      for (const session of res.body) {
        expect(session).to.have.all.keys('id', 'user', 'createdAt', 'expiresAt', 'revokedAt', 'userAgent', 'ip');
        expect(session).to.include({ user: ann.id, revokedAt: null });
        expect(session.ip).to.be.a('string');
        expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).to.be.closeTo(s.project.tokenTtlSeconds * 1000, 1000);
      }
      expect(res.body.map((x: { userAgent: string }) => x.userAgent)).to.deep.equal(['Browser One', 'Browser Two']);
      const bobs = await ctx().http.get(`${s.base(s.users)}/sessions?user=${bob.id}`).set(s.owner.auth);
      expect(bobs.body).to.have.length(1);
    });

    it('answers 400 not_an_auth_endpoint on a data endpoint, 400 without user, 404 for an unknown user', async () => {
      const s = await setup();
      const ann = await signUpEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' });
      expectError(await ctx().http.get(`${s.base(s.notes)}/sessions?user=${ann.id}`).set(s.owner.auth), 400, 'not_an_auth_endpoint');
      expectError(await ctx().http.delete(`${s.base(s.notes)}/sessions?user=${ann.id}`).set(s.owner.auth), 400, 'not_an_auth_endpoint');
      const missing = await ctx().http.get(`${s.base(s.users)}/sessions`).set(s.owner.auth);
      expectError(missing, 400, 'invalid_parameter');
      expect(missing.body.error.fields).to.have.all.keys('user');
      expectError(await ctx().http.get(`${s.base(s.users)}/sessions?user=${'0'.repeat(32)}`).set(s.owner.auth), 404, 'record_not_found');
    });
  });

  describe('DELETE …/endpoints/:endpointId/sessions?user=', () => {
    it('revokes every session of the user (204): their tokens are refused, other users keep theirs', async () => {
      const s = await setup();
      const ann = await signUpEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' });
      const annSecond = await logInEndUser(ctx().http, s.project, 'users', { email: 'ann@example.com' });
      const bob = await signUpEndUser(ctx().http, s.project, 'users', { email: 'bob@example.com' });
      const me = (token: string) => ctx().http.get(ce('users', { key: s.project.apiKey })).set(bearer(token));
      expect((await me(ann.token)).status).to.equal(200);

      const res = await ctx().http.delete(`${s.base(s.users)}/sessions?user=${ann.id}`).set(s.owner.auth);
      expect(res.status).to.equal(204);
      expectError(await me(ann.token), 401, 'session_revoked');
      expectError(await me(annSecond), 401, 'session_revoked');
      expect((await me(bob.token)).status).to.equal(200);
      const list = await ctx().http.get(`${s.base(s.users)}/sessions?user=${ann.id}`).set(s.owner.auth);
      expect(list.body).to.have.length(2);
      for (const session of list.body) expect(Date.parse(session.revokedAt)).to.be.a('number').and.not.NaN;
    });

    it('refuses a user of another auth endpoint (404) and leaves their sessions alone', async () => {
      const s = await setup();
      const staff = await newEndpoint(ctx().http, s.owner, s.project.id, { name: 'staff', auth: true });
      const eve = await signUpEndUser(ctx().http, s.project, 'staff', { email: 'eve@example.com' });
      expectError(await ctx().http.delete(`${s.base(s.users)}/sessions?user=${eve.id}`).set(s.owner.auth), 404, 'record_not_found');
      const [session] = await ctx().storage.listSessions(staff.id, eve.id);
      expect(session?.revokedAt).to.equal(null);
    });
  });
});
