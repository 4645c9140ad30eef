import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { newEndpoint, newProject, signUpOwner, C } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { binary, seedFiles, sendFiles, sha256, uploadOne, whatIsStored } from '../helpers/files.js';
import { ce } from '../helpers/runtime.js';

forEachAdapter('PUT, PATCH and DELETE on /api/1/ce/:files', (adapter) => {
  const ctx = useApp(adapter);

  it('a JSON PUT replaces the metadata, a PATCH merges it; the file descriptor never changes and a "file" key stays metadata', async () => {
    const f = await seedFiles(ctx().storage);
    const record = await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('abc'), name: 'a.txt', type: 'text/plain' });
    const url = f.url('files-here', { uniqueId: record.uniqueId });
    const put = await ctx().http.put(url).send({ title: 'first', file: { name: 'evil.html' } });
    expect(put.status).to.equal(200);
    expect(put.body.data).to.deep.equal({ file: record.data.file, metadata: { title: 'first', file: { name: 'evil.html' } } });
    const patch = await ctx().http.patch(url).send({ file: null, tags: ['x'] });
    expect(patch.body.data).to.deep.equal({ file: record.data.file, metadata: { title: 'first', tags: ['x'] } });
    expectError(await ctx().http.put(url).send([1, 2]), 400, 'invalid_body');
    expectError(await ctx().http.put(url).set('Content-Type', 'text/plain').send('text'), 415, 'unsupported_media_type');
  });

  it('a multipart PUT replaces the bytes, name, type, size and sha256, moves updatedAt, and its text fields replace the metadata', async () => {
    const f = await seedFiles(ctx().storage);
    const record = await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('old'), name: 'a.txt', type: 'text/plain' });
    await ctx().http.put(f.url('files-here', { uniqueId: record.uniqueId })).send({ kept: 'yes' });
    const fresh = randomBytes(5000);
    const url = f.url('files-here', { uniqueId: record.uniqueId });
    const res = await sendFiles(ctx(), url, [{ bytes: fresh, name: 'b.png', type: 'image/png' }], { method: 'put' });
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    expect(res.body.uniqueId).to.equal(record.uniqueId);
    expect(res.body.data).to.deep.equal({ file: { name: 'b.png', type: 'image/png', size: 5000, sha256: sha256(fresh) }, metadata: { kept: 'yes' } });
    expect(Date.parse(res.body.updatedAt)).to.be.greaterThan(Date.parse(record.updatedAt) - 1);
    const download = await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: record.uniqueId })).buffer(true).parse(binary);
    expect((download.body as Buffer).equals(fresh)).to.equal(true);
    const withFields = await sendFiles(ctx(), url, [{ bytes: Buffer.from('c') }], { method: 'put', fields: [['title', 'new']] });
    expect(withFields.body.data.metadata).to.deep.equal({ title: 'new' });
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 1, blobs: 1 });
  });

  it('a refused replacement keeps the old bytes and record: two files, too large, PATCH with multipart', async () => {
    const f = await seedFiles(ctx().storage, { maxFileBytes: 100 });
    const old = Buffer.from('old bytes');
    const record = await uploadOne(ctx(), f.url('files-here'), { bytes: old });
    const url = f.url('files-here', { uniqueId: record.uniqueId });
    expectError(await sendFiles(ctx(), url, [{ bytes: Buffer.from('a') }, { bytes: Buffer.from('b') }], { method: 'put' }), 413, 'too_many_files');
    expectError(await sendFiles(ctx(), url, [{ bytes: randomBytes(101) }], { method: 'put' }), 413, 'file_too_large');
    expectError(await sendFiles(ctx(), url, [{ bytes: Buffer.from('x') }], { method: 'patch' }), 415, 'unsupported_media_type');
    expectError(await sendFiles(ctx(), f.url('files-here'), [{ bytes: Buffer.from('x') }], { method: 'put' }), 400, 'missing_unique_id');
    const [stored] = await ctx().storage.findRecords(f.endpoints['files-here']!.id, [record.uniqueId]);
    expect(stored!.data).to.deep.equal(record.data);
    const download = await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: record.uniqueId })).buffer(true).parse(binary);
    expect((download.body as Buffer).equals(old)).to.equal(true);
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 1, blobs: 1 });
  });

  it('DELETE removes the record and its bytes; the bytes of other records stay', async () => {
    const f = await seedFiles(ctx().storage);
    const [a, b] = [await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('a') }), await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('b') })];
    expect((await ctx().http.delete(f.url('files-here', { uniqueId: a.uniqueId }))).status).to.equal(204);
    expectError(await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: a.uniqueId })), 404, 'record_not_found');
    expectError(await ctx().http.delete(f.url('files-here', { uniqueId: a.uniqueId })), 404, 'record_not_found');
    expect((await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: b.uniqueId }))).status).to.equal(200);
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 1, blobs: 1 });
  });

  it('fileOnly=true is refused on a data endpoint', async () => {
    const f = await seedFiles(ctx().storage, {}, [{ name: 'notes-here' }]);
    expectError(await ctx().http.get(f.url('notes-here', { fileOnly: 'true', uniqueId: 'f'.repeat(32) })), 400, 'invalid_parameter');
  });
});

forEachAdapter('deleting a file endpoint or its project removes its files', (adapter) => {
  const ctx = useApp(adapter);

  async function consoleFileEndpoint() {
    const owner = await signUpOwner(ctx().http);
    const project = await newProject(ctx().http, owner);
    const endpoint = await newEndpoint(ctx().http, owner, project.id, { name: 'photos', files: true });
    const other = await newEndpoint(ctx().http, owner, project.id, { name: 'documents', files: true });
    for (const name of ['photos', 'documents']) {
      const res = await sendFiles(ctx(), ce(name, { key: project.apiKey }), [{ bytes: randomBytes(1000) }, { bytes: randomBytes(1000) }]);
      expect(res.status).to.equal(201);
    }
    return { owner, project, endpoint, other };
  }

  /** Blobs still stored, counted by a sweep that wants every record that still exists. */
  async function blobsLeft(): Promise<number> {
    let seen = 0;
    await ctx().storage.blobs.sweep(async (key) => {
      seen++;
      const [record] = await ctx().storage.findRecords(key.endpointId, [key.uniqueId]);
      return record ? (record.data as { file: { sha256: string } }).file.sha256 : null;
    }, new Date(Date.now() + 60_000));
    return seen;
  }

  it('DELETE of the endpoint removes its files and no others', async () => {
    const { owner, project, endpoint } = await consoleFileEndpoint();
    expect(await blobsLeft()).to.equal(4);
    expect((await ctx().http.delete(`${C}/projects/${project.id}/endpoints/${endpoint.id}`).set(owner.auth)).status).to.equal(204);
    expect(await blobsLeft()).to.equal(2);
  });

  it('DELETE of the project removes all its files', async () => {
    const { owner, project } = await consoleFileEndpoint();
    expect((await ctx().http.delete(`${C}/projects/${project.id}`).set(owner.auth)).status).to.equal(204);
    expect(await blobsLeft()).to.equal(0);
  });
});
