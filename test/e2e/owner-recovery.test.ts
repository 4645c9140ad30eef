import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { C, PASSWORD, signUpOwner } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { startServer } from '../helpers/servers.js';
import { SMTP_PASS, SMTP_USER, startMailbox, type Mailbox } from '../helpers/smtp.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

describeBrowser('owners recover their account in the dashboard (Chromium, real SMTP on loopback)', () => {
  let browser: Browser;
  let mailbox: Mailbox;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
  });
  after(() => browser?.close());
  beforeEach(async () => {
    mailbox = await startMailbox();
    // PUBLIC_URL is only known once the server listens: the links say localhost, which it is.
    server = await startServer(adapters()[0]!, {
      dashboardDir: DASHBOARD_DIST,
      ownerMail: { from: 'rested <no-reply@rested.test>', target: { host: '127.0.0.1', port: mailbox.port, secure: false, user: SMTP_USER, pass: SMTP_PASS } },
      publicUrl: 'http://localhost:PORT',
    });
    page = await (await browser.newContext()).newPage();
  });
  afterEach(async () => {
    await page?.context().close();
    await server?.close();
    await mailbox?.close();
  });

  it('mails a reset link from "Forgot password?" that sets a new password, then changes it again on the Account page', async function () {
    this.timeout(60_000);
    const owner = await signUpOwner(supertest.agent(server.url));
    await page.goto(`${server.url}/signin`);
    await page.getByRole('link', { name: 'Forgot password?' }).click();
    await page.getByLabel('Email').fill(owner.owner.email);
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await page.getByText('a reset link is on its way').waitFor();
    const link = /http:\/\/localhost:PORT(\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(String((await mailbox.next()).text))![1]!;
    await page.goto(`${server.url}${link}`);
    await page.getByLabel('New password').fill('the second password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('Your password is changed.').waitFor();
    expectError(await supertest(server.url).get(`${C}/auth/me`).set(owner.auth), 401, 'unauthorized');

    await page.getByRole('link', { name: 'Sign in' }).first().click();
    await page.getByLabel('Email').fill(owner.owner.email);
    await page.getByLabel('Password').fill('the second password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/projects$/);
    await page.getByRole('link', { name: 'Test Owner' }).click();
    await page.getByLabel('Current password').fill(PASSWORD);
    await page.getByLabel('New password').fill('the third password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').filter({ hasText: 'The current password is wrong.' }).waitFor();
    await page.getByLabel('Current password').fill('the second password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Saved ✓').waitFor();
    await page.getByText('This browser').waitFor();
    const login = await supertest(server.url).post(`${C}/auth/login`).send({ email: owner.owner.email, password: 'the third password' });
    expect(login.status).to.equal(200);
  });
});
