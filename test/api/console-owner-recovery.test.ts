import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword, openSqliteStorage, type Config } from '@rested/server';
import { forEachAdapter, type Adapter } from '../helpers/adapters.js';
import { TEST_SECRET, appOn, type TestContext } from '../helpers/app.js';
import { C, PASSWORD, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { bearer } from '../helpers/headers.js';
import { lastErrorLine, runCli } from '../helpers/cli.js';
import { SMTP_PASS, SMTP_USER, startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

const PUBLIC_URL = 'https://rested.test';
const NEW_PASSWORD = 'a brand new password';

/** A fresh app per test, with the server's own SMTP (the loopback mailbox) and PUBLIC_URL unless `mail` is false. */
function useOwnerApp(adapter: Adapter, options: { mail: boolean }): () => TestContext & { mailbox: Mailbox } {
  let current: (TestContext & { mailbox: Mailbox; dispose(): Promise<void> }) | undefined;
  beforeEach(async () => {
    const mailbox = await startMailbox();
    const { storage, dispose } = await adapter.open();
    const config: Partial<Config> = options.mail
      ? { publicUrl: PUBLIC_URL, ownerMail: { from: 'rested <no-reply@rested.test>', target: { host: '127.0.0.1', port: mailbox.port, secure: false, user: SMTP_USER, pass: SMTP_PASS } } }
      : {};
    const { app, http } = appOn(storage, { config });
    current = { app, http, storage, mailbox, dispose: async () => { await app.shutdown(); await dispose(); await mailbox.close(); } };
  });
  afterEach(() => current?.dispose());
  return () => current!;
}

forEachAdapter('console API: owners recover their account by email', (adapter) => {
  const ctx = useOwnerApp(adapter, { mail: true });
  const reset = (email: string) => ctx().http.post(`${C}/auth/password-reset`).send({ email });
  const confirm = (token: string, password = NEW_PASSWORD) => ctx().http.post(`${C}/auth/password-reset/confirm`).send({ token, password });
  const logIn = (email: string, password: string) => ctx().http.post(`${C}/auth/login?noCookie=true`).send({ email, password });

  it('offers the reset on the sign-in page, and says whether any owner exists yet', async () => {
    expect((await ctx().http.get(`${C}/auth/options`)).body).to.deep.equal({ signup: 'open', passwordReset: true, hasOwners: false });
    await signUpOwner(ctx().http);
    expect((await ctx().http.get(`${C}/auth/options`)).body).to.deep.equal({ signup: 'open', passwordReset: true, hasOwners: true });
  });

  it('mails a link to the reset page whose token sets a new password once and revokes every console session', async () => {
    const owner = await signUpOwner(ctx().http);
    const res = await reset(owner.owner.email.toUpperCase());
    expect(res.status).to.equal(202);
    const mail = await ctx().mailbox.next();
    expect(mail.to).to.have.nested.property('text', owner.owner.email);
    expect(mail.text).to.include(`${PUBLIC_URL}/reset-password?token=`);
    const token = tokenIn(mail);
    expect((await confirm(token)).status).to.equal(204);
    expectError(await ctx().http.get(`${C}/auth/me`).set(owner.auth), 401, 'unauthorized');
    expect((await logIn(owner.owner.email, NEW_PASSWORD)).status).to.equal(200);
    expectError(await logIn(owner.owner.email, PASSWORD), 401, 'invalid_credentials');
    expectError(await confirm(token, 'yet another password'), 400, 'invalid_reset_token');
  });

  it('answers 202 for an unknown email and sends nothing; a weak password keeps the token', async () => {
    const owner = await signUpOwner(ctx().http);
    expect((await reset('nobody@example.com')).status).to.equal(202);
    expect((await reset(owner.owner.email)).status).to.equal(202);
    const token = tokenIn(await ctx().mailbox.next());
    expect(ctx().mailbox.messages).to.have.length(1);
    expectError(await confirm(token, 'short'), 400, 'validation_failed');
    expect((await confirm(token)).status).to.equal(204);
  });
});

forEachAdapter('console API: owner account page', (adapter) => {
  const ctx = useOwnerApp(adapter, { mail: false });

  it('refuses the mailed reset without SMTP_URL and PUBLIC_URL, and says so on the sign-in page', async () => {
    expect((await ctx().http.get(`${C}/auth/options`)).body.passwordReset).to.equal(false);
    expectError(await ctx().http.post(`${C}/auth/password-reset`).send({ email: 'a@example.com' }), 409, 'email_not_configured');
  });

  it('changes the password with the current one, revoking the other sessions only', async () => {
    const owner = await signUpOwner(ctx().http);
    const other = await ctx().http.post(`${C}/auth/login?noCookie=true`).send({ email: owner.owner.email, password: PASSWORD });
    const change = (currentPassword: string) => ctx().http.post(`${C}/auth/password`).set(owner.auth).send({ currentPassword, newPassword: NEW_PASSWORD });
    const wrong = await change('not my password');
    expectError(wrong, 400, 'validation_failed');
    expect(wrong.body.error.fields).to.have.property('currentPassword');
    expect((await change(PASSWORD)).status).to.equal(204);
    expect((await ctx().http.get(`${C}/auth/me`).set(owner.auth)).status, 'this session stays').to.equal(200);
    expectError(await ctx().http.get(`${C}/auth/me`).set(bearer(other.body.token)), 401, 'unauthorized');
  });

  it('lists the own live sessions, marks the current one, and revokes one; another owner\'s is 404', async () => {
    const owner = await signUpOwner(ctx().http);
    const second = await ctx().http.post(`${C}/auth/login?noCookie=true`).send({ email: owner.owner.email, password: PASSWORD });
    const stranger = await signUpOwner(ctx().http);
    const list = await ctx().http.get(`${C}/auth/sessions`).set(owner.auth);
    expect(list.body).to.have.length(2);
    expect(list.body.filter((s: { current: boolean }) => s.current)).to.have.length(1);
    const other = list.body.find((s: { current: boolean }) => !s.current);
    expectError(await ctx().http.delete(`${C}/auth/sessions/${other.id}`).set(stranger.auth), 404, 'not_found');
    expect((await ctx().http.delete(`${C}/auth/sessions/${other.id}`).set(owner.auth)).status).to.equal(204);
    expectError(await ctx().http.get(`${C}/auth/me`).set(bearer(second.body.token)), 401, 'unauthorized');
    expect((await ctx().http.get(`${C}/auth/sessions`).set(owner.auth)).body).to.have.length(1);
  });
});

describe('npm run owner -- reset-password <email> (rested owner reset-password) [sqlite]', () => {
  it('prints a one-time link whose token works with the confirm call of the running server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rested-owner-'));
    const storage = await openSqliteStorage({ file: join(dir, 'rested.sqlite') });
    const { app, http } = appOn(storage);
    try {
      await storage.createOwner({ email: 'self@host.example', name: 'Self', passwordHash: await hashPassword('forgotten password') });
      const env = { DATA_DIR: dir, SECRET: TEST_SECRET, PORT: '4555' };
      const printed = await runCli(['owner', 'reset-password', 'SELF@host.example'], env);
      expect(printed.code, printed.stderr).to.equal(0);
      const link = printed.stdout.trim();
      expect(link).to.match(/^http:\/\/localhost:4555\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
      const token = new URL(link).searchParams.get('token')!;
      expect((await http.post(`${C}/auth/password-reset/confirm`).send({ token, password: NEW_PASSWORD })).status).to.equal(204);
      expect((await http.post(`${C}/auth/login`).send({ email: 'self@host.example', password: NEW_PASSWORD })).status).to.equal(200);
      const unknown = await runCli(['owner', 'reset-password', 'nobody@host.example'], env);
      expect([unknown.code, lastErrorLine(unknown)]).to.deep.equal([1, 'rested: no owner account has the email nobody@host.example']);
      const missing = await runCli(['owner', 'reset-password'], env);
      expect([missing.code, lastErrorLine(missing)]).to.deep.equal([1, "rested: owner reset-password needs the owner's email (rested owner --help)"]);
    } finally {
      await app.shutdown();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
