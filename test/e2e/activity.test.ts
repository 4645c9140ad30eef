import { expect } from 'chai';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner } from '../helpers/dashboard.js';
import { expectError } from '../helpers/errors.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

describeBrowser('the Activity page and the user actions, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let context: BrowserContext;
  let page: Page;

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
  });
  after(async () => {
    await server?.close();
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  it('disables a user from the Users tab, and the Activity page shows it live, filtered to that user', async function () {
    this.timeout(60_000);
    const owner = await signedInOwner(context, server.url, { project: { name: 'Audit shop' }, endpoints: [{ name: 'members', auth: true }] });
    const http = supertest.agent(server.url);
    const alice = await signUpEndUser(http, owner.project, 'members', { username: 'alice' });

    await page.goto(`${owner.projectUrl}/activity`);
    await page.locator('[data-testid="audit-row"][data-type="user.login"]').waitFor();

    await page.goto(owner.endpointUrl('members'));
    await page.getByRole('button', { name: /Sessions of/ }).click();
    await page.getByRole('button', { name: 'Disable user' }).click();
    await page.getByRole('button', { name: 'Enable user' }).waitFor();
    expectError(await http.get(ce('members', { key: owner.project.apiKey })).set('Authorization', `Bearer ${alice.token}`), 401, 'session_revoked');
    const refused = await http.post(ce('members', { key: owner.project.apiKey, login: 'true' })).send({ username: 'alice', password: 'alice-password' });
    expectError(refused, 403, 'user_disabled');

    await page.getByRole('link', { name: 'Activity of this user' }).click();
    await page.waitForURL(/\/activity\?user=/);
    await page.locator('[data-testid="audit-row"][data-type="user.disabled"]').waitFor();
    // Live: an event made elsewhere appears without a reload.
    await http.post(ce('members', { key: owner.project.apiKey, login: 'true' })).send({ username: 'alice', password: 'wrong password' });
    await page.locator('[data-testid="audit-row"][data-type="user.login_failed"]').nth(1).waitFor({ timeout: 15_000 });
    const types = await page.getByTestId('audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-type')));
    expect(types).to.include.members(['user.registered', 'user.login', 'user.disabled', 'user.login_failed']);
    expect(types).to.not.include('endpoint.created');

    await page.getByLabel('Type').selectOption('user.disabled');
    await page.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="audit-row"]')).every((r) => r.getAttribute('data-type') === 'user.disabled'));
    const href = await page.getByRole('link', { name: 'Export (NDJSON)' }).getAttribute('href');
    const exported = await context.request.get(`${server.url}${href}`);
    expect(exported.status()).to.equal(200);
    const lines = (await exported.text()).trim().split('\n').map((line) => JSON.parse(line) as { type: string; target: { uniqueId: string } });
    expect(lines.map((l) => l.type)).to.deep.equal(['user.disabled']);
    expect(lines[0]!.target.uniqueId).to.equal(alice.id);
  });
});
