import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { ACCESS_TOKEN_COOKIE } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { sendFiles, uploadOne } from '../helpers/files.js';
import { bearer, master } from '../helpers/headers.js';
import { seedRuntime, signUpEndUser, type EndUser, type RuntimeFixture } from '../helpers/runtime.js';

forEachAdapter('secure file endpoints: ownership and tenant isolation', (adapter) => {
  const ctx = useApp(adapter);
  let f: RuntimeFixture;
  let alice: EndUser;
  let bob: EndUser;

  beforeEach(async () => {
    f = await seedRuntime(ctx().storage, {
      endpoints: [
        { name: 'members', auth: true },
        { name: 'files/private', files: true, secure: true },
        { name: 'files/shared', files: true, secure: true, access: { readOthers: true } },
      ],
    });
    alice = await signUpEndUser(ctx().http, f.project, 'members', { username: 'alice' });
    bob = await signUpEndUser(ctx().http, f.project, 'members', { username: 'bob' });
  });

  const fileUrl = (endpoint: string, id: string) => f.url(endpoint, { fileOnly: 'true', uniqueId: id });

  it('refuses an upload without a token with 401 before reading it, and stores nothing', async () => {
    expectError(await sendFiles(ctx(), f.url('files/private'), [{ bytes: randomBytes(100) }]), 401, 'token_missing');
    expect(await ctx().storage.countRecords(f.endpoints['files/private']!.id)).to.equal(0);
  });

  it("serves a user's file to that user (Bearer or cookie) and the master key, as missing to another user, 401 without a token", async () => {
    const record = await uploadOne(ctx(), f.url('files/private'), { bytes: Buffer.from('secret'), type: 'image/png' }, bearer(alice));
    expect((await ctx().http.get(fileUrl('files/private', record.uniqueId)).set(bearer(alice))).status).to.equal(200);
    const cookie = `${ACCESS_TOKEN_COOKIE}=${alice.token}`;
    expect((await ctx().http.get(fileUrl('files/private', record.uniqueId)).set('Cookie', cookie)).status).to.equal(200);
    expect((await ctx().http.get(fileUrl('files/private', record.uniqueId)).set(master(f))).status).to.equal(200);
    expectError(await ctx().http.get(fileUrl('files/private', record.uniqueId)).set(bearer(bob)), 404, 'record_not_found');
    expect((await ctx().http.head(fileUrl('files/private', record.uniqueId)).set(bearer(bob))).status).to.equal(404); // HEAD: no body to check
    expectError(await ctx().http.get(fileUrl('files/private', record.uniqueId)), 401, 'token_missing');
    const listed = await ctx().http.get(f.url('files/private')).set(bearer(bob));
    expect(listed.body).to.deep.equal([]);
  });

  it('lets others read with readOthers, but never replace or delete without updateOthers / deleteOthers', async () => {
    const record = await uploadOne(ctx(), f.url('files/shared'), { bytes: Buffer.from('shared') }, bearer(alice));
    expect((await ctx().http.get(fileUrl('files/shared', record.uniqueId)).set(bearer(bob))).status).to.equal(200);
    const url = f.url('files/shared', { uniqueId: record.uniqueId });
    expectError(await sendFiles(ctx(), url, [{ bytes: Buffer.from('mine now') }], { method: 'put', headers: bearer(bob) }), 403, 'forbidden');
    expectError(await ctx().http.put(url).set(bearer(bob)).send({ title: 'x' }), 403, 'forbidden');
    expectError(await ctx().http.delete(url).set(bearer(bob)), 403, 'forbidden');
    expect((await ctx().http.delete(url).set(bearer(alice))).status).to.equal(204);
  });

  it("never reaches another project's files with this project's key, even with the right uniqueId and endpoint name", async () => {
    const record = await uploadOne(ctx(), f.url('files/private'), { bytes: Buffer.from('tenant a') }, bearer(alice));
    const other = await seedRuntime(ctx().storage, { endpoints: [{ name: 'files/private', files: true }] });
    expectError(await ctx().http.get(other.url('files/private', { fileOnly: 'true', uniqueId: record.uniqueId })), 404, 'record_not_found');
    expectError(await ctx().http.delete(other.url('files/private', { uniqueId: record.uniqueId })), 404, 'record_not_found');
    expect((await ctx().http.get(fileUrl('files/private', record.uniqueId)).set(bearer(alice))).status).to.equal(200);
  });
});
