import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { startPage, startServer, type Running } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

/**
 * Runs a copied snippet in the app page as top-level code and answers the HTTP statuses it saw
 * ('network error' where fetch itself failed, as it does for an answer without CORS headers).
 */
async function runSnippet(page: Page, code: string): Promise<(number | 'network error')[]> {
  return page.evaluate(async (source) => {
    const statuses: (number | 'network error')[] = [];
    const realFetch = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      try {
        const res = await realFetch(...args);
        statuses.push(res.status);
        return res;
      } catch (error) {
        statuses.push('network error');
        throw error;
      }
    };
    try {
      const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (body: string) => () => Promise<void>;
      await new AsyncFunction(source)();
    } catch {
      // A snippet may throw after a refused request (e.g. parsing an error); the statuses tell.
    } finally {
      window.fetch = realFetch;
    }
    return statuses;
  }, code);
}

describeBrowser('the dashboard, end to end in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let app: Running;
  let dashboard: Page;
  let frontend: Page;
  const consoleErrors: string[] = [];

  const shot = (name: string) => dashboard.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const snippet = async (operation: string) => (await dashboard.getByTestId(`snippet-${operation}-fetch`).textContent())!;

  before(async function () {
    this.timeout(60_000);
    if (!existsSync(`${DASHBOARD_DIST}/index.html`)) throw new Error('dashboard/dist is missing: run `npm run build` (npm test does it for you)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    app = await startPage('127.0.0.1', '<!doctype html><title>my app</title><h1>my app</h1>');
    dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    frontend = await (await browser.newContext()).newPage();
    dashboard.on('console', (message) => {
      // The dashboard asks /auth/me before sign-up: that 401 is the contract, not an error.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) consoleErrors.push(message.text());
    });
    dashboard.on('pageerror', (error) => consoleErrors.push(String(error)));
  });

  after(async () => {
    await browser?.close();
    await Promise.all([server?.close(), app?.close()]);
  });

  it('takes a new owner from sign-up to a working login and logout in a frontend on another origin', async function () {
    this.timeout(120_000);
    // Sign up.
    await dashboard.goto(`${server.url}/signup`);
    await shot('01-sign-up');
    await dashboard.getByLabel('Email').fill('owner@example.com');
    await dashboard.getByLabel('Password').fill('a long enough password');
    await dashboard.getByRole('button', { name: 'Create account' }).click();
    await dashboard.waitForURL(/\/projects$/);

    // Create a project that allows the frontend's origin.
    await dashboard.getByLabel('Project name').fill('My first app');
    await dashboard.getByLabel('Allowed origins').fill(app.url);
    await shot('02-projects');
    await dashboard.getByRole('button', { name: 'Create project' }).click();
    await dashboard.waitForURL(/\/projects\/[^/]+$/);

    // Add an authentication endpoint (a project without endpoints opens the form by itself).
    await dashboard.getByLabel('Endpoint name').fill('examples/auth');
    await dashboard.getByLabel('Authentication endpoint').check();
    await dashboard.getByRole('button', { name: 'Create endpoint' }).click();
    await dashboard.waitForURL(/\/endpoints\/[^/]+$/);
    const endpointUrl = dashboard.url();

    // Copy the snippets from the "Use it" panel.
    await dashboard.getByRole('link', { name: 'Use it' }).click();
    await dashboard.getByTestId('snippet-login-fetch').waitFor({ state: 'attached' });
    await shot('03-use-it');
    const [register, login, logout] = [await snippet('register'), await snippet('login'), await snippet('logout')];
    expect(login).to.include(server.url).and.include('login=true').and.include("credentials: 'include'");

    // The frontend runs them.
    await frontend.goto(app.url);
    expect(await runSnippet(frontend, register)).to.deep.equal([201]);
    expect(await runSnippet(frontend, login)).to.deep.equal([200]);

    // The owner sees the session.
    await dashboard.goto(endpointUrl);
    await dashboard.getByRole('button', { name: /Sessions of/ }).click();
    await dashboard.waitForSelector('[data-testid="session-row"][data-state="active"]');
    expect(await dashboard.getByTestId('session-row').count()).to.equal(1);
    await shot('04-users-and-sessions');

    // Logout in the frontend revokes it.
    expect(await runSnippet(frontend, logout)).to.deep.equal([204]);
    await dashboard.reload();
    await dashboard.getByRole('button', { name: /Sessions of/ }).click();
    await dashboard.waitForSelector('[data-testid="session-row"][data-state="revoked"]');

    // Rotating the API key makes the copied snippet fail.
    await dashboard.goto(endpointUrl.replace(/\/endpoints\/[^/]+$/, '/settings'));
    await shot('05-project-settings');
    await dashboard.getByRole('button', { name: 'Rotate API key' }).click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
    await dashboard.getByRole('dialog').waitFor({ state: 'detached' });
    // The gate refuses an unknown key before it knows the project's origins, so the browser
    // sees no CORS headers and fetch fails; from a server, the same call answers 400.
    expect(await runSnippet(frontend, login)).to.deep.equal(['network error']);
    const loginUrl = /fetch\('([^']+)'/.exec(login)![1]!;
    const direct = await fetch(loginUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"a@b.co","password":"xxxxxxxx"}' });
    expect(direct.status).to.equal(400);
    expect(((await direct.json()) as { error: { reason: string } }).error.reason).to.equal('invalid_key_or_endpoint');

    expect(consoleErrors).to.deep.equal([]);
  });

  it('is usable at 360 px wide', async function () {
    this.timeout(60_000);
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await phone.goto(`${server.url}/signin`);
    await phone.getByLabel('Email').fill('owner@example.com');
    await phone.getByLabel('Password').fill('a long enough password');
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.waitForURL(/\/projects$/);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).to.be.at.most(0);
    await phone.screenshot({ path: `${SCREENSHOTS}/06-projects-360px.png`, fullPage: true });
    await phone.context().close();
  });
});
