import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { CONSOLE_PREFIX as C, RUNTIME_PREFIX } from '@rested/shared';
import { sleep } from '../helpers/fixtures.js';
import { children, startProcess, type Started } from '../helpers/server-process.js';

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

async function json(port: number, path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** An owner, a project and a file endpoint, through the console API of the running server. */
async function setUp(server: Started) {
  const owner = await json(server.port, `${C}/auth/register?noCookie=true`, { method: 'POST', body: { email: 'owner@example.com', password: 'long enough password' } });
  const token = owner.body.token as string;
  const project = await json(server.port, `${C}/projects`, { method: 'POST', body: { name: 'Crash test' }, token });
  const endpoint = await json(server.port, `${C}/projects/${project.body.id}/endpoints`, { method: 'POST', body: { name: 'uploads', files: true }, token });
  return { token, projectId: project.body.id as string, endpointId: endpoint.body.id as string, apiKey: project.body.apiKey as string };
}

/** Starts a multipart upload and keeps sending; answers once `sent` bytes of the file went out. The request is left hanging. */
function startUpload(port: number, apiKey: string, sent: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: `${RUNTIME_PREFIX}/uploads?key=${apiKey}`, headers: { 'Content-Type': 'multipart/form-data; boundary=CRASH' } });
    req.on('error', () => undefined); // the server is killed under it
    req.write('--CRASH\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n');
    let written = 0;
    const more = () => {
      while (written < sent) {
        written += 65536;
        if (!req.write(randomBytes(65536))) return void req.once('drain', more);
      }
      resolve();
    };
    more();
  });
}

describe('file uploads and a server killed mid-upload (SIGKILL)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rested-crash-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no record, and no orphan bytes once the server started again; finished uploads stay', async function () {
    this.timeout(60_000);
    const first = await startProcess(dir);
    const ids = await setUp(first);
    const kept = await fetch(`http://127.0.0.1:${first.port}${RUNTIME_PREFIX}/uploads?key=${ids.apiKey}`, {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('file', new Blob([Buffer.from('a finished upload')]), 'kept.txt');
        return form;
      })(),
    });
    expect(kept.status).to.equal(201);
    const keptId = ((await kept.json()) as Array<{ uniqueId: string }>)[0]!.uniqueId;

    await startUpload(first.port, ids.apiKey, 4 * 1024 * 1024);
    const files = join(dir, 'files');
    for (let i = 0; i < 100 && !filesUnder(files).some((f) => f.endsWith('.tmp')); i++) await sleep(50);
    expect(filesUnder(files).some((f) => f.endsWith('.tmp')), 'the upload is being written').to.equal(true);
    first.child.kill('SIGKILL');
    await first.exited;
    // Bytes published before a commit that never came look like this: a blob of no record.
    const endpointDir = join(files, ids.projectId, ids.endpointId);
    writeFileSync(join(endpointDir, 'f'.repeat(32)), 'orphan');
    mkdirSync(join(files, 'a'.repeat(32), 'b'.repeat(32)), { recursive: true });
    writeFileSync(join(files, 'a'.repeat(32), 'b'.repeat(32), 'c'.repeat(32)), 'of a deleted project');

    const second = await startProcess(dir);
    expect(filesUnder(files)).to.deep.equal([join(ids.projectId, ids.endpointId, keptId)]);
    const listed = await json(second.port, `${C}/projects/${ids.projectId}/endpoints/${ids.endpointId}/records`, { token: ids.token });
    expect((listed.body.items as Array<{ uniqueId: string }>).map((r) => r.uniqueId)).to.deep.equal([keptId]);
    expect(second.lines.some((l) => l.includes('file store swept'))).to.equal(true);
  });
});
