import { expect } from 'chai';
import type { AuditEvent, Endpoint } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, PASSWORD, newEndpoint, newProject, signUpOwner } from '../helpers/console.js';
import { AUTH, TEMPLATE, mailProject } from '../helpers/email.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';
import { SMTP_PASS, startMailbox, tokenIn } from '../helpers/smtp.js';

const ALICE_PASSWORD = 'alice secret pw 1';
const NEW_PASSWORD = 'alice secret pw 2';
const OWNER_SET_PASSWORD = 'alice secret pw 3';
const RESET_PASSWORD = 'alice secret pw 4';

forEachAdapter('console API: the audit log', (adapter) => {
  const ctx = useApp(adapter);

  async function exportOf(projectId: string, auth: { Authorization: string }, query = ''): Promise<{ text: string; events: AuditEvent[] }> {
    const res = await ctx().http.get(`${C}/projects/${projectId}/audit/export${query}`).set(auth).buffer(true).parse((r, done) => {
      let text = '';
      r.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      r.on('end', () => done(null, text));
    });
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/x-ndjson/);
    const text = res.body as string;
    return { text, events: text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent) };
  }

  it('records every action with its actor and target, and no secret anywhere in the export', async () => {
    const mailbox = await startMailbox();
    try {
      const { http } = ctx();
      const { owner, project } = await mailProject(http, mailbox);
      const endpoint = ((await http.get(`${C}/projects/${project.id}/endpoints`).set(owner.auth)).body as Endpoint[])[0]!;
      const url = (params: Record<string, string> = {}) => ce(AUTH, { key: project.apiKey, ...params });
      const alice = await signUpEndUser(http, project, AUTH, { username: 'alice', email: 'alice@example.com', password: ALICE_PASSWORD }, 'agent/alice');
      expect((await http.post(url({ login: 'true' })).send({ username: 'alice', password: 'wrong guess' })).status).to.equal(401);
      expect((await http.patch(url({ uniqueId: alice.id })).set(bearer(alice)).send({ password: NEW_PASSWORD, currentPassword: ALICE_PASSWORD })).status).to.equal(200);
      expect((await http.post(url({ passwordreset: 'true' })).send({ email: 'alice@example.com', templateName: TEMPLATE })).status).to.equal(202);
      const resetToken = tokenIn(await mailbox.next());
      expect((await http.post(url({ passwordreset: 'true' })).send({ token: resetToken, password: RESET_PASSWORD })).status).to.equal(204);
      const masterKey = (await http.post(`${C}/projects/${project.id}/master-key`).set(owner.auth)).body.masterKey as string;
      expect((await http.get(url()).set('X-Master-Key', masterKey)).status).to.equal(200);
      expect((await http.get(url()).set('X-Master-Key', masterKey)).status).to.equal(200);
      const users = `${C}/projects/${project.id}/endpoints/${endpoint.id}/users/${alice.id}`;
      expect((await http.patch(users).set(owner.auth).send({ password: OWNER_SET_PASSWORD })).status).to.equal(200);
      expect((await http.patch(users).set(owner.auth).send({ disabled: true })).status).to.equal(200);
      expect((await http.post(`${C}/projects/${project.id}/api-key`).set(owner.auth)).status).to.equal(200);

      const { text, events } = await exportOf(project.id, owner.auth);
      const types = events.map((e) => e.type).reverse();
      expect(types).to.include.members([
        'project.created', 'endpoint.created', 'email.settings_changed', 'user.registered', 'user.login', 'user.login_failed',
        'user.password_changed', 'user.password_reset_requested', 'user.password_reset', 'project.master_key_created',
        'master_key.used', 'user.disabled', 'project.api_key_rotated',
      ]);
      expect(types.filter((t) => t === 'master_key.used')).to.have.length(1);
      const find = (type: string) => events.find((e) => e.type === type)!;
      expect(find('user.registered')).to.deep.include({ actor: { kind: 'user', id: alice.id }, target: { endpoint: endpoint.id, uniqueId: alice.id } });
      expect(find('user.login_failed').details).to.deep.equal({ reason: 'wrong_password', identifier: 'ali…' });
      expect(find('user.disabled')).to.deep.include({ actor: { kind: 'owner', id: owner.owner.id }, target: { endpoint: endpoint.id, uniqueId: alice.id } });
      expect(find('master_key.used').actor).to.deep.equal({ kind: 'master' });
      expect(find('user.login').target.sessionId).to.match(/^[0-9a-f]{32}$/);
      expect(find('user.login').userAgent).to.equal('agent/alice');
      for (const event of events) expect(event.requestId).to.be.a('string').and.not.equal('');
      const secrets = [PASSWORD, ALICE_PASSWORD, NEW_PASSWORD, OWNER_SET_PASSWORD, RESET_PASSWORD, 'wrong guess', alice.token, owner.token, masterKey, resetToken, SMTP_PASS, project.apiKey];
      for (const secret of secrets) expect(text, `the export holds ${secret}`).to.not.include(secret);
    } finally {
      await mailbox.close();
    }
  });

  it('pages newest first with a cursor and filters by type and user', async () => {
    const { http } = ctx();
    const owner = await signUpOwner(http);
    const project = await newProject(http, owner);
    for (let i = 0; i < 5; i++) await newEndpoint(http, owner, project.id, { name: `notes-${i}` });
    const page = (query: string) => http.get(`${C}/projects/${project.id}/audit${query}`).set(owner.auth);
    const first = await page('?limit=3&type=endpoint.created');
    expect(first.status).to.equal(200);
    expect(first.body.items.map((e: AuditEvent) => e.details.name)).to.deep.equal(['notes-4', 'notes-3', 'notes-2']);
    const second = await page(`?limit=3&type=endpoint.created&after=${first.body.next}`);
    expect(second.body.items.map((e: AuditEvent) => e.details.name)).to.deep.equal(['notes-1', 'notes-0']);
    expect(second.body.next).to.equal(null);
    expect((await page('?type=project.created')).body.items).to.have.length(1);
    expect((await page(`?user=${'a'.repeat(32)}`)).body.items).to.deep.equal([]);
    expectError(await page('?limit=0'), 400, 'invalid_parameter');
    expectError(await page('?after=nope'), 400, 'invalid_parameter');
    expectError(await page('?type=DROP TABLE'), 400, 'invalid_parameter');
  });

  it('shows a project\'s log to its owner only', async () => {
    const { http } = ctx();
    const owner = await signUpOwner(http);
    const project = await newProject(http, owner);
    const stranger = await signUpOwner(http);
    expectError(await http.get(`${C}/projects/${project.id}/audit`).set(stranger.auth), 404, 'project_not_found');
    expectError(await http.get(`${C}/projects/${project.id}/audit/export`).set(stranger.auth), 404, 'project_not_found');
    expectError(await http.get(`${C}/projects/${project.id}/audit`), 401, 'unauthorized');
  });

  it('writes no event for an action that fails', async () => {
    const { http } = ctx();
    const owner = await signUpOwner(http);
    const project = await newProject(http, owner);
    await newEndpoint(http, owner, project.id, { name: 'notes' });
    const before = (await exportOf(project.id, owner.auth)).events.length;
    expectError(await http.post(`${C}/projects/${project.id}/endpoints`).set(owner.auth).send({ name: 'notes' }), 409, 'endpoint_exists');
    expectError(await http.patch(`${C}/projects/${project.id}`).set(owner.auth).send({ name: '' }), 400, 'invalid_project_name');
    const endpoint = ((await http.get(`${C}/projects/${project.id}/endpoints`).set(owner.auth)).body as Endpoint[])[0]!;
    expectError(await http.delete(`${C}/projects/${project.id}/endpoints/${endpoint.id}/records/${'f'.repeat(32)}`).set(owner.auth), 404, 'record_not_found');
    expect((await exportOf(project.id, owner.auth)).events).to.have.length(before);
  });
});
