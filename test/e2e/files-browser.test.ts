import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import supertest from 'supertest';
import { adapters } from '../helpers/adapters.js';
import { describeBrowser, launchChromium } from '../helpers/browser.js';
import { signedInOwner, type DashboardOwner } from '../helpers/dashboard.js';
import { ce, signUpEndUser } from '../helpers/runtime.js';
import { startPage, startServer, type Running } from '../helpers/servers.js';

const DASHBOARD_DIST = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/** In the app page: logs the end user in with the cookie, makes a PNG and a one-second WebM in the browser, uploads both with fetch + FormData. */
async function uploadFromPage(page: Page, auth: string, files: string, credentials: { email: string; password: string }): Promise<string[]> {
  return page.evaluate(
    async ({ auth, files, credentials }) => {
      const login = await fetch(`${auth}&login=true`, { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(credentials) });
      if (login.status !== 200) throw new Error(`login answered ${login.status}`);
      const canvas = document.createElement('canvas');
      canvas.width = 64;
      canvas.height = 48;
      const paint = canvas.getContext('2d')!;
      paint.fillStyle = '#4f46e5';
      paint.fillRect(0, 0, 64, 48);
      const png = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
      const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
      const chunks: Blob[] = [];
      recorder.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((resolve) => (recorder.onstop = resolve));
      recorder.start(100);
      for (let i = 0; i < 25; i++) {
        paint.fillStyle = `hsl(${i * 14}, 70%, 50%)`;
        paint.fillRect(0, 0, 64, 48);
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      recorder.stop();
      await stopped;
      const form = new FormData();
      form.append('file', png, 'square.png');
      form.append('file', new Blob(chunks, { type: 'video/webm' }), 'clip.webm');
      form.append('caption', 'from the app');
      const res = await fetch(files, { method: 'POST', credentials: 'include', body: form });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as Array<{ uniqueId: string }>).map((r) => r.uniqueId);
    },
    { auth, files, credentials },
  );
}

/** Shows the file as <img> and as <video> (range-served) in the app page; answers what the browser made of them. */
async function showInPage(page: Page, imageUrl: string, videoUrl: string): Promise<{ width: number; videoReady: number; duration: number }> {
  return page.evaluate(
    async ({ imageUrl, videoUrl }) => {
      const img = document.createElement('img');
      const loaded = new Promise((resolve, reject) => ((img.onload = resolve), (img.onerror = () => reject(new Error('the image did not load')))));
      img.src = imageUrl;
      document.body.append(img);
      await loaded;
      const video = document.createElement('video');
      video.muted = true;
      const ready = new Promise((resolve, reject) => ((video.onloadeddata = resolve), (video.onerror = () => reject(new Error('the video did not load')))));
      video.src = videoUrl;
      document.body.append(video);
      await ready;
      return { width: img.naturalWidth, videoReady: video.readyState, duration: video.duration };
    },
    { imageUrl, videoUrl },
  );
}

describeBrowser('file endpoints in Chromium: a frontend on another origin, and the dashboard', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;
  let app: Running;

  before(async function () {
    this.timeout(60_000);
    if (!existsSync(`${DASHBOARD_DIST}/index.html`)) throw new Error('dashboard/dist is missing: run `npm run build` (npm test does it for you)');
    browser = await launchChromium();
    server = await startServer(adapters()[0]!, { dashboardDir: DASHBOARD_DIST });
    app = await startPage('127.0.0.1', '<!doctype html><title>my app</title><h1>my app</h1>');
  });

  after(async () => {
    await browser?.close();
    await Promise.all([server?.close(), app?.close()]);
  });

  it('uploads from the app with fetch + FormData and the login cookie, shows the image and plays the video by range, and the owner previews and deletes them', async function () {
    this.timeout(60_000);
    const dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const owner: DashboardOwner = await signedInOwner(dashboard.context(), server.url, {
      project: { name: 'Photo app', allowedOrigins: [app.url] },
      endpoints: [{ name: 'app/auth', auth: true }, { name: 'app/media', files: true, secure: true, allowedTypes: ['image/*', 'video/*'] }],
    });
    const credentials = { email: 'ann@example.com', password: 'ann-password-123' };
    await signUpEndUser(supertest.agent(server.url), owner.project, 'app/auth', credentials);
    const frontend = await (await browser.newContext()).newPage();
    // What the video element fetched, from the browser's own network log (DevTools protocol).
    const media: Array<{ status: number; contentRange: string | undefined }> = [];
    const cdp = await frontend.context().newCDPSession(frontend);
    await cdp.send('Network.enable');
    cdp.on('Network.responseReceived', (e) => {
      const headers = Object.fromEntries(Object.entries(e.response.headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
      if (e.type === 'Media') media.push({ status: e.response.status, contentRange: headers['content-range'] });
    });
    await frontend.goto(app.url);

    const key = { key: owner.project.apiKey };
    const [imageId, videoId] = await uploadFromPage(frontend, `${server.url}${ce('app/auth', key)}`, `${server.url}${ce('app/media', key)}`, credentials);
    const fileUrl = (id: string) => `${server.url}${ce('app/media', { ...key, fileOnly: 'true', uniqueId: id })}`;
    const shown = await showInPage(frontend, fileUrl(imageId!), `${fileUrl(videoId!)}&stream=true`);
    expect(shown.width).to.equal(64);
    expect(shown.videoReady).to.be.at.least(2);
    expect(media.some((m) => m.status === 206 && m.contentRange?.startsWith('bytes 0-')), JSON.stringify(media)).to.equal(true);

    await dashboard.goto(owner.endpointUrl('app/media'));
    const rows = dashboard.getByTestId('file-row');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(2);
    const names = dashboard.locator('td[data-label="Name"]');
    expect(await names.allTextContents()).to.have.members(['square.png', 'clip.webm']);
    const preview = dashboard.getByRole('img', { name: 'square.png' });
    await dashboard.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth === 64, await preview.elementHandle());
    await dashboard.getByRole('button', { name: 'Delete square.png' }).click();
    await dashboard.getByRole('button', { name: 'Delete this record' }).click();
    await names.filter({ hasText: 'square.png' }).waitFor({ state: 'detached' });
    expect(await rows.count()).to.equal(1);
    const gone = await frontend.evaluate((url) => fetch(url, { credentials: 'include' }).then((r) => r.status), fileUrl(imageId!));
    expect(gone).to.equal(404);
    await Promise.all([dashboard.context().close(), frontend.context().close()]);
  });

  it('creates a file endpoint in the dashboard and uploads a file with the progress bar', async function () {
    this.timeout(60_000);
    const dashboard = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    const owner = await signedInOwner(dashboard.context(), server.url, { project: { name: 'Uploads' }, endpoints: [] });
    await dashboard.goto(owner.projectUrl); // a project without endpoints opens the form by itself
    await dashboard.getByLabel('Endpoint name').fill('docs/pdfs');
    await dashboard.getByLabel('File endpoint').check();
    await dashboard.getByLabel('Largest file (MiB)').fill('2');
    await dashboard.getByLabel('Allowed types (optional)').fill('application/pdf, image/*');
    await dashboard.getByRole('button', { name: 'Create endpoint' }).click();
    await dashboard.waitForURL(/\/endpoints\/[^/]+\/use$/);
    await dashboard.getByRole('link', { name: 'Files', exact: true }).click();
    await dashboard.getByText('No files yet').waitFor();
    // A slow uplink (512 KiB/s, DevTools protocol), so the 1 MiB upload takes long enough to watch its progress.
    const cdp = await dashboard.context().newCDPSession(dashboard);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 512 * 1024 });
    await dashboard.getByTestId('file-input').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1024 * 1024, 37) });
    await dashboard.waitForFunction(() => {
      const bar = document.querySelector<HTMLProgressElement>('[data-testid="upload-progress"]');
      return bar !== null && bar.value > 0.1 && bar.value < 1;
    });
    await dashboard.getByRole('cell', { name: 'report.pdf', exact: true }).waitFor();
    expect(await dashboard.getByTestId('upload-progress').count()).to.equal(0);
    expect(await dashboard.getByRole('cell', { name: '1.0 MiB', exact: true }).count()).to.equal(1);
    const endpoints = (await dashboard.evaluate((id) => fetch(`/api/console/projects/${id}/endpoints`).then((r) => r.json()), owner.project.id)) as Array<{ files: boolean; maxFileBytes: number; allowedTypes: string[] }>;
    expect(endpoints[0]).to.deep.include({ files: true, maxFileBytes: 2 * 1024 * 1024, allowedTypes: ['application/pdf', 'image/*'] });
    await dashboard.context().close();
  });

  it('runs the "Use it" upload and download snippets as pasted, from the app page', async function () {
    this.timeout(60_000);
    const dashboard = await (await browser.newContext()).newPage();
    const owner = await signedInOwner(dashboard.context(), server.url, {
      project: { name: 'Snippets', allowedOrigins: [app.url] },
      endpoints: [{ name: 'shared/files', files: true }],
    });
    await dashboard.goto(`${owner.endpointUrl('shared/files')}/use`);
    const snippet = async (operation: string) => (await dashboard.getByTestId(`snippet-${operation}-fetch`).textContent())!;
    const [upload, download, img] = [await snippet('upload'), await snippet('download'), await snippet('img')];
    const frontend = await (await browser.newContext()).newPage();
    await frontend.goto(app.url);
    // The upload snippet reads input.files[0]: a page has such an <input type="file">.
    const uploaded = await frontend.evaluate(async (code) => {
      const input = { files: [new File(['hello from a snippet'], 'hello.txt', { type: 'text/plain' })] };
      const run = new Function('input', `return (async () => { ${code}\nreturn record; })();`) as (i: unknown) => Promise<{ uniqueId: string; data: { file: { name: string; size: number } } }>;
      return run(input);
    }, upload);
    expect(uploaded.data.file).to.deep.include({ name: 'hello.txt', size: 20 });
    const text = await frontend.evaluate(async ({ code, id }) => {
      const run = new Function(`return (async () => { ${code.replace('UNIQUE_ID', id)}\nreturn blob.text(); })();`) as () => Promise<string>;
      return run();
    }, { code: download, id: uploaded.uniqueId });
    expect(text).to.equal('hello from a snippet');
    expect(img).to.include(`${server.url}/api/1/ce/shared/files?key=${owner.project.apiKey}&fileOnly=true&uniqueId=UNIQUE_ID`).and.match(/^<img src=/);
    await Promise.all([dashboard.context().close(), frontend.context().close()]);
  });
});
