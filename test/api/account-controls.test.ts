import { expect } from 'chai';
import type { Endpoint, Project } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from '../helpers/console.js';
import { AUTH, TEMPLATE, mailProject } from '../helpers/email.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { ce, signUpEndUser, type EndUser } from '../helpers/runtime.js';
import { startMailbox, tokenIn } from '../helpers/smtp.js';

forEachAdapter('account controls: owners disable users and set their passwords; users change their own', (adapter) => {
  const ctx = useApp(adapter);
  let owner: SignedUp;
  let project: Project;
  let endpoint: Endpoint;
  let alice: EndUser;
  const url = (params: Record<string, string> = {}) => ce(AUTH, { key: project.apiKey, ...params });
  const userUrl = (id: string) => `${C}/projects/${project.id}/endpoints/${endpoint.id}/users/${id}`;
  const logIn = (password: string) => ctx().http.post(url({ login: 'true', noATCookie: 'true' })).send({ username: 'alice', password });

  beforeEach(async () => {
    owner = await signUpOwner(ctx().http);
    project = await newProject(ctx().http, owner);
    endpoint = await newEndpoint(ctx().http, owner, project.id, { name: AUTH, auth: true });
    alice = await signUpEndUser(ctx().http, project, AUTH, { username: 'alice', password: 'alice-password' });
  });

  it('a disabled user\'s tokens die on the next request, on every instance, and login answers 403 user_disabled', async () => {
    const other = appOn(ctx().storage);
    try {
      expect((await other.http.get(url()).set(bearer(alice))).status).to.equal(200);
      const res = await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ disabled: true });
      expect(res.status, JSON.stringify(res.body)).to.equal(200);
      expect(res.body).to.include({ uniqueId: alice.id, disabled: true });
      expectError(await other.http.get(url()).set(bearer(alice)), 401, 'session_revoked');
      expectError(await logIn('alice-password'), 403, 'user_disabled');
      expectError(await logIn('wrong password'), 401, 'invalid_credentials');
    } finally {
      await other.app.shutdown();
    }
  });

  it('an enabled user logs in again', async () => {
    await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ disabled: true });
    const res = await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ disabled: false });
    expect(res.body).to.include({ disabled: false, disabledAt: null });
    expect((await logIn('alice-password')).status).to.equal(200);
  });

  it('an owner sets a user\'s password: the old one and every session end', async () => {
    const res = await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ password: 'chosen by owner' });
    expect(res.status).to.equal(200);
    expect(JSON.stringify(res.body)).to.not.include('chosen by owner');
    expectError(await ctx().http.get(url()).set(bearer(alice)), 401, 'session_revoked');
    expectError(await logIn('alice-password'), 401, 'invalid_credentials');
    expect((await logIn('chosen by owner')).status).to.equal(200);
  });

  it('refuses bad bodies and other owners, changing nothing', async () => {
    expectError(await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ disabled: 'yes', password: 'x' }), 400, 'validation_failed');
    expectError(await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({}), 400, 'validation_failed');
    expectError(await ctx().http.patch(userUrl(alice.id)).set(owner.auth).send({ role: 'admin' }), 400, 'validation_failed');
    expectError(await ctx().http.patch(userUrl('f'.repeat(32))).set(owner.auth).send({ disabled: true }), 404, 'record_not_found');
    const stranger = await signUpOwner(ctx().http);
    expectError(await ctx().http.patch(userUrl(alice.id)).set(stranger.auth).send({ disabled: true }), 404, 'project_not_found');
    expect((await ctx().http.get(url()).set(bearer(alice))).status).to.equal(200);
    expect((await ctx().storage.findUserById(endpoint.id, alice.id))!.disabledAt).to.equal(null);
    expect((await ctx().storage.listAuditEvents(project.id, { limit: 50, types: ['user.disabled', 'user.password_changed'] }))).to.deep.equal([]);
  });

  it('a runtime password change needs currentPassword (400 without, 401 when wrong), unless the master key makes it', async () => {
    const change = (body: object, headers: Record<string, string> = bearer(alice)) => ctx().http.patch(url({ uniqueId: alice.id })).set(headers).send(body);
    expectError(await change({ password: 'new password 1' }), 400, 'current_password_required');
    expectError(await change({ password: 'new password 1', currentPassword: 'wrong' }), 401, 'invalid_credentials');
    expect((await logIn('alice-password')).status).to.equal(200);
    expect((await change({ password: 'new password 1', currentPassword: 'alice-password' })).status).to.equal(200);
    expect((await logIn('new password 1')).status).to.equal(200);
    const masterKey = (await ctx().http.post(`${C}/projects/${project.id}/master-key`).set(owner.auth)).body.masterKey as string;
    expect((await change({ password: 'new password 2' }, { 'X-Master-Key': masterKey })).status).to.equal(200);
    expect((await logIn('new password 2')).status).to.equal(200);
  });
});

forEachAdapter('account controls: an owner sends a user a reset email (real SMTP on loopback)', (adapter) => {
  const ctx = useApp(adapter);

  it('mails a working reset link with the project\'s settings and template (202)', async () => {
    const mailbox = await startMailbox();
    try {
      const { owner, project } = await mailProject(ctx().http, mailbox);
      const endpoint = ((await ctx().http.get(`${C}/projects/${project.id}/endpoints`).set(owner.auth)).body as Endpoint[])[0]!;
      const user = await signUpEndUser(ctx().http, project, AUTH, { email: 'carol@example.com', password: 'carol-password' });
      const sent = await ctx().http.post(`${C}/projects/${project.id}/endpoints/${endpoint.id}/users/${user.id}/password-reset`).set(owner.auth).send({ templateName: TEMPLATE });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(202);
      const mail = await mailbox.next();
      const confirm = await ctx().http.post(ce(AUTH, { key: project.apiKey, passwordreset: 'true' })).send({ token: tokenIn(mail), password: 'reset by mail' });
      expect(confirm.status).to.equal(204);
      expect((await ctx().http.post(ce(AUTH, { key: project.apiKey, login: 'true' })).send({ email: 'carol@example.com', password: 'reset by mail' })).status).to.equal(200);
      const missing = await ctx().http.post(`${C}/projects/${project.id}/endpoints/${endpoint.id}/users/${user.id}/password-reset`).set(owner.auth).send({ templateName: 'nope' });
      expectError(missing, 404, 'template_not_found');
    } finally {
      await mailbox.close();
    }
  });
});
