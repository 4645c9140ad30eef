import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner, type DashboardOwner } from '../helpers/dashboard.js';
import { ce } from '../helpers/runtime.js';
import { startPage, startServer, type Running } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

describeBrowser('the dashboard: filtering, sorting and indexes', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let app: Running;
  let dashboard: Page;
  let owner: DashboardOwner;

  before(async function () {
    this.timeout(60_000);
    if (!existsSync(`${DASHBOARD_DIST}/index.html`)) throw new Error('dashboard/dist is missing: run `npm run build` (npm test does it for you)');
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    app = await startPage('127.0.0.1', '<!doctype html><title>my app</title>');
  });

  after(async () => {
    await browser?.close();
    await Promise.all([server?.close(), app?.close()]);
  });

  beforeEach(async function () {
    this.timeout(30_000);
    dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    owner = await signedInOwner(dashboard.context(), server.url, { project: { name: 'My shop', allowedOrigins: [app.url] }, endpoints: [{ name: 'products' }] });
    const http = supertest.agent(server.url);
    for (const [name, price] of [['lamp', 30], ['desk', 120], ['pen', 2], ['chair', 80]] as const) {
      expect((await http.post(ce('products', { key: owner.project.apiKey })).send({ name, price })).status).to.equal(201);
    }
  });

  afterEach(async () => {
    await dashboard?.context().close();
  });

  const names = async () => (await dashboard.getByTestId('record-row').allInnerTexts()).map((t) => /"name":\s*"(\w+)"|\b(lamp|desk|pen|chair)\b/.exec(t)?.slice(1).find(Boolean));

  it('filters with the condition builder or the where JSON, sorts by a field, and shows the server\'s message for a bad filter', async function () {
    this.timeout(60_000);
    await dashboard.goto(owner.endpointUrl('products'));
    await dashboard.getByTestId('record-row').first().waitFor();
    expect(await dashboard.getByTestId('record-row').count()).to.equal(4);

    await dashboard.getByLabel('Field', { exact: true }).fill('data.price');
    await dashboard.getByLabel('Operator').selectOption('$gte');
    await dashboard.getByLabel('Value', { exact: true }).fill('30');
    await dashboard.getByRole('button', { name: 'Add condition' }).click();
    expect(JSON.parse(await dashboard.getByLabel('where (JSON)').inputValue())).to.deep.equal({ 'data.price': { $gte: 30 } });
    await dashboard.getByLabel('Operator').selectOption('$lt');
    await dashboard.getByLabel('Value', { exact: true }).fill('1000');
    await dashboard.getByRole('button', { name: 'Add condition' }).click();
    expect(JSON.parse(await dashboard.getByLabel('where (JSON)').inputValue())).to.deep.equal({ 'data.price': { $gte: 30, $lt: 1000 } });
    await dashboard.getByLabel('Sort by').fill('data.price');
    await dashboard.getByLabel('Descending').check();
    await dashboard.getByRole('button', { name: 'Apply' }).click();
    await dashboard.waitForFunction(() => document.querySelectorAll('[data-testid="record-row"]').length === 3);
    expect(await names()).to.deep.equal(['desk', 'chair', 'lamp']);
    await dashboard.getByText('Records · 3 records').waitFor();

    await dashboard.getByLabel('where (JSON)').fill('{"data.name": ');
    await dashboard.getByText('This is not valid JSON.').waitFor();
    expect(await dashboard.getByRole('button', { name: 'Apply' }).isDisabled()).to.equal(true);
    await dashboard.getByLabel('where (JSON)').fill('{"data.name": {"$regex": "^l"}}');
    await dashboard.getByRole('button', { name: 'Apply' }).click();
    await dashboard.getByRole('alert').getByText(/where: .*\$regex is not an operator/).waitFor();

    await dashboard.getByLabel('where (JSON)').fill('{"data.name": {"$startsWith": "l"}}');
    await dashboard.getByRole('button', { name: 'Apply' }).click();
    await dashboard.waitForFunction(() => document.querySelectorAll('[data-testid="record-row"]').length === 1);
    expect(await names()).to.deep.equal(['lamp']);
    await dashboard.getByRole('button', { name: 'Clear' }).click();
    await dashboard.waitForFunction(() => document.querySelectorAll('[data-testid="record-row"]').length === 4);
  });

  it('adds and removes indexes in the endpoint settings, refusing a field that cannot be indexed', async function () {
    this.timeout(60_000);
    await dashboard.goto(owner.endpointUrl('products'));
    await dashboard.getByRole('link', { name: 'Settings' }).click();
    const panel = dashboard.getByRole('region', { name: 'Indexes' });
    await panel.getByText('No indexes yet.').waitFor();
    await panel.getByLabel('Field').fill('data.tags.0');
    await panel.getByRole('button', { name: 'Add index' }).click();
    await panel.getByText('data.tags.0: an index cannot name an array position.').waitFor();
    await panel.getByLabel('Field').fill('data.price');
    await panel.getByRole('button', { name: 'Add index' }).click();
    await panel.getByRole('list', { name: 'Indexed fields' }).getByText('data.price').waitFor();
    const listed = await dashboard.evaluate((url) => fetch(url).then((r) => r.json()), `/api/console/projects/${owner.project.id}/endpoints/${owner.endpoints.products!.id}`);
    expect((listed as { indexes: string[] }).indexes).to.deep.equal(['data.price']);
    await panel.getByRole('button', { name: 'Remove' }).click();
    await panel.getByText('No indexes yet.').waitFor();
  });
});
