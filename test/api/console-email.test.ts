import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@rested/server';
import { forEachAdapter } from '../helpers/adapters.js';
import { appOn, useApp } from '../helpers/app.js';
import { C, newProject, signUpOwner } from '../helpers/console.js';
import { SENDER, TEMPLATE, TEMPLATE_BODY, capturingLogger, mailProject, smtpSettings } from '../helpers/email.js';
import { expectError } from '../helpers/errors.js';
import { SMTP_PASS, SMTP_USER, startMailbox, type Mailbox } from '../helpers/smtp.js';

forEachAdapter('console API: project email settings and test send (real SMTP on loopback)', (adapter) => {
  const { logger, lines } = capturingLogger();
  const ctx = useApp(adapter, { logger });
  let mailbox: Mailbox;
  beforeEach(async () => {
    lines.length = 0;
    mailbox = await startMailbox();
  });
  afterEach(() => mailbox.close());

  const emailUrl = (projectId: string) => `${C}/projects/${projectId}/email`;

  it('stores the settings with the password sealed, and never answers or logs it', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const put = await ctx().http.put(emailUrl(project.id)).set(owner.auth).send(smtpSettings(mailbox));
    expect(put.status).to.equal(200);
    expect(put.body).to.deep.include({ from: SENDER, hasPassword: true, passwordUnreadable: false });
    expect(put.body.smtp).to.deep.equal({ host: '127.0.0.1', port: mailbox.port, secure: false, user: SMTP_USER });
    const got = await ctx().http.get(emailUrl(project.id)).set(owner.auth);
    expect(got.body).to.deep.equal(put.body);
    const row = (await ctx().storage.findEmailSettings(project.id))!;
    expect(row.passwordSealed).to.be.a('string').and.match(/^v1\./).and.not.include(SMTP_PASS);
    expect(row.passwordSealed).to.not.include(Buffer.from(SMTP_PASS).toString('base64url'));
    const test = await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'owner@example.com' });
    expect(test.status, JSON.stringify(test.body)).to.equal(200);
    for (const text of [JSON.stringify(put.body), JSON.stringify(got.body), JSON.stringify(test.body), lines.join('\n')]) expect(text).to.not.include(SMTP_PASS);
  });

  it('keeps the stored password when a PUT leaves pass out, and removes it with pass: null', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    await ctx().http.put(emailUrl(project.id)).set(owner.auth).send(smtpSettings(mailbox));
    const { pass: _pass, ...smtp } = smtpSettings(mailbox).smtp;
    const kept = await ctx().http.put(emailUrl(project.id)).set(owner.auth).send({ from: 'ops@acme.test', smtp });
    expect(kept.body).to.include({ from: 'ops@acme.test', hasPassword: true });
    expect((await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'a@example.com' })).status).to.equal(200);
    const removed = await ctx().http.put(emailUrl(project.id)).set(owner.auth).send({ from: 'ops@acme.test', smtp: { ...smtp, pass: null } });
    expect(removed.body.hasPassword).to.equal(false);
  });

  it('takes the settings as one smtp:// URL too', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${mailbox.port}`;
    const put = await ctx().http.put(emailUrl(project.id)).set(owner.auth).send({ from: SENDER, url });
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
    expect(put.body.smtp).to.deep.equal({ host: '127.0.0.1', port: mailbox.port, secure: false, user: SMTP_USER });
    expect((await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'a@example.com' })).status).to.equal(200);
    expect((await mailbox.next()).subject).to.equal('Test email from Test project');
  });

  it('refuses bad settings with 400 validation_failed naming every field, and stores nothing', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const res = await ctx().http.put(emailUrl(project.id)).set(owner.auth).send({ from: 'nobody', smtp: { host: '', port: 70000, secure: 'yes' } });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.fields).to.have.keys('from', 'host', 'port', 'secure');
    expectError(await ctx().http.put(emailUrl(project.id)).set(owner.auth).send({ from: SENDER, url: 'http://x' }), 400, 'validation_failed');
    expect(await ctx().storage.findEmailSettings(project.id)).to.equal(null);
    expectError(await ctx().http.get(emailUrl(project.id)).set(owner.auth), 404, 'not_found');
  });

  it('answers the test send with 502 email_delivery_failed and the SMTP reply when the login is refused', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    await ctx().http.put(emailUrl(project.id)).set(owner.auth).send(smtpSettings(mailbox, 'not-the-password'));
    const res = await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'owner@example.com' });
    expectError(res, 502, 'email_delivery_failed');
    expect(res.body.error.message).to.match(/535/).and.match(/Invalid username or password/);
    expect(res.body.error.message).to.not.include('not-the-password');
    expect(mailbox.messages).to.have.length(0);
  });

  it('answers the test send with 502 email_delivery_failed when the SMTP server is unreachable', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    await ctx().http.put(emailUrl(project.id)).set(owner.auth).send(smtpSettings(mailbox));
    await mailbox.close();
    const res = await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'owner@example.com' });
    expectError(res, 502, 'email_delivery_failed');
    expect(res.body.error.message).to.match(/ECONNREFUSED/);
    mailbox = await startMailbox();
  });

  it('answers the test send with 409 email_not_configured without settings, and 400 for a bad address', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    expectError(await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'owner@example.com' }), 409, 'email_not_configured');
    expectError(await ctx().http.post(`${emailUrl(project.id)}/test`).set(owner.auth).send({ to: 'x' }), 400, 'validation_failed');
  });

  it("says the password is unreadable once SECRET changes, and the runtime answers 409 email_not_configured", async () => {
    const p = await mailProject(ctx().http, mailbox);
    const other = appOn(ctx().storage, { config: { secret: 'another-secret-another-secret-another-secret' } });
    try {
      const login = await other.http.post(`${C}/auth/login?noCookie=true`).send({ email: p.owner.owner.email, password: 'correct horse battery' });
      const auth = { Authorization: `Bearer ${login.body.token}` };
      const got = await other.http.get(emailUrl(p.project.id)).set(auth);
      expect(got.body).to.include({ hasPassword: true, passwordUnreadable: true });
      expectError(await other.http.post(p.url({ passwordreset: 'true' })).send({ email: 'a@example.com', templateName: TEMPLATE }), 409, 'email_not_configured');
      const again = await other.http.put(emailUrl(p.project.id)).set(auth).send(smtpSettings(mailbox));
      expect(again.body.passwordUnreadable).to.equal(false);
    } finally {
      await other.app.shutdown();
    }
  });

  it("hides another owner's project settings with 404 project_not_found", async () => {
    const p = await mailProject(ctx().http, mailbox);
    const stranger = await signUpOwner(ctx().http);
    expectError(await ctx().http.get(emailUrl(p.project.id)).set(stranger.auth), 404, 'project_not_found');
    expectError(await ctx().http.post(`${emailUrl(p.project.id)}/test`).set(stranger.auth).send({ to: 'x@example.com' }), 404, 'project_not_found');
  });
});

forEachAdapter('console API: email templates', (adapter) => {
  const ctx = useApp(adapter);
  const templateUrl = (projectId: string, name: string) => `${C}/projects/${projectId}/email/templates/${name}`;

  it('creates, lists, replaces and deletes a template, with or without settings', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const put = await ctx().http.put(templateUrl(project.id, TEMPLATE)).set(owner.auth).send(TEMPLATE_BODY);
    expect(put.status).to.equal(200);
    expect(put.body).to.include({ name: TEMPLATE, ...TEMPLATE_BODY });
    const replaced = await ctx().http.put(templateUrl(project.id, TEMPLATE)).set(owner.auth).send({ ...TEMPLATE_BODY, subject: 'New subject', text: undefined });
    expect(replaced.body).to.include({ subject: 'New subject', text: null, createdAt: put.body.createdAt });
    const list = await ctx().http.get(`${C}/projects/${project.id}/email/templates`).set(owner.auth);
    expect(list.body.map((t: { name: string }) => t.name)).to.deep.equal([TEMPLATE]);
    expect((await ctx().http.delete(templateUrl(project.id, TEMPLATE)).set(owner.auth)).status).to.equal(204);
    expectError(await ctx().http.get(templateUrl(project.id, TEMPLATE)).set(owner.auth), 404, 'template_not_found');
  });

  it('refuses a template without {{verificationtoken}} or {{email}} with 400 invalid_template, storing nothing', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const res = await ctx().http.put(templateUrl(project.id, TEMPLATE)).set(owner.auth).send({ subject: 'Hi', html: '<p>{{email}}</p>', text: 'no token' });
    expectError(res, 400, 'invalid_template');
    expect(res.body.error.fields).to.deep.equal({ html: 'html must contain {{verificationtoken}}.', text: 'text must contain {{verificationtoken}} and {{email}}.' });
    expectError(await ctx().http.put(templateUrl(project.id, 'Bad_Name')).set(owner.auth).send(TEMPLATE_BODY), 400, 'invalid_template');
    expect(await ctx().storage.listEmailTemplates(project.id)).to.deep.equal([]);
  });
});

describe('console API: the SMTP password is in no database file in clear [sqlite]', () => {
  it('leaves no trace of it in the SQLite file or its WAL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rested-email-'));
    const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite') });
    const mailbox = await startMailbox();
    const { app, http } = appOn(storage);
    try {
      await mailProject(http, mailbox);
      const files = readdirSync(dir).map((name) => readFileSync(join(dir, name)));
      expect(files.length).to.be.at.least(1);
      for (const bytes of files) expect(bytes.includes(Buffer.from(SMTP_PASS)), 'the password in clear').to.equal(false);
    } finally {
      await app.shutdown();
      await storage.close();
      await mailbox.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
