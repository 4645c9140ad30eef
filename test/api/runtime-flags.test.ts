import { expect } from 'chai';
import type { Reason } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { seedRuntime, signUpEndUser, type EndUser, type RuntimeFixture } from '../helpers/runtime.js';

const AUTH = 'examples/auth';
const NOTES = 'notes';
const ADA = { username: 'ada', password: 'ada-password' };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Refusal {
  title: string;
  method: Method;
  endpoint: string;
  params: Record<string, string>;
  reason: Reason;
  message: RegExp;
}

const refusals: Refusal[] = [
  { title: 'a flag is on for 1 and TRUE too', method: 'post', endpoint: AUTH, params: { passwordreset: 'TRUE', verifyemail: '1' }, reason: 'invalid_parameter', message: /^passwordreset and verifyemail cannot be combined/ },
  { title: 'POST ?login=true&logout=true does not register (nor log in or out)', method: 'post', endpoint: AUTH, params: { login: 'true', logout: 'true' }, reason: 'invalid_parameter', message: /^login and logout cannot be combined/ },
  { title: "another kind of endpoint's flag is named before a combination", method: 'post', endpoint: AUTH, params: { login: 'true', fileOnly: 'true' }, reason: 'invalid_parameter', message: /is an authentication endpoint: fileOnly=true works on file endpoints/ },
  { title: 'POST ?sessions=true on an auth endpoint does not register', method: 'post', endpoint: AUTH, params: { sessions: 'true' }, reason: 'invalid_parameter', message: /^sessions=true works with GET only/ },
  { title: 'GET ?login=true on an auth endpoint', method: 'get', endpoint: AUTH, params: { login: 'true' }, reason: 'invalid_parameter', message: /^login=true works with POST only/ },
  { title: 'DELETE ?logout=true does not delete the user', method: 'delete', endpoint: AUTH, params: { logout: 'true' }, reason: 'invalid_parameter', message: /^logout=true works with POST only/ },
  { title: 'PATCH ?passwordreset=true does not update the user', method: 'patch', endpoint: AUTH, params: { passwordreset: 'true' }, reason: 'invalid_parameter', message: /^passwordreset=true works with POST only/ },
  { title: 'POST ?login=true on a data endpoint (as before)', method: 'post', endpoint: NOTES, params: { login: 'true' }, reason: 'not_an_auth_endpoint', message: /^notes is a data endpoint: login=true works on authentication endpoints/ },
  { title: 'GET ?logout=true on a data endpoint', method: 'get', endpoint: NOTES, params: { logout: 'true' }, reason: 'not_an_auth_endpoint', message: /logout=true works on authentication endpoints/ },
  { title: 'POST ?passwordreset=true on a data endpoint does not create a record', method: 'post', endpoint: NOTES, params: { passwordreset: 'true' }, reason: 'not_an_auth_endpoint', message: /^notes is a data endpoint: passwordreset=true works on authentication endpoints/ },
  { title: 'GET ?fileOnly=true on a data endpoint', method: 'get', endpoint: NOTES, params: { fileOnly: 'true' }, reason: 'invalid_parameter', message: /^notes is a data endpoint: fileOnly=true works on file endpoints/ },
  { title: 'POST ?fileOnly=true on an auth endpoint does not register', method: 'post', endpoint: AUTH, params: { fileOnly: 'true' }, reason: 'invalid_parameter', message: /is an authentication endpoint: fileOnly=true works on file endpoints/ },
];

forEachAdapter('operation flags on /api/1/ce/*: a flag without a route is refused, never ignored', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let ada: EndUser;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, { endpoints: [{ name: AUTH, auth: true }, { name: NOTES }] });
    ada = await signUpEndUser(ctx().http, f.project, AUTH, { username: ADA.username });
  });

  /** Every user and record the test's endpoints hold, straight from storage. */
  const stored = async () => {
    const { storage } = ctx();
    const users = await storage.listUsers(f.endpoints[AUTH]!.id, { limit: 1000 });
    const records = await storage.listRecords(f.endpoints[NOTES]!.id, { limit: 1000 });
    return { users: users.map((u) => [u.uniqueId, u.data]), records: records.map((r) => r.uniqueId) };
  };

  for (const r of refusals) {
    it(`${r.title}: 400 ${r.reason}, and nothing is written`, async () => {
      const before = await stored();
      const params = r.method === 'put' || r.method === 'patch' || r.method === 'delete' ? { ...r.params, uniqueId: ada.id } : r.params;
      const body = r.endpoint === AUTH ? { username: 'grace', password: 'grace-password', color: 'red' } : { text: 'hello' };
      let req = ctx().http[r.method](f.url(r.endpoint, params)).set(bearer(ada));
      if (r.method !== 'get' && r.method !== 'delete') req = req.send(body);
      const res = await req;
      expectError(res, 400, r.reason);
      expect(res.body.error.message).to.match(r.message);
      expect(res.headers).to.not.have.property('set-cookie');
      expect(await stored()).to.deep.equal(before);
      expect((await ctx().http.get(f.url(AUTH)).set(bearer(ada))).status, 'the session is alive').to.equal(200);
    });
  }

  it('a flag that is off (false, 0, empty) does not count: POST registers', async () => {
    const res = await ctx().http.post(f.url(AUTH, { login: 'false', logout: '0', passwordreset: '' })).send({ username: 'grace', password: 'grace-password' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
  });

  it('modifier flags combine with an operation flag: login with noATCookie and dataOnly', async () => {
    const res = await ctx().http.post(f.url(AUTH, { login: 'true', noATCookie: 'true', dataOnly: 'true' })).send(ADA);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.headers.authorization).to.match(/^Bearer /);
    expect(res.body).to.deep.equal({ username: 'ada', emailVerified: false });
  });

  it('a preflight with any flags passes the gate: the refusal comes with the request itself', async () => {
    const res = await ctx().http.options(f.url(AUTH, { passwordreset: 'true' })).set('Origin', 'https://app.example').set('Access-Control-Request-Method', 'POST');
    expect(res.status).to.equal(204);
  });

  it('keeps 405 with the Allow header for a method no row has', async () => {
    const res = await ctx().http.head(f.url(AUTH, { login: 'true' }));
    expect(res.status).to.equal(405);
    expect(res.headers.allow).to.equal('GET, POST, PUT, PATCH, DELETE, OPTIONS');
  });
});
