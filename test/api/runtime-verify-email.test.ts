import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { manualClock } from '../helpers/clock.js';
import { AUTH, TEMPLATE, mailProject, type MailProject } from '../helpers/email.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { logInEndUser } from '../helpers/runtime.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

const BOB = { username: 'bob', email: 'bob@example.com', password: 'bob-password-1' };

forEachAdapter('POST /api/1/ce/:auth?verifyemail=true (real SMTP on loopback)', (adapter) => {
  const clock = manualClock();
  const ctx = useApp(adapter, { clock });
  let mailbox: Mailbox;
  let p: MailProject;
  beforeEach(async () => {
    clock.reset();
    mailbox = await startMailbox();
    p = await mailProject(ctx().http, mailbox, { endpoint: { requireVerifiedEmail: true } });
  });
  afterEach(() => mailbox.close());

  const register = (body: Record<string, unknown>, params: Record<string, string> = {}) => ctx().http.post(p.url(params)).send(body);
  const requestVerification = (email = BOB.email) => ctx().http.post(p.url({ verifyemail: 'true' })).send({ email, templateName: TEMPLATE });
  const confirm = (token: string) => ctx().http.post(p.url({ verifyemail: 'true' })).send({ token });
  const logIn = () => ctx().http.post(p.url({ login: 'true', noATCookie: 'true' })).send({ email: BOB.email, password: BOB.password });

  it('registers with emailVerified false whatever the body says, and refuses login with 403 email_not_verified', async () => {
    const res = await register({ ...BOB, emailVerified: true });
    expect(res.status).to.equal(201);
    expect(res.body.data.emailVerified).to.equal(false);
    const refused = await logIn();
    expectError(refused, 403, 'email_not_verified');
    expect(refused.headers).to.not.have.property('authorization');
  });

  it('verifies with the mailed token once: emailVerified true, and login works', async () => {
    expect((await register(BOB)).status).to.equal(201);
    expect((await requestVerification()).status).to.equal(202);
    const token = tokenIn(await mailbox.next());
    expect((await confirm(token)).status).to.equal(204);
    const login = await logIn();
    expect(login.status, JSON.stringify(login.body)).to.equal(200);
    expect(login.body.data.emailVerified).to.equal(true);
    expectError(await confirm(token), 400, 'invalid_verification_token');
  });

  it('sends the verification mail on register with sendVerification=<template>, in the same call', async () => {
    const res = await register(BOB, { sendVerification: TEMPLATE });
    expect(res.status).to.equal(201);
    const mail = await mailbox.next();
    expect(mail.to).to.have.nested.property('text', BOB.email);
    expect((await confirm(tokenIn(mail))).status).to.equal(204);
  });

  it('refuses sendVerification with an unknown template before creating the user', async () => {
    expectError(await register(BOB, { sendVerification: 'nope' }), 404, 'template_not_found');
    expectError(await register({ username: 'carol', password: 'carol-password' }, { sendVerification: TEMPLATE }), 400, 'invalid_body');
    expect(await ctx().storage.countUsers((await ctx().storage.findEndpointByName(p.project.id, AUTH))!.id)).to.equal(0);
  });

  it('is false again after the email changes, and a token mailed to the old address no longer verifies', async () => {
    const id = (await register(BOB)).body.uniqueId as string;
    expect((await requestVerification()).status).to.equal(202);
    expect((await confirm(tokenIn(await mailbox.next()))).status).to.equal(204);
    const bob = { id, token: await logInEndUser(ctx().http, p.project, AUTH, BOB) };
    expect((await requestVerification()).status).to.equal(202);
    const pending = tokenIn(await mailbox.next());
    const kept = await ctx().http.patch(p.url({ uniqueId: bob.id })).set(bearer(bob)).send({ nickname: 'B', emailVerified: false });
    expect(kept.body.data.emailVerified, 'an update body cannot unset it').to.equal(true);
    const changed = await ctx().http.patch(p.url({ uniqueId: bob.id })).set(bearer(bob)).send({ email: 'bob@new.example', emailVerified: true });
    expect(changed.status).to.equal(200);
    expect(changed.body.data.emailVerified).to.equal(false);
    expectError(await confirm(pending), 400, 'invalid_verification_token');
  });

  it('expires a verification token after 24 hours', async () => {
    await register(BOB);
    await requestVerification();
    const token = tokenIn(await mailbox.next());
    clock.advance(24 * 60 * 60 * 1000 + 1);
    expectError(await confirm(token), 400, 'invalid_verification_token');
  });

  it('answers 202 for an unknown email and sends nothing', async () => {
    expect((await requestVerification('ghost@example.com')).status).to.equal(202);
    await register(BOB, { sendVerification: TEMPLATE });
    await mailbox.next();
    expect(mailbox.messages).to.have.length(1);
  });
});
