import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C } from '../helpers/console.js';
import { AUTH, TEMPLATE, capturingLogger, mailProject, smtpSettings } from '../helpers/email.js';
import { sleep } from '../helpers/fixtures.js';
import { signUpEndUser } from '../helpers/runtime.js';
import { SMTP_PASS, startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

forEachAdapter('the mail queue: off the request path, with retries', (adapter) => {
  const { logger, lines } = capturingLogger();
  const ctx = useApp(adapter, { logger, mailRetryDelaysMs: [100, 100] });
  let mailbox: Mailbox;
  beforeEach(async () => {
    lines.length = 0;
    mailbox = await startMailbox();
  });
  afterEach(() => mailbox.close());

  it('tries 3 times, then gives up; each failure is logged with the request id and the SMTP reply, never the token or the message', async () => {
    const p = await mailProject(ctx().http, mailbox);
    await signUpEndUser(ctx().http, p.project, AUTH, { username: 'dan', email: 'dan@example.com', password: 'dan-password' });
    const wrong = await ctx().http.put(`${C}/projects/${p.project.id}/email`).set(p.owner.auth).send(smtpSettings(mailbox, 'wrong-password'));
    expect(wrong.status).to.equal(200);
    const res = await ctx().http.post(p.url({ passwordreset: 'true' })).send({ email: 'dan@example.com', templateName: TEMPLATE });
    expect(res.status).to.equal(202);
    const requestId = res.headers['x-request-id'];
    for (let i = 0; i < 100 && !lines.some((l) => l.includes('given up')); i++) await sleep(20);
    const failures = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => String(l.msg).startsWith('mail not delivered'));
    expect(failures.map((f) => [f.attempt, f.req, f.kind])).to.deep.equal([1, 2, 3].map((n) => [n, requestId, 'password_reset']));
    expect(String(failures[0]!.reply)).to.match(/535/);
    expect(mailbox.logins.map((l) => l.pass)).to.deep.equal(['wrong-password', 'wrong-password', 'wrong-password']);
    const log = lines.join('\n');
    expect(log).to.not.include('wrong-password');
    expect(log).to.not.include(SMTP_PASS);
    expect(log).to.not.include('choose a new password');
  });

  it('delivers on a later attempt when the SMTP server comes back', async () => {
    const p = await mailProject(ctx().http, mailbox);
    await signUpEndUser(ctx().http, p.project, AUTH, { username: 'eve', email: 'eve@example.com', password: 'eve-password' });
    const port = mailbox.port;
    await mailbox.close();
    const res = await ctx().http.post(p.url({ passwordreset: 'true' })).send({ email: 'eve@example.com', templateName: TEMPLATE });
    expect(res.status).to.equal(202);
    const firstFailed = () => lines.some((l) => l.includes('"attempt":1') && l.includes('mail not delivered: will retry'));
    for (let i = 0; i < 100 && !firstFailed(); i++) await sleep(5);
    expect(firstFailed(), 'the first attempt failed').to.equal(true);
    mailbox = await startMailbox(port);
    const mail = await mailbox.next();
    expect(tokenIn(mail)).to.have.length(43);
    const delivered = () => lines.some((l) => l.includes('mail delivered') && l.includes('"attempt":2'));
    for (let i = 0; i < 100 && !delivered(); i++) await sleep(5);
    expect(delivered(), 'logged as delivered on the 2nd attempt').to.equal(true);
  });
});
