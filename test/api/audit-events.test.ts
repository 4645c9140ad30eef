import { expect } from 'chai';
import type { AuditEvent, Endpoint, Project } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newEndpoint, type SignedUp } from '../helpers/console.js';
import { AUTH, TEMPLATE, mailProject } from '../helpers/email.js';
import { bearer } from '../helpers/headers.js';
import { ce, createRecord, logInEndUser, signUpEndUser, type EndUser } from '../helpers/runtime.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

forEachAdapter('the audit log: each action writes its event, with its actor and target', (adapter) => {
  const ctx = useApp(adapter);
  let mailbox: Mailbox;
  let owner: SignedUp;
  let project: Project;
  let auth: Endpoint;
  let notes: Endpoint;
  let alice: EndUser;
  const url = (params: Record<string, string> = {}) => ce(AUTH, { key: project.apiKey, ...params });
  const P = () => `${C}/projects/${project.id}`;

  beforeEach(async () => {
    mailbox = await startMailbox();
    ({ owner, project } = await mailProject(ctx().http, mailbox));
    auth = ((await ctx().http.get(`${P()}/endpoints`).set(owner.auth)).body as Endpoint[])[0]!;
    notes = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
    alice = await signUpEndUser(ctx().http, project, AUTH, { username: 'alice', email: 'alice@example.com', password: 'alice-password' });
  });
  afterEach(() => mailbox.close());

  /** The newest event of the project. */
  async function latest(): Promise<AuditEvent> {
    const res = await ctx().http.get(`${P()}/audit?limit=1`).set(owner.auth);
    return res.body.items[0] as AuditEvent;
  }
  const asUser = () => ({ kind: 'user', id: alice.id });
  const asOwner = () => ({ kind: 'owner', id: owner.owner.id });
  const onAlice = () => ({ endpoint: auth.id, uniqueId: alice.id });

  const logInAlice = () => logInEndUser(ctx().http, project, AUTH, { username: 'alice', password: 'alice-password' });
  const disableAlice = () => ctx().http.patch(`${P()}/endpoints/${auth.id}/users/${alice.id}`).set(owner.auth).send({ disabled: true });

  const cases: { type: string; before?: () => Promise<unknown>; act: () => Promise<unknown>; actor: () => object; target: () => object; details?: object }[] = [
    { type: 'user.logout', before: logInAlice, act: () => ctx().http.post(url({ logout: 'true', scope: 'others' })).set(bearer(alice)), actor: asUser, target: onAlice, details: { scope: 'others' } },
    { type: 'user.deleted', act: () => ctx().http.delete(url({ uniqueId: alice.id })).set(bearer(alice)), actor: asUser, target: onAlice },
    { type: 'user.email_verified', act: async () => {
      await ctx().http.post(url({ verifyemail: 'true' })).send({ email: 'alice@example.com', templateName: TEMPLATE });
      await ctx().http.post(url({ verifyemail: 'true' })).send({ token: tokenIn(await mailbox.next()) });
    }, actor: asUser, target: onAlice },
    { type: 'user.enabled', before: disableAlice, act: () => ctx().http.patch(`${P()}/endpoints/${auth.id}/users/${alice.id}`).set(owner.auth).send({ disabled: false }), actor: asOwner, target: onAlice },
    { type: 'sessions.revoked_by_owner', before: logInAlice, act: () => ctx().http.delete(`${P()}/endpoints/${auth.id}/sessions?user=${alice.id}`).set(owner.auth), actor: asOwner, target: onAlice },
    { type: 'user.deleted', act: () => ctx().http.delete(`${P()}/endpoints/${auth.id}/records/${alice.id}`).set(owner.auth), actor: asOwner, target: onAlice },
    { type: 'record.deleted_by_owner', act: async () => {
      const record = await createRecord(ctx(), ce('notes', { key: project.apiKey }), { text: 'x' });
      await ctx().http.delete(`${P()}/endpoints/${notes.id}/records/${record.uniqueId}`).set(owner.auth);
    }, actor: asOwner, target: () => ({ endpoint: notes.id }) },
    { type: 'project.updated', act: () => ctx().http.patch(P()).set(owner.auth).send({ name: 'Renamed' }), actor: asOwner, target: () => ({}), details: { fields: ['name'] } },
    { type: 'endpoint.updated', act: () => ctx().http.patch(`${P()}/endpoints/${notes.id}`).set(owner.auth).send({ description: 'd' }), actor: asOwner, target: () => ({ endpoint: notes.id }), details: { fields: ['description'] } },
    { type: 'endpoint.deleted', act: () => ctx().http.delete(`${P()}/endpoints/${notes.id}`).set(owner.auth), actor: asOwner, target: () => ({ endpoint: notes.id }), details: { name: 'notes' } },
    { type: 'project.master_key_deleted', act: () => ctx().http.delete(`${P()}/master-key`).set(owner.auth), actor: asOwner, target: () => ({}) },
    { type: 'email.settings_changed', act: () => ctx().http.delete(`${P()}/email`).set(owner.auth), actor: asOwner, target: () => ({}), details: { action: 'deleted' } },
  ];

  for (const c of cases) {
    it(`${c.type}, by the ${c.actor === asOwner ? 'owner' : 'user'}${c.details ? `, with ${JSON.stringify(c.details)}` : ''}`, async () => {
      await c.before?.();
      await c.act();
      const event = await latest();
      expect(event.type).to.equal(c.type);
      expect(event.actor).to.deep.equal(c.actor());
      expect(event.target).to.deep.include(c.target());
      if (c.details) expect(event.details).to.deep.include(c.details);
    });
  }

  it('project.deleted, by the owner: kept after the project is gone, until retention', async () => {
    expect((await ctx().http.delete(P()).set(owner.auth)).status).to.equal(204);
    const [event] = await ctx().storage.listAuditEvents(project.id, { limit: 1 });
    expect(event).to.deep.include({ type: 'project.deleted', actor: { kind: 'owner', id: owner.owner.id }, details: { name: project.name } });
  });
});
