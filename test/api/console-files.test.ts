import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, newEndpoint, newProject, signUpOwner, signUpOwnerWithCookie } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { binary, sendFiles, sha256 } from '../helpers/files.js';

forEachAdapter('console: file endpoints', (adapter) => {
  const ctx = useApp(adapter, { config: { fileLimitBytes: 10 * 1024 * 1024 } });

  it('creates a file endpoint with maxFileBytes and allowedTypes (lower-cased, without repeats), changes them with PATCH, never files itself', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const plain = await newEndpoint(ctx().http, owner, project.id, { name: 'notes' });
    expect(plain).to.include({ files: false });
    const made = await newEndpoint(ctx().http, owner, project.id, { name: 'photos', files: true, allowedTypes: ['IMAGE/*', 'image/*', 'application/pdf'] });
    expect(made).to.deep.include({ files: true, maxFileBytes: 10 * 1024 * 1024, allowedTypes: ['image/*', 'application/pdf'] });
    const url = `${C}/projects/${project.id}/endpoints/${made.id}`;
    const patched = await ctx().http.patch(url).set(owner.auth).send({ maxFileBytes: 1000, allowedTypes: [] });
    expect(patched.body).to.deep.include({ files: true, maxFileBytes: 1000, allowedTypes: [] });
    const refused = await ctx().http.patch(url).set(owner.auth).send({ files: false });
    expectError(refused, 400, 'validation_failed');
    expect(refused.body.error.fields).to.have.keys('files');
  });

  it('refuses maxFileBytes above FILE_LIMIT, bad allowedTypes, and an endpoint that is both auth and files (400 with fields)', async () => {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const post = (body: object) => ctx().http.post(`${C}/projects/${project.id}/endpoints`).set(owner.auth).send(body);
    const tooBig = await post({ name: 'photos', files: true, maxFileBytes: 10 * 1024 * 1024 + 1 });
    expectError(tooBig, 400, 'validation_failed');
    expect(tooBig.body.error.fields).to.have.keys('maxFileBytes');
    for (const allowedTypes of ['image/png', ['not a type'], ['*/*'], [1]]) {
      const res = await post({ name: 'photos', files: true, allowedTypes });
      expect(res.body.error?.fields, JSON.stringify(allowedTypes)).to.have.keys('allowedTypes');
    }
    expect((await post({ name: 'photos', files: true, auth: true })).body.error.fields).to.have.keys('files');
  });

  it('uploads from the dashboard (cookie + its upload header), lists, downloads with ranges, and deletes a file with its bytes', async () => {
    const { cookie } = await signUpOwnerWithCookie(ctx().http);
    const projectRes = await ctx().http.post(`${C}/projects`).set('Cookie', cookie).send({ name: 'Cookie project' });
    const endpointRes = await ctx().http.post(`${C}/projects/${projectRes.body.id}/endpoints`).set('Cookie', cookie).send({ name: 'photos', files: true });
    const records = `${C}/projects/${projectRes.body.id}/endpoints/${endpointRes.body.id}/records`;
    const bytes = randomBytes(20_000);
    const refused = await sendFiles(ctx(), records, [{ bytes }], { headers: { Cookie: cookie } });
    expectError(refused, 403, 'csrf_rejected');
    const uploaded = await sendFiles(ctx(), records, [{ bytes, name: 'p.png', type: 'image/png' }], { headers: { Cookie: cookie, 'X-Rested-Dashboard': 'upload' } });
    expect(uploaded.status, JSON.stringify(uploaded.body)).to.equal(201);
    const id = uploaded.body[0].uniqueId as string;
    const listed = await ctx().http.get(records).set('Cookie', cookie);
    expect(listed.body.items.map((r: { data: { file: { sha256: string } } }) => r.data.file.sha256)).to.deep.equal([sha256(bytes)]);
    const part = await ctx().http.get(`${records}/${id}/file`).set('Cookie', cookie).set('Range', 'bytes=100-199').buffer(true).parse(binary);
    expect(part.status).to.equal(206);
    expect(part.headers).to.include({ 'content-type': 'image/png', 'content-range': `bytes 100-199/${bytes.length}`, etag: `"${sha256(bytes)}"` });
    expect((part.body as Buffer).equals(bytes.subarray(100, 200))).to.equal(true);
    const head = await ctx().http.head(`${records}/${id}/file`).set('Cookie', cookie);
    expect(head.status).to.equal(200);
    expect(head.headers).to.include({ 'content-length': String(bytes.length), 'cache-control': 'private, no-cache' });
    expect((await ctx().http.delete(`${records}/${id}`).set('Cookie', cookie)).status).to.equal(204);
    expectError(await ctx().http.get(`${records}/${id}/file`).set('Cookie', cookie), 404, 'record_not_found');
    const left = await ctx().storage.blobs.sweep(async () => null, new Date(Date.now() + 60_000));
    expect(left.removed).to.equal(0);
  });

  it("answers another owner's file as missing", async () => {
    const [a, b] = [await signUpOwner(ctx().http), await signUpOwner(ctx().http)];
    const project = await newProject(ctx().http, a);
    const endpoint = await newEndpoint(ctx().http, a, project.id, { name: 'photos', files: true });
    const records = `${C}/projects/${project.id}/endpoints/${endpoint.id}/records`;
    const uploaded = await sendFiles(ctx(), records, [{ bytes: Buffer.from('x') }], { headers: a.auth });
    expect(uploaded.status).to.equal(201);
    expectError(await ctx().http.get(`${records}/${uploaded.body[0].uniqueId}/file`).set(b.auth), 404, 'project_not_found');
    expectError(await sendFiles(ctx(), records, [{ bytes: Buffer.from('x') }], { headers: b.auth }), 404, 'project_not_found');
  });
});
