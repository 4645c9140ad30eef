import { expect } from 'chai';
import type { ParsedMail } from 'mailparser';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { C } from '../helpers/console.js';
import { AUTH, TEMPLATE, mailProject, type MailProject } from '../helpers/email.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { logInEndUser, signUpEndUser } from '../helpers/runtime.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

const ALICE = { username: 'alice', email: 'Alice@example.com', password: 'alice-old-password' };
const NEW_PASSWORD = 'alice-new-password';

forEachAdapter('POST /api/1/ce/:auth?passwordreset=true (real SMTP on loopback)', (adapter) => {
  const clock = manualClock();
  const ctx = useApp(adapter, { clock });
  let mailbox: Mailbox;
  let p: MailProject;
  beforeEach(async () => {
    clock.reset();
    mailbox = await startMailbox();
    p = await mailProject(ctx().http, mailbox);
  });
  afterEach(() => mailbox.close());

  const requestReset = (email = ALICE.email, templateName = TEMPLATE) => ctx().http.post(p.url({ passwordreset: 'true' })).send({ email, templateName });
  const confirm = (token: string, password = NEW_PASSWORD) => ctx().http.post(p.url({ passwordreset: 'true' })).send({ token, password });
  const logIn = (password: string) => ctx().http.post(p.url({ login: 'true', noATCookie: 'true' })).send({ email: ALICE.email, password });
  /** Asks for a reset and answers the message that arrives. */
  const resetMail = async (): Promise<ParsedMail> => {
    const res = await requestReset();
    expect(res.status, JSON.stringify(res.body)).to.equal(202);
    return mailbox.next();
  };

  it('answers 202 with an empty body and mails the template with a token that sets a new password once', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const res = await requestReset('alice@EXAMPLE.com');
    expect(res.status).to.equal(202);
    expect(res.text).to.equal('');
    const mail = await mailbox.next();
    expect(mail.to).to.have.nested.property('text', ALICE.email);
    expect(mail.from).to.have.nested.property('text').that.includes('no-reply@acme.test');
    expect(mail.subject).to.equal(`Reset for ${ALICE.email}`);
    expect(mail.text).to.include('Hello alice,');
    const token = tokenIn(mail);
    expect(token).to.match(/^[A-Za-z0-9_-]{43}$/);
    const confirmed = await confirm(token);
    expect(confirmed.status, JSON.stringify(confirmed.body)).to.equal(204);
    expect((await logIn(NEW_PASSWORD)).status).to.equal(200);
    expectError(await logIn(ALICE.password), 401, 'invalid_credentials');
    expectError(await confirm(token, 'another-password'), 400, 'invalid_reset_token');
    expect((await logIn(NEW_PASSWORD)).status, 'the second use changed nothing').to.equal(200);
  });

  it('revokes every session of the user on confirm', async () => {
    const alice = await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const second = await logInEndUser(ctx().http, p.project, AUTH, ALICE);
    expect((await confirm(tokenIn(await resetMail()))).status).to.equal(204);
    for (const token of [alice.token, second]) expectError(await ctx().http.get(p.url()).set(bearer(token)), 401, 'session_revoked');
  });

  it('refuses a token after its hour with 400 invalid_reset_token, the password unchanged', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const token = tokenIn(await resetMail());
    clock.advance(60 * 60 * 1000 + 1);
    expectError(await confirm(token), 400, 'invalid_reset_token');
    expect((await logIn(ALICE.password)).status).to.equal(200);
  });

  it('kills the older token when a newer one is asked for', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const first = tokenIn(await resetMail());
    const second = tokenIn(await resetMail());
    expect(second).to.not.equal(first);
    expectError(await confirm(first), 400, 'invalid_reset_token');
    expect((await confirm(second)).status).to.equal(204);
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const unknown = await requestReset('nobody@example.com');
    expect(unknown.status).to.equal(202);
    expect(unknown.text).to.equal('');
    const known = await resetMail();
    expect(known.to).to.have.nested.property('text', ALICE.email);
    expect(mailbox.messages.map((m) => m.to && !Array.isArray(m.to) && m.to.text)).to.deep.equal([ALICE.email]);
  });

  it('refuses a weak password with 400 invalid_body without using the token up', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const token = tokenIn(await resetMail());
    const weak = await confirm(token, 'short');
    expectError(weak, 400, 'invalid_body');
    expect(weak.body.error.fields).to.have.property('password');
    expect((await confirm(token)).status).to.equal(204);
  });

  it('checks the body, then the settings, then the template, and sends nothing for a refusal', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    expectError(await ctx().http.post(p.url({ passwordreset: 'true' })).send({ email: 'not-an-email', templateName: TEMPLATE }), 400, 'invalid_body');
    expectError(await ctx().http.post(p.url({ passwordreset: 'true' })).send({ email: ALICE.email }), 400, 'invalid_body');
    expectError(await requestReset(ALICE.email, 'no-such-template'), 404, 'template_not_found');
    expectError(await confirm(''), 400, 'invalid_body');
    expect((await ctx().http.delete(`${C}/projects/${p.project.id}/email`).set(p.owner.auth)).status).to.equal(204);
    expectError(await requestReset(ALICE.email, 'no-such-template'), 409, 'email_not_configured');
    expect(mailbox.messages).to.have.length(0);
  });

  it('never registers: a register body gets 400 invalid_body and no user is created', async () => {
    const res = await ctx().http.post(p.url({ passwordreset: 'true' })).send({ username: 'mallory', password: 'mallory-password' });
    expectError(res, 400, 'invalid_body');
    expect(await ctx().storage.countUsers((await ctx().storage.findEndpointByName(p.project.id, AUTH))!.id)).to.equal(0);
  });

  it('throttles beyond 5 requests per email in 15 minutes with 429 and Retry-After, known or not', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    for (let i = 0; i < 5; i++) {
      expect((await requestReset('nobody@example.com')).status).to.equal(202);
      expect((await requestReset()).status).to.equal(202);
    }
    for (const email of ['nobody@example.com', ALICE.email]) {
      const res = await requestReset(email);
      expectError(res, 429, 'too_many_requests');
      expect(Number(res.headers['retry-after'])).to.be.within(1, 15 * 60);
    }
    for (let i = 0; i < 5; i++) await mailbox.next();
    expect(mailbox.messages).to.have.length(5);
  });

  it('throttles beyond 50 requests, and 50 token tries, from one client address in 15 minutes', async () => {
    for (let i = 0; i < 50; i++) expect((await requestReset(`user-${i}@example.com`)).status).to.equal(202);
    expectError(await requestReset('user-50@example.com'), 429, 'too_many_requests');
    const other = await ctx().http.post(p.url({ passwordreset: 'true' })).set('X-Forwarded-For', '203.0.113.9').send({ email: 'user-50@example.com', templateName: TEMPLATE });
    expect(other.status, 'another address is not held back').to.equal(202);
    for (let i = 0; i < 50; i++) expectError(await confirm(`guess-${i}`), 400, 'invalid_reset_token');
    const refused = await confirm('guess-50');
    expectError(refused, 429, 'too_many_requests');
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 15 * 60);
  });

  it('escapes placeholder values in the HTML part and keeps them as they are in the text part', async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, { ...ALICE, username: '<b>al & "ice"</b>' });
    const mail = await resetMail();
    expect(mail.html).to.include('Hello &lt;b&gt;al &amp; &quot;ice&quot;&lt;/b&gt;,');
    expect(mail.text).to.include('Hello <b>al & "ice"</b>,');
  });

  it("does not take another project's token, and leaves it usable where it belongs", async () => {
    await signUpEndUser(ctx().http, p.project, AUTH, ALICE);
    const token = tokenIn(await resetMail());
    const other = await mailProject(ctx().http, mailbox);
    await signUpEndUser(ctx().http, other.project, AUTH, ALICE);
    expectError(await ctx().http.post(other.url({ passwordreset: 'true' })).send({ token, password: NEW_PASSWORD }), 400, 'invalid_reset_token');
    expect((await confirm(token)).status).to.equal(204);
  });
});
