import { expect } from 'chai';
import type { Response } from 'supertest';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { bearer, master } from '../helpers/headers.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';

/** The ids a route needs: a project, its data endpoint `notes`, auth endpoint `users`, a record and a user. */
interface Ids {
  project: string;
  notes: string;
  users: string;
  record: string;
  user: string;
}

type Method = 'get' | 'post' | 'patch' | 'delete';
interface Route {
  method: Method;
  path: (ids: Ids) => string;
  body?: object;
  /** Routes under …/endpoints/:endpointId. */
  endpointScoped: boolean;
  note?: string;
}

const P = (ids: Ids) => `${C}/projects/${ids.project}`;
const ROUTES: Route[] = [
  { method: 'get', path: (i) => P(i), endpointScoped: false },
  { method: 'patch', path: (i) => P(i), body: { name: 'Hijacked project' }, endpointScoped: false },
  { method: 'delete', path: (i) => P(i), endpointScoped: false },
  { method: 'post', path: (i) => `${P(i)}/api-key`, endpointScoped: false },
  { method: 'post', path: (i) => `${P(i)}/master-key`, endpointScoped: false },
  { method: 'delete', path: (i) => `${P(i)}/master-key`, endpointScoped: false },
  { method: 'get', path: (i) => `${P(i)}/endpoints`, endpointScoped: false },
  { method: 'post', path: (i) => `${P(i)}/endpoints`, body: { name: 'hijack' }, endpointScoped: false },
  { method: 'get', path: (i) => `${P(i)}/endpoints/${i.notes}`, endpointScoped: true },
  { method: 'patch', path: (i) => `${P(i)}/endpoints/${i.notes}`, body: { description: 'hijacked', secure: false }, endpointScoped: true },
  { method: 'delete', path: (i) => `${P(i)}/endpoints/${i.notes}`, endpointScoped: true },
  { method: 'get', path: (i) => `${P(i)}/endpoints/${i.notes}/records`, endpointScoped: true, note: 'data endpoint' },
  { method: 'delete', path: (i) => `${P(i)}/endpoints/${i.notes}/records/${i.record}`, endpointScoped: true, note: 'data endpoint' },
  { method: 'get', path: (i) => `${P(i)}/endpoints/${i.users}/records`, endpointScoped: true, note: 'auth endpoint' },
  { method: 'delete', path: (i) => `${P(i)}/endpoints/${i.users}/records/${i.user}`, endpointScoped: true, note: 'auth endpoint' },
  { method: 'get', path: (i) => `${P(i)}/endpoints/${i.users}/sessions?user=${i.user}`, endpointScoped: true },
  { method: 'delete', path: (i) => `${P(i)}/endpoints/${i.users}/sessions?user=${i.user}`, endpointScoped: true },
];

const UNKNOWN = '0'.repeat(32);

forEachAdapter('console API: owners never see or touch each other’s projects', (adapter) => {
  const ctx = useApp(adapter);

  /** An owner with a project holding a secure data endpoint with one record and an auth endpoint with one logged-in user. */
  async function ownerWithData(): Promise<{ who: SignedUp; ids: Ids; apiKey: string; userToken: string; masterKey: string }> {
    const who = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, who);
    const notes = await newEndpoint(ctx().http, who, project.id, { name: 'notes', secure: true });
    const users = await newEndpoint(ctx().http, who, project.id, { name: 'users', auth: true });
    const user = await signUpEndUser(ctx().http, project, 'users', { email: `user-${project.id}@example.com` });
    const record = await ctx().http.post(ce('notes', { key: project.apiKey })).set(bearer(user)).send({ secret: 'alice' });
    expect(record.status).to.equal(201);
    const masterKey = (await ctx().http.post(`${C}/projects/${project.id}/master-key`).set(who.auth)).body.masterKey as string;
    const ids = { project: project.id, notes: notes.id, users: users.id, record: record.body.uniqueId, user: user.id };
    return { who, ids, apiKey: project.apiKey, userToken: user.token, masterKey };
  }

  const call = (route: Route, who: SignedUp, ids: Ids): Promise<Response> => {
    const req = ctx().http[route.method](route.path(ids)).set(who.auth);
    return route.body ? req.send(route.body) : req;
  };
  const withoutRequestId = (res: Response) => ({ status: res.status, error: { ...res.body.error, request: undefined } });

  /** Everything an owner can see of their project, to compare before and after. */
  async function snapshot(who: SignedUp, ids: Ids) {
    const get = async (path: string) => (await ctx().http.get(path).set(who.auth)).body;
    return {
      project: await get(`${C}/projects/${ids.project}`),
      endpoints: await get(`${C}/projects/${ids.project}/endpoints`),
      records: await get(`${C}/projects/${ids.project}/endpoints/${ids.notes}/records`),
      users: await get(`${C}/projects/${ids.project}/endpoints/${ids.users}/records`),
      sessions: await get(`${C}/projects/${ids.project}/endpoints/${ids.users}/sessions?user=${ids.user}`),
    };
  }

  for (const route of ROUTES) {
    const path = route.path({ project: ':id', notes: ':endpointId', users: ':endpointId', record: ':uniqueId', user: ':uniqueId' });
    const label = `${route.method.toUpperCase()} ${path}${route.note ? ` (${route.note})` : ''}`;

    it(`${label}: another owner’s project answers 404 project_not_found, exactly like an unknown id`, async () => {
      const alice = await ownerWithData();
      const bob = await ownerWithData();
      const before = await snapshot(alice.who, alice.ids);
      const foreign = await call(route, bob.who, alice.ids);
      expectError(foreign, 404, 'project_not_found');
      const unknown = await call(route, bob.who, { ...alice.ids, project: UNKNOWN });
      expect(withoutRequestId(foreign)).to.deep.equal(withoutRequestId(unknown));
      expect(foreign.text).to.not.include(alice.ids.project);
      expect(await snapshot(alice.who, alice.ids)).to.deep.equal(before);
    });

    if (route.endpointScoped) {
      it(`${label}: another owner’s endpoint under one’s own project answers 404 endpoint_not_found`, async () => {
        const alice = await ownerWithData();
        const bob = await ownerWithData();
        const before = await snapshot(alice.who, alice.ids);
        const res = await call(route, bob.who, { ...alice.ids, project: bob.ids.project });
        expectError(res, 404, 'endpoint_not_found');
        expect(await snapshot(alice.who, alice.ids)).to.deep.equal(before);
      });
    }
  }

  it('leaves the other owner’s project, keys, endpoints, records, users and sessions untouched after every route', async () => {
    const alice = await ownerWithData();
    const bob = await ownerWithData();
    const before = await snapshot(alice.who, alice.ids);
    for (const route of ROUTES) {
      expectError(await call(route, bob.who, alice.ids), 404, 'project_not_found');
      if (route.endpointScoped) expectError(await call(route, bob.who, { ...alice.ids, project: bob.ids.project }), 404, 'endpoint_not_found');
    }
    expect(await snapshot(alice.who, alice.ids)).to.deep.equal(before);
    // The runtime still takes Alice's API key, master key and her user's token.
    const withMaster = await ctx().http.get(ce('notes', { key: alice.apiKey })).set(master(alice));
    expect(withMaster.status).to.equal(200);
    expect(withMaster.body).to.have.length(1);
    const asUser = await ctx().http.get(ce('users', { key: alice.apiKey })).set(bearer(alice.userToken));
    expect(asUser.status).to.equal(200);
    // And Bob's own list never shows Alice's project.
    const list = await ctx().http.get(`${C}/projects`).set(bob.who.auth);
    expect(list.body.map((p: { id: string }) => p.id)).to.deep.equal([bob.ids.project]);
  });
});
