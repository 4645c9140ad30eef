import { expect } from 'chai';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner } from '../helpers/dashboard.js';
import { ce } from '../helpers/runtime.js';
import { startPage, startServer, type Running } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots', import.meta.url));

/** A fetch from the frontend page: its status, or 'network error' when the browser may not read the answer. */
const fetchFrom = (page: Page, url: string) =>
  page.evaluate(async (target) => {
    try {
      const res = await fetch(target);
      return { status: res.status, body: await res.text() };
    } catch {
      return { status: 'network error' as const, body: '' };
    }
  }, url);

describeBrowser('the Monitor page, in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let app: Running;
  let dashboard: Page;
  let frontend: Page;
  let pageErrors: string[];

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
    pageErrors = [];
    dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    dashboard.on('pageerror', (error) => pageErrors.push(String(error)));
    frontend = await (await browser.newContext()).newPage();
    await frontend.goto(app.url);
  });
  afterEach(async () => {
    await Promise.all([dashboard?.context().close(), frontend?.context().close()]);
  });

  it("charts the test's requests, explains a 403 origin_not_allowed and fixes it with one click", async function () {
    this.timeout(60_000);
    const owner = await signedInOwner(dashboard.context(), server.url, {
      project: { name: 'Monitored', allowedOrigins: ['https://allowed.example'] },
      endpoints: [{ name: 'items' }],
    });
    const items = `${server.url}${ce('items', { key: owner.project.apiKey })}`;
    const http = supertest.agent(server.url);
    for (let i = 0; i < 3; i += 1) expect((await http.get(ce('items', { key: owner.project.apiKey }))).status).to.equal(200);
    // The page's origin is not allowed: the browser sees only a network error.
    expect((await fetchFrom(frontend, items)).status).to.equal('network error');

    await dashboard.goto(`${owner.projectUrl}/monitor`);
    await dashboard.getByTestId('traffic-totals').filter({ hasText: '4 requests' }).waitFor();
    expect(await dashboard.getByTestId('traffic-totals').textContent()).to.include('3 succeeded, 1 refused (4xx), 0 failed (5xx)');
    expect(await dashboard.locator('.time-chart canvas').count()).to.equal(2);
    expect(await dashboard.getByRole('img', { name: /Requests per minute by outcome: 3 2xx, 1 4xx/ }).count()).to.equal(1);

    const row = dashboard.locator('table.error-log tr', { hasText: 'origin_not_allowed' });
    await row.waitFor();
    expect(await row.textContent()).to.include(app.url).and.include('allowed origins do not include it');
    expect(await row.getByRole('link', { name: 'Origin settings' }).getAttribute('href')).to.equal(`/projects/${owner.project.id}/settings#origins-title`);
    await dashboard.screenshot({ path: `${SCREENSHOTS}/monitor.png`, fullPage: true });

    await row.getByRole('button', { name: `Allow ${app.url}` }).click();
    await row.getByText(`${app.url} is allowed now.`).waitFor();
    expect((await fetchFrom(frontend, items)).status).to.equal(200);
    expect(pageErrors).to.deep.equal([]);
  });

  it('shows new requests while the page stays open', async function () {
    this.timeout(60_000);
    const owner = await signedInOwner(dashboard.context(), server.url, { project: { name: 'Live traffic' }, endpoints: [{ name: 'items' }] });
    await dashboard.goto(`${owner.projectUrl}/monitor`);
    await dashboard.getByTestId('traffic-totals').filter({ hasText: '0 requests' }).waitFor();
    await supertest.agent(server.url).get(ce('items', { key: owner.project.apiKey }));
    // The hour view refreshes every 10 s.
    await dashboard.getByTestId('traffic-totals').filter({ hasText: '1 requests' }).waitFor({ timeout: 20_000 });
    await dashboard.getByRole('button', { name: 'Last week' }).click();
    await dashboard.getByRole('heading', { name: 'Requests per hour' }).waitFor();
    expect(await dashboard.getByTestId('traffic-totals').textContent()).to.include('1 requests');
  });
});
