import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner, type DashboardOwner } from '../helpers/dashboard.js';
import { ce } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';
import { SMTP_PASS, SMTP_USER, startMailbox, tokenIn, type Mailbox } from '../helpers/smtp.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const DOC = fileURLToPath(new URL('../../docs/password-reset.md', import.meta.url));
const AUTH = 'members';
const TEMPLATE = 'reset-link';

/** The ```html block of the docs' "A complete frontend" section, its three constants set. */
function docsFrontend(endpointUrl: string, apiKey: string): string {
  const markdown = readFileSync(DOC, 'utf8');
  const section = markdown.slice(markdown.indexOf('## A complete frontend'));
  const html = /```html\n([\s\S]*?)\n```/.exec(section)![1]!;
  return html
    .replace("'https://rested.example.com/api/1/ce/members'", `'${endpointUrl}'`)
    .replace("'YOUR_API_KEY'", `'${apiKey}'`)
    .replace("'reset-link'", `'${TEMPLATE}'`);
}

describeBrowser('email in the dashboard, and a reset link in a frontend (Chromium, real SMTP on loopback)', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let mailbox: Mailbox;
  let frontendServer: Server;
  let frontendUrl: string;
  /** What the frontend's origin serves: the docs' page, once the project's key is known. */
  let frontendHtml = '';
  let dashboard: Page;
  let pageErrors: string[];

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    frontendServer = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(frontendHtml);
    });
    await new Promise<void>((resolve) => frontendServer.listen(0, '127.0.0.1', resolve));
    frontendUrl = `http://127.0.0.1:${(frontendServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    frontendServer?.closeAllConnections();
    await new Promise((resolve) => frontendServer?.close(resolve));
  });
  beforeEach(async () => {
    mailbox = await startMailbox();
    pageErrors = [];
    dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    dashboard.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterEach(async () => {
    await dashboard?.context().close();
    await mailbox.close();
  });

  const owner = () =>
    signedInOwner(dashboard.context(), server.url, { project: { name: 'Mail test', allowedOrigins: [frontendUrl] }, endpoints: [{ name: AUTH, auth: true }] });

  /** The Email tab: SMTP settings saved through the form. */
  async function configureEmail(o: DashboardOwner): Promise<void> {
    await dashboard.goto(`${o.projectUrl}/email`);
    await dashboard.getByLabel('From', { exact: true }).fill('Mail test <no-reply@mail.test>');
    await dashboard.getByLabel('Host', { exact: true }).fill('127.0.0.1');
    await dashboard.getByLabel('Port', { exact: true }).fill(String(mailbox.port));
    await dashboard.getByLabel('User', { exact: true }).fill(SMTP_USER);
    await dashboard.getByLabel('Password', { exact: true }).fill(SMTP_PASS);
    await dashboard.getByRole('button', { name: 'Save email settings' }).click();
    await dashboard.getByText('Saved ✓').first().waitFor();
    expect(await dashboard.getByLabel('Password', { exact: true }).getAttribute('placeholder')).to.match(/^Stored \(encrypted\)/);
    expect(await dashboard.getByLabel('Password', { exact: true }).inputValue(), 'the password is not shown again').to.equal('');
  }

  it('lets the owner configure email, send a test and edit a template; the mailed link resets an end user’s password in the frontend', async function () {
    this.timeout(120_000);
    const o = await owner();
    await configureEmail(o);

    // The test send arrives.
    await dashboard.getByRole('button', { name: 'Send test email' }).click();
    await dashboard.getByText(`Delivered to ${o.email} ✓`).waitFor();
    expect((await mailbox.next()).subject).to.equal('Test email from Mail test');

    // A template: a missing placeholder is named as it is typed; the preview shows the mail.
    await dashboard.getByLabel('Name', { exact: true }).fill(TEMPLATE);
    await dashboard.getByLabel('HTML', { exact: true }).fill('<p>Hi {{email}}</p>');
    await dashboard.getByText('The HTML must contain {{verificationtoken}}.').waitFor();
    const link = `${frontendUrl}/?token={{verificationtoken}}`;
    await dashboard.getByLabel('HTML', { exact: true }).fill(`<p>Hello {{username}}, <a href="${link}">choose a new password</a> for {{email}}.</p>`);
    await dashboard.getByLabel('Text (optional)').fill(`Open ${link} for {{email}}.`);
    await dashboard.frameLocator('[data-testid="email-preview"]').getByText('choose a new password').waitFor();
    expect(await dashboard.frameLocator('[data-testid="email-preview"]').locator('p').textContent()).to.equal('Hello ada, choose a new password for ada@example.com.');
    await dashboard.getByRole('button', { name: 'Save template' }).click();
    await dashboard.getByRole('button', { name: TEMPLATE, pressed: true }).waitFor();

    // An end user forgets the password: the "Use it" tab's fetch snippet, run in the frontend's page, mails the link.
    const http = supertest.agent(server.url);
    expect((await http.post(ce(AUTH, { key: o.project.apiKey })).send({ username: 'ada', email: 'ada@example.com', password: 'the-old-password' })).status).to.equal(201);
    frontendHtml = docsFrontend(`${server.url}/api/1/ce/${AUTH}`, o.project.apiKey);
    const frontend = await (await browser.newContext()).newPage();
    frontend.on('pageerror', (error) => pageErrors.push(String(error)));
    await frontend.goto(frontendUrl);
    await dashboard.goto(`${o.endpointUrl(AUTH)}/use`);
    const snippet = (await dashboard.getByTestId('snippet-reset-request-fetch').textContent())!.replace("'reset-password'", `'${TEMPLATE}'`);
    await frontend.evaluate((code) => new (Object.getPrototypeOf(async () => undefined).constructor)(code)(), snippet);
    expect(tokenIn(await mailbox.next()), 'the snippet asked for a mail').to.have.length(43);

    // The docs' page asks for another (it replaces the first); its link opens the page again.
    await frontend.getByLabel('Email').fill('ada@example.com');
    await frontend.getByRole('button', { name: 'Email me a link' }).click();
    await frontend.getByText('If an account has ada@example.com, a link is on its way.').waitFor();
    const mail = await mailbox.next();
    const href = /href="([^"]+)"/.exec(String(mail.html))![1]!.replace(/&amp;/g, '&');
    expect(href.startsWith(`${frontendUrl}/?token=`)).to.equal(true);
    await frontend.goto(href);
    await frontend.getByLabel('New password').fill('the-new-password');
    await frontend.getByRole('button', { name: 'Set new password' }).click();
    await frontend.getByText('Your password is changed.').waitFor();
    const login = (password: string) => http.post(ce(AUTH, { key: o.project.apiKey, login: 'true', noATCookie: 'true' })).send({ email: 'ada@example.com', password });
    expect((await login('the-new-password')).status).to.equal(200);
    expect((await login('the-old-password')).status).to.equal(401);

    // The same link a second time: the page says why it no longer works.
    await frontend.goto(href);
    await frontend.getByLabel('New password').fill('a-third-password');
    await frontend.getByRole('button', { name: 'Set new password' }).click();
    await frontend.getByText('This link is no longer valid').waitFor();
    await frontend.context().close();
    expect(pageErrors).to.deep.equal([]);
  });

  it('shows the SMTP server’s reply when the test email fails, and turns on Require a verified email', async function () {
    this.timeout(60_000);
    const o = await owner();
    await configureEmail(o);
    await dashboard.getByLabel('Password', { exact: true }).fill('a wrong password');
    await dashboard.getByRole('button', { name: 'Save email settings' }).click();
    await dashboard.getByText('Saved ✓').first().waitFor();
    await dashboard.getByRole('button', { name: 'Send test email' }).click();
    const alert = dashboard.getByRole('alert').filter({ hasText: 'The test email was not delivered' });
    await alert.waitFor();
    expect(await alert.textContent()).to.match(/535/).and.match(/email_delivery_failed/);

    await dashboard.goto(`${o.endpointUrl(AUTH)}/settings`);
    await dashboard.getByLabel('Require a verified email').check();
    await dashboard.getByRole('button', { name: 'Save endpoint' }).click();
    await dashboard.getByText('Saved ✓').first().waitFor();
    const endpoint = await dashboard.evaluate((url) => fetch(url).then((r) => r.json()), `/api/console/projects/${o.project.id}/endpoints/${o.endpoints[AUTH]!.id}`);
    expect(endpoint.requireVerifiedEmail).to.equal(true);
    expect(pageErrors).to.deep.equal([]);
  });
});
