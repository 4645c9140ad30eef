import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { CONSOLE_COOKIE, validateEndpointName, validateProjectName } from '@rested/shared';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner } from '../helpers/dashboard.js';
import { answerOf, expectError } from '../helpers/errors.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';
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

/** Runs a snippet like runSnippet, then answers the value of `expression` evaluated at its end (e.g. `record`). */
async function runSnippetFor<T>(page: Page, code: string, expression: string): Promise<{ statuses: (number | 'network error')[]; value: T }> {
  const statuses = await runSnippet(page, `${code}\nwindow.__kept = ${expression};`);
  const value = (await page.evaluate('window.__kept')) as T;
  return { statuses, value };
}

/** The validation message shown under the field with this label, or null when there is none. */
async function fieldError(page: Page, label: string): Promise<string | null> {
  const id = await page.getByLabel(label, { exact: true }).getAttribute('id');
  const error = page.locator(`[id="${id}-error"]`);
  return (await error.count()) ? error.textContent() : null;
}

describeBrowser('the dashboard, end to end in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let app: Running;
  /** The owner's dashboard, in a browser context of its own for every test. */
  let dashboard: Page;
  /** The owner's frontend app, open at its own origin (app.url) in another context. */
  let frontend: Page;
  let consoleErrors: string[];
  const apiKeyNow = async () =>
    ((await dashboard.evaluate(() => fetch('/api/console/projects').then((r) => r.json()))) as { apiKey: string }[])[0]!.apiKey;

  const shot = (name: string) => dashboard.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const snippet = async (operation: string) => (await dashboard.getByTestId(`snippet-${operation}-fetch`).textContent())!;

  /**
   * Where the first test's story has taken its owner, made through the console API and signed in
   * in the dashboard's context: a project allowing the frontend's origin, with the authentication
   * endpoint examples/auth and one end user.
   */
  const ownerWithAuthEndpoint = async () => {
    const owner = await signedInOwner(dashboard.context(), server.url, {
      project: { name: 'My first app', allowedOrigins: [app.url] },
      endpoints: [{ name: 'examples/auth', auth: true }],
    });
    await signUpEndUser(supertest.agent(server.url), owner.project, 'examples/auth', { email: 'ann@example.com' });
    return owner;
  };

  before(async function () {
    this.timeout(60_000);
    if (!existsSync(`${DASHBOARD_DIST}/index.html`)) throw new Error('dashboard/dist is missing: run `npm run build` (npm test does it for you)');
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    app = await startPage('127.0.0.1', '<!doctype html><title>my app</title><h1>my app</h1>');
  });

  after(async () => {
    await browser?.close();
    await Promise.all([server?.close(), app?.close()]);
  });

  beforeEach(async () => {
    consoleErrors = [];
    dashboard = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] })
    ).newPage();
    dashboard.on('console', (message) => {
      // The dashboard asks /auth/me before sign-up: that 401 is the contract, not an error.
      if (message.type() === 'error' && !/status of 401/.test(message.text())) consoleErrors.push(message.text());
    });
    dashboard.on('pageerror', (error) => consoleErrors.push(String(error)));
    frontend = await (await browser.newContext()).newPage();
    await frontend.goto(app.url);
  });

  afterEach(async () => {
    await Promise.all([dashboard?.context().close(), frontend?.context().close()]);
  });

  it('takes a new owner from sign-up to a working login and logout in a frontend on another origin', async function () {
    this.timeout(120_000);
    // Sign up.
    await dashboard.goto(`${server.url}/signup`);
    await shot('01-sign-up');
    await dashboard.getByRole('button', { name: 'Create account' }).click();
    expect(await fieldError(dashboard, 'Email')).to.equal('Enter your email address.');
    expect(await fieldError(dashboard, 'Password')).to.equal('Choose a password.');
    await dashboard.getByLabel('Email').fill('owner@example.com');
    await dashboard.getByLabel('Password').fill('a long enough password');
    await dashboard.getByRole('button', { name: 'Create account' }).click();
    await dashboard.waitForURL(/\/projects$/);
    // The browser kept the __Host- session cookie from plain http://localhost: Secure, Path=/, no Domain.
    const session = (await dashboard.context().cookies()).filter((c) => c.name === CONSOLE_COOKIE);
    expect(session.map(({ secure, path, httpOnly, sameSite }) => ({ secure, path, httpOnly, sameSite }))).to.deep.equal([
      { secure: true, path: '/', httpOnly: true, sameSite: 'Strict' },
    ]);

    // Create a project that allows the frontend's origin; each field is checked as it is typed.
    // An owner without projects starts in the form (focus waits for the empty list to load).
    await dashboard.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name');
    await dashboard.getByLabel('Project name').fill('app');
    expect(await fieldError(dashboard, 'Project name')).to.equal(validateProjectName('app'));
    await dashboard.getByLabel('Project name').fill('My first app');
    expect(await fieldError(dashboard, 'Project name')).to.equal(null);
    expect(await dashboard.getByText('The list is empty, so every origin is allowed.').count()).to.equal(1);
    await dashboard.getByLabel('Allowed origins').fill(`${app.url}\n${app.url}/path`);
    expect(await fieldError(dashboard, 'Allowed origins')).to.include(`"${app.url}/path" is not a valid origin`);
    await dashboard.getByLabel('Allowed origins').fill(app.url);
    expect(await fieldError(dashboard, 'Allowed origins')).to.equal(null);
    await shot('02-projects');
    await dashboard.getByRole('button', { name: 'Create project' }).click();
    await dashboard.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = dashboard.url();

    // Add an authentication endpoint (a project without endpoints opens the form by itself).
    await dashboard.getByLabel('Endpoint name').fill('Examples/Auth');
    expect(await fieldError(dashboard, 'Endpoint name')).to.equal(validateEndpointName('Examples/Auth')).and.include('a-z');
    await dashboard.getByLabel('Endpoint name').fill('examples//auth');
    expect(await fieldError(dashboard, 'Endpoint name')).to.equal(validateEndpointName('examples//auth')).and.include('//');
    await dashboard.getByLabel('Endpoint name').fill('examples/auth');
    expect(await fieldError(dashboard, 'Endpoint name')).to.equal(null);
    await dashboard.getByLabel('Authentication endpoint').check();
    await dashboard.getByRole('button', { name: 'Create endpoint' }).click();
    // A new endpoint opens on its "Use it" panel: copy the snippets from there.
    await dashboard.waitForURL(/\/endpoints\/[^/]+\/use$/);
    const endpointUrl = dashboard.url().replace(/\/use$/, '');
    await dashboard.getByTestId('snippet-login-fetch').waitFor({ state: 'attached' });
    await shot('03-use-it');
    const [register, logout, me] = [await snippet('register'), await snippet('logout'), await snippet('me')];
    await dashboard.getByRole('button', { name: 'Copy Log in (cookie mode) with fetch' }).click();
    await dashboard.getByText('Copied to the clipboard').waitFor({ state: 'attached' });
    const login = await dashboard.evaluate(() => navigator.clipboard.readText());
    expect(login).to.equal(await snippet('login'));
    const apiKey = await apiKeyNow();
    expect(login).to.include(`${server.url}/api/1/ce/examples/auth?key=${apiKey}&login=true`).and.include("credentials: 'include'");

    // The frontend (open at app.url) runs them.
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
    expect(await runSnippet(frontend, me)).to.deep.equal([401]);

    // The owner can end a user's sessions too.
    expect(await runSnippet(frontend, login)).to.deep.equal([200]);
    expect(await runSnippet(frontend, me)).to.deep.equal([200]);
    await dashboard.reload();
    await dashboard.getByRole('button', { name: /Sessions of/ }).click();
    await dashboard.waitForSelector('[data-testid="session-row"][data-state="active"]');
    await dashboard.getByRole('button', { name: 'Revoke all sessions' }).click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Revoke sessions' }).click();
    await dashboard.getByRole('dialog').waitFor({ state: 'detached' });
    await dashboard.waitForFunction(() => document.querySelectorAll('[data-testid="session-row"][data-state="active"]').length === 0);
    expect(await dashboard.getByTestId('session-row').count()).to.equal(2);
    expect(await dashboard.getByRole('button', { name: 'Revoke all sessions' }).isDisabled()).to.equal(true);
    expect(await runSnippet(frontend, me)).to.deep.equal([401]);

    // Rotating the API key makes the copied snippet fail.
    await dashboard.goto(`${projectUrl}/settings`);
    await shot('05-project-settings');
    await dashboard.getByRole('button', { name: 'Rotate API key' }).click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
    await dashboard.getByRole('dialog').waitFor({ state: 'detached' });
    // An unknown key has no allow-list to enforce: the refusal carries CORS headers, so the page
    // reads its 400 (not a bare network error), as a server does.
    expect(await runSnippet(frontend, login)).to.deep.equal([400]);
    const loginUrl = /fetch\('([^']+)'/.exec(login)![1]!;
    const direct = await fetch(loginUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"a@b.co","password":"xxxxxxxx"}' });
    expectError(await answerOf(direct), 400, 'invalid_key_or_endpoint');

    // The Use it tab now shows the new key, and its snippet works.
    await dashboard.goto(`${endpointUrl}/use`);
    const newLogin = await snippet('login');
    expect(newLogin).not.to.include(apiKey);
    expect(await runSnippet(frontend, newLogin)).to.deep.equal([200]);

    expect(consoleErrors).to.deep.equal([]);
  });

  it('runs the data snippets from the frontend, then browses, views and deletes the records and the endpoint', async function () {
    this.timeout(90_000);
    const { projectUrl } = await ownerWithAuthEndpoint();
    await dashboard.goto(projectUrl);
    await dashboard.getByRole('button', { name: 'New endpoint' }).click();
    await dashboard.getByLabel('Endpoint name').fill('examples/auth');
    expect(await fieldError(dashboard, 'Endpoint name')).to.equal('An endpoint with this name already exists in this project.');
    await dashboard.getByLabel('Endpoint name').fill('todos');
    await dashboard.getByRole('button', { name: 'Create endpoint' }).click();
    await dashboard.waitForURL(/\/endpoints\/[^/]+\/use$/);
    const todosUrl = dashboard.url().replace(/\/use$/, '');
    await dashboard.getByRole('link', { name: 'Data', exact: true }).click();
    await dashboard.getByText('No records yet').waitFor();

    // Every operation's snippet works as pasted (the record id filled in where it says so).
    await dashboard.getByRole('link', { name: 'Use it' }).click();
    await dashboard.getByTestId('snippet-create-fetch').waitFor({ state: 'attached' });
    const [create, read, update, remove] = [await snippet('create'), await snippet('read'), await snippet('update'), await snippet('delete')];
    const withId = (code: string, id: string) => code.replace(`'UNIQUE_ID'`, `'${id}'`);
    type Rec = { uniqueId: string; data: { title: string } };
    const first = await runSnippetFor<Rec>(frontend, create, 'record');
    const second = await runSnippetFor<Rec>(frontend, create, 'record');
    expect([first.statuses, second.statuses]).to.deep.equal([[201], [201]]);
    expect((await runSnippetFor<Rec[]>(frontend, read, 'records')).value.map((r) => r.uniqueId)).to.have.members([first.value.uniqueId, second.value.uniqueId]);
    const updated = await runSnippetFor<Rec>(frontend, withId(update, first.value.uniqueId), 'updated');
    expect(updated.statuses).to.deep.equal([200]);
    expect(updated.value.data.title).to.equal('Buy oat milk');
    expect(await runSnippet(frontend, withId(remove, second.value.uniqueId))).to.deep.equal([204]);

    // The endpoint list shows kinds and counts.
    await dashboard.goto(projectUrl);
    const rows = dashboard.getByTestId('endpoint-row');
    await rows.first().waitFor();
    expect(await rows.allInnerTexts()).to.satisfy((texts: string[]) =>
      texts.some((t) => /examples\/auth\s+auth/.test(t) && t.includes('1 user')) && texts.some((t) => /todos\s+data/.test(t) && t.includes('1 record')),
    );
    await shot('06-endpoints');

    // The data browser: the record, its JSON, and deleting it.
    await dashboard.goto(todosUrl);
    await dashboard.getByTestId('record-row').first().waitFor();
    expect(await dashboard.getByTestId('record-row').count()).to.equal(1);
    await dashboard.getByRole('button', { name: /^View record/ }).click();
    const json = dashboard.getByRole('dialog').getByLabel('Record as JSON');
    expect(JSON.parse((await json.textContent())!)).to.deep.include({ uniqueId: first.value.uniqueId, data: { title: 'Buy oat milk', done: true } });
    await shot('07-record');
    await dashboard.keyboard.press('Escape');
    await dashboard.getByRole('dialog').waitFor({ state: 'detached' });
    await dashboard.getByRole('button', { name: /^Delete record/ }).click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Delete this record' }).click();
    await dashboard.getByText('No records yet').waitFor();
    expect((await runSnippetFor<Rec[]>(frontend, read, 'records')).value).to.deep.equal([]);

    // Deleting the endpoint asks for its name first.
    await dashboard.goto(projectUrl);
    await dashboard.getByRole('button', { name: 'Delete endpoint todos' }).click();
    const dialog = dashboard.getByRole('dialog');
    const confirm = dialog.getByRole('button', { name: 'Delete this endpoint' });
    expect(await confirm.isDisabled()).to.equal(true);
    await dialog.getByRole('textbox').fill('todo');
    expect(await confirm.isDisabled()).to.equal(true);
    await dialog.getByRole('textbox').fill('todos');
    await confirm.click();
    await dialog.waitFor({ state: 'detached' });
    expect(await dashboard.getByTestId('endpoint-row').allInnerTexts()).to.have.length(1);
    // The endpoint is gone: the page, on an allowed origin, reads the 400 invalid_key_or_endpoint.
    expect(await runSnippet(frontend, create)).to.deep.equal([400]);
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).to.deep.equal([]);
  });

  it('saves the token lifetime and the no-origin rule, shows a new master key once, and deleting it makes it useless', async function () {
    this.timeout(60_000);
    const { project, projectUrl } = await ownerWithAuthEndpoint();
    const users = `${server.url}${ce('examples/auth', { key: project.apiKey })}`;
    await dashboard.goto(`${projectUrl}/settings`);

    // Access-token lifetime and "disallow no origin".
    const lifetime = dashboard.getByLabel('Access-token lifetime');
    await lifetime.fill('0');
    expect(await dashboard.getByRole('alert').allInnerTexts()).to.include('Use between 5 minutes and 30 days.');
    await lifetime.fill('2');
    await dashboard.getByLabel('Lifetime unit').selectOption('hours');
    const save = (button: string) =>
      Promise.all([
        dashboard.waitForResponse((r) => r.request().method() === 'PATCH' && r.ok()),
        dashboard.getByRole('button', { name: button }).click(),
      ]);
    await save('Save general settings');
    await dashboard.getByLabel('Disallow no origin').check();
    await save('Save origins');
    // The note renders just after the response arrives: wait for it rather than race it.
    await dashboard.getByText('Saved ✓').nth(1).waitFor();
    expect(await dashboard.getByText('Saved ✓').count()).to.equal(2);
    const saved = (await dashboard.evaluate(() => fetch('/api/console/projects').then((r) => r.json())))[0] as { tokenTtlSeconds: number; disallowNoOrigin: boolean };
    expect(saved).to.include({ tokenTtlSeconds: 7200, disallowNoOrigin: true });
    expectError(await answerOf(await fetch(users)), 403, 'origin_required'); // no Origin header, no master key

    await dashboard.getByRole('button', { name: 'Create master key' }).click();
    const reveal = dashboard.getByRole('region', { name: 'New master key' });
    expect(await reveal.textContent()).to.include('you will not see it again');
    const masterKey = (await dashboard.getByTestId('master-key').textContent())!;
    await shot('08-master-key');
    expect((await fetch(users, { headers: { 'X-Master-Key': masterKey } })).status).to.equal(200);

    await dashboard.getByRole('button', { name: 'I have copied it' }).click();
    await dashboard.reload();
    await dashboard.getByRole('button', { name: 'Replace master key' }).waitFor();
    expect(await dashboard.content()).not.to.include(masterKey);

    await dashboard.getByRole('button', { name: 'Delete master key' }).click();
    await dashboard.getByRole('dialog').getByRole('button', { name: 'Delete key' }).click();
    await dashboard.getByRole('button', { name: 'Create master key' }).waitFor();
    expectError(await answerOf(await fetch(users, { headers: { 'X-Master-Key': masterKey } })), 401, 'unauthorized');
  });

  it("shows the project's usage against its quotas on its settings page", async function () {
    this.timeout(60_000);
    const { projectUrl } = await ownerWithAuthEndpoint(); // one end user, who counts as a record
    await dashboard.goto(`${projectUrl}/settings`);
    const panel = dashboard.getByRole('region', { name: 'Usage' });
    await panel.getByTestId('usage-records').waitFor();
    expect(await panel.getByTestId('usage-records').textContent()).to.equal('1');
    expect(await panel.textContent()).to.include('of 1,000,000').and.include('of 1.0 GiB').and.include('1,000 a minute');
    expect(await panel.getByRole('meter', { name: 'Records used' }).getAttribute('value')).to.equal('1');
    expect(consoleErrors).to.deep.equal([]);
  });

  it('can be used with the keyboard alone', async function () {
    this.timeout(60_000);
    const owner = await ownerWithAuthEndpoint();
    const page = await (await browser.newContext()).newPage();
    const focused = () => page.evaluate(() => document.activeElement?.textContent || document.activeElement?.getAttribute('name'));
    await page.goto(`${server.url}/signin`);
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'email'); // focus starts in Email
    await page.keyboard.type(owner.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(owner.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects$/);
    await page.getByRole('link', { name: 'My first app' }).waitFor();
    await page.keyboard.press('Tab');
    expect(await focused()).to.equal('Skip to content');
    for (let i = 0; i < 10 && (await focused()) !== 'My first app'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/projects\/[^/]+$/);

    // A confirmation starts on Cancel; Escape closes it and gives focus back.
    await page.goto(`${owner.projectUrl}/settings`);
    await page.getByRole('button', { name: 'Rotate API key' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await focused()).to.equal('Cancel');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focused()).to.equal('Rotate API key');
    // A type-to-confirm dialog starts in its text box.
    await page.getByRole('button', { name: 'Delete project' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).to.equal('INPUT');
    await page.keyboard.press('Escape');
    await page.context().close();
  });

  it('is usable at 360 px wide', async function () {
    this.timeout(60_000);
    const owner = await ownerWithAuthEndpoint();
    const endpointUrl = owner.endpointUrl('examples/auth');
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
    await phone.goto(`${server.url}/signin`);
    await phone.getByLabel('Email').fill(owner.email);
    await phone.getByLabel('Password').fill(owner.password);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.waitForURL(/\/projects$/);
    const screens: [string, string, string][] = [
      ['projects', `${server.url}/projects`, '[aria-label="Your projects"] a'],
      ['users', endpointUrl, '[data-testid="user-row"]'],
      ['use-it', `${endpointUrl}/use`, '[data-testid="snippet-login-fetch"]'],
      ['settings', `${owner.projectUrl}/settings`, '[data-testid="api-key"]'],
    ];
    for (const [name, url, ready] of screens) {
      await phone.goto(url);
      await phone.waitForSelector(ready, { state: 'attached' });
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name} scrolls sideways at 360 px`).to.be.at.most(0);
      await phone.screenshot({ path: `${SCREENSHOTS}/09-${name}-360px.png`, fullPage: true });
    }
    await phone.context().close();
  });
});
