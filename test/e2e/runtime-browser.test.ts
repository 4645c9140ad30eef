import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { expectError, type Answer } from '../helpers/errors.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { startPage, startServer, type Running } from '../helpers/servers.js';

/** What the page could read of an answer: status, body and the headers it is allowed to see. */
type Call = Answer & { authorization: string | null };

/** Runs fetch inside the page, as a frontend app would. */
function call(page: Page, url: string, init: { method?: string; body?: unknown; bearer?: string } = {}): Promise<Call> {
  return page.evaluate(
    async ({ url, init }) => {
      const headers: Record<string, string> = {};
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      if (init.bearer) headers.Authorization = `Bearer ${init.bearer}`;
      const res = await fetch(url, {
        method: init.method ?? 'GET',
        credentials: 'include',
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
      const text = await res.text();
      const seen = { 'content-type': res.headers.get('Content-Type') ?? undefined, 'x-request-id': res.headers.get('X-Request-Id') ?? undefined };
      return { status: res.status, headers: seen, body: text ? JSON.parse(text) : null, authorization: res.headers.get('Authorization') };
    },
    { url, init },
  );
}

describeBrowser('a frontend on another origin, in Chromium', () => {
  let browser: Browser;
  let api: Awaited<ReturnType<typeof startServer>>;
  let app: Running;
  let stranger: Running;
  let f: RuntimeFixture;
  let page: Page;

  before(async function () {
    this.timeout(60_000);
    browser = await launchChromium();
    api = await startServer(adapters()[0]!);
    // 127.0.0.1 is another site than localhost: the cookie is a third-party (partitioned) one.
    app = await startPage('127.0.0.1', '<!doctype html><title>app</title><h1>app</h1>');
    stranger = await startPage('127.0.0.1', '<!doctype html><title>stranger</title>');
    f = await seedRuntime(api.storage, { allowedOrigins: [app.url], endpoints: [{ name: 'examples/auth', auth: true }] });
  });

  after(async () => {
    await browser?.close();
    await Promise.all([api?.close(), app?.close(), stranger?.close()]);
  });

  beforeEach(async () => {
    page = await (await browser.newContext()).newPage();
  });
  afterEach(async () => page.context().close());

  const url = (params: Record<string, string> = {}) => `${api.url}${f.url('examples/auth', params)}`;

  it('registers, logs in with the cookie, reads the user, logs out, and is then refused', async () => {
    await page.goto(app.url);
    expect((await call(page, url(), { method: 'POST', body: { username: 'ada', password: 'lovelace-1815' } })).status).to.equal(201);

    const login = await call(page, url({ login: 'true' }), { method: 'POST', body: { username: 'ada', password: 'lovelace-1815' } });
    expect(login.status).to.equal(200);
    expect(await page.evaluate(() => document.cookie)).to.not.include('rested');

    const me = await call(page, url());
    expect(me.status).to.equal(200);
    expect((me.body as { data: { username: string } }).data.username).to.equal('ada');

    const logout = await call(page, url({ logout: 'true' }), { method: 'POST' });
    expect(logout.status).to.equal(204);

    const after = await call(page, url());
    expectError(after, 401, 'token_missing'); // the cleared cookie is gone
    expect(await page.evaluate(() => document.cookie)).to.equal('');
  });

  it('works in header mode with noATCookie=true, reading the exposed Authorization header', async () => {
    await page.goto(app.url);
    await call(page, url(), { method: 'POST', body: { username: 'grace', password: 'hopper-1906' } });
    const login = await call(page, url({ login: 'true', noATCookie: 'true' }), { method: 'POST', body: { username: 'grace', password: 'hopper-1906' } });
    expect(login.authorization).to.match(/^Bearer /);
    const bearer = login.authorization!.slice('Bearer '.length);
    expect((await call(page, url(), { bearer })).status).to.equal(200);
    expect((await call(page, url({ logout: 'true' }), { method: 'POST', bearer })).status).to.equal(204);
    expectError(await call(page, url(), { bearer }), 401, 'session_revoked');
  });

  it('refuses a page from an origin that is not allowed', async () => {
    await page.goto(stranger.url);
    // What the browser saw on the wire, which the page itself is not allowed to read.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    // Chromium may send a response's ExtraInfo event before the request's requestWillBeSent, so
    // events are kept by request id and matched once the page's fetch has settled.
    let toApi: string | undefined;
    const statusOf = new Map<string, number>();
    const corsErrorOf = new Map<string, string | undefined>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.url.startsWith(api.url)) toApi = e.requestId;
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => statusOf.set(e.requestId, e.statusCode));
    cdp.on('Network.loadingFailed', (e) => corsErrorOf.set(e.requestId, e.corsErrorStatus?.corsError));
    const seen = async () => {
      for (let waited = 0; !(toApi && statusOf.has(toApi) && corsErrorOf.has(toApi)); waited += 20) {
        if (waited > 5000) throw new Error('the browser reported no answer from the API');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { status: statusOf.get(toApi), corsError: corsErrorOf.get(toApi) };
    };
    const outcome = await page.evaluate(async (target) => {
      try {
        await fetch(target, { credentials: 'include' });
        return 'answered';
      } catch (error) {
        return String(error);
      }
    }, url());
    expect(outcome).to.match(/TypeError/);
    // The page learns nothing; the server did answer, 403 and without any CORS grant.
    expect(await seen()).to.deep.equal({ status: 403, corsError: 'MissingAllowOriginHeader' });
  });
});
