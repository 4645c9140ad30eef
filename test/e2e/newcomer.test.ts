import { expect } from 'chai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { CHROMIUM_ARGS, describeBrowser, findChromium } from '../helpers/browser.js';
import { signedInOwner } from '../helpers/dashboard.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const CHROME_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
/** A name that is not localhost, resolved by Chromium to the loopback server: plain HTTP off localhost. */
const PLAIN_HOST = 'rested.test';

/* What a newcomer tripped over (issue 17): each fixed where they met it. */
describeBrowser('the dashboard for a newcomer, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let page: Page;

  beforeEach(async function () {
    this.timeout(60_000);
    if (!existsSync(`${DASHBOARD_DIST}/index.html`)) throw new Error('dashboard/dist is missing: run `npm run build`');
    // A fresh install each time: no owner yet.
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    browser = await chromium.launch({ executablePath: findChromium()!, args: [...CHROMIUM_ARGS, `--host-resolver-rules=MAP ${PLAIN_HOST} 127.0.0.1`] });
    page = await (await browser.newContext()).newPage();
  });
  afterEach(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens Sign up instead of Sign in on a fresh install, and Sign in once an owner exists', async () => {
    await page.goto(`${server.url}/signin`);
    await page.waitForURL(/\/signup$/);
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    await signedInOwner((await browser.newContext()), server.url, { project: { name: 'Someone else' }, endpoints: [] });
    await page.goto(`${server.url}/signin`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(page.url()).to.match(/\/signin$/);
  });

  it('warns on "Use it" once a cookie-mode login came over plain HTTP off localhost', async () => {
    const owner = await signedInOwner(page.context(), server.url, { project: { name: 'Cookie app' }, endpoints: [{ name: 'users/auth', auth: true }] });
    await page.goto(`${owner.endpointUrl('users/auth')}/use`);
    await page.getByTestId('snippet-login-fetch').waitFor({ state: 'attached' });
    expect(await page.getByTestId('cookie-transport-banner').count()).to.equal(0);

    // The frontend on http://rested.test (not localhost) logs in in cookie mode: 200, and the browser drops the cookie.
    const http = supertest.agent(server.url);
    await signUpEndUser(http, owner.project, 'users/auth', { email: 'ann@example.com', password: 'correct horse battery' });
    const plain = await (await browser.newContext()).newPage();
    const port = new URL(server.url).port;
    await plain.goto(`http://${PLAIN_HOST}:${port}/health`);
    const statuses = await plain.evaluate(async (login) => {
      const first = await fetch(login, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: 'ann@example.com', password: 'correct horse battery' }) });
      const me = await fetch(login.replace('&login=true', ''), { credentials: 'include' });
      return [first.status, me.status, document.cookie];
    }, `http://${PLAIN_HOST}:${port}${ce('users/auth', { key: owner.project.apiKey, login: 'true' })}`);
    expect(statuses).to.deep.equal([200, 401, '']);

    await page.reload();
    await page.getByTestId('cookie-transport-banner').waitFor();
    expect(await page.getByTestId('cookie-transport-banner').textContent()).to.include('Cookie mode needs HTTPS (or localhost)');
  });

  it('names the device of a session ("Chrome 156 · Linux") with relative times, the raw user agent on hover', async () => {
    const owner = await signedInOwner(page.context(), server.url, { project: { name: 'Sessions app' }, endpoints: [{ name: 'users/auth', auth: true }] });
    await signUpEndUser(supertest.agent(server.url), owner.project, 'users/auth', { email: 'ann@example.com' }, CHROME_UA);
    await page.goto(owner.endpointUrl('users/auth'));
    await page.getByRole('button', { name: /Sessions of/ }).click();
    const device = page.locator('[data-testid="session-row"] td[data-label="Device"]');
    await device.waitFor();
    expect(await device.textContent()).to.equal('Chrome 156 · Linux');
    expect(await device.getAttribute('title')).to.equal(CHROME_UA);
    const created = page.locator('[data-testid="session-row"] td[data-label="Created"] time');
    expect(await created.textContent()).to.match(/now|minute/);
    expect(await created.getAttribute('title')).to.match(/\d{4}/);
  });
});
