import { expect } from 'chai';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import type { Test } from 'supertest';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { C, PASSWORD, signUpOwner, uniqueEmail } from '../helpers/console.js';
import { expectError } from '../helpers/errors.js';
import { seedRuntime } from '../helpers/runtime.js';

const ENCODINGS: Array<[string, (b: Buffer) => Buffer]> = [
  ['gzip', gzipSync],
  ['deflate', deflateSync],
  ['br', brotliCompressSync],
  ['GZIP', gzipSync],
  ['gzip, identity', gzipSync],
];

forEachAdapter('compressed request bodies', (adapter) => {
  const ctx = useApp(adapter);

  for (const [encoding, compress] of ENCODINGS) {
    it(`are refused with 415 on the runtime and the console (Content-Encoding: ${encoding})`, async () => {
      const f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }, { name: 'users', auth: true }] });
      const send = (req: Test, value: object) =>
        req.set('Content-Type', 'application/json').set('Content-Encoding', encoding).send(compress(Buffer.from(JSON.stringify(value))));
      expectError(await send(ctx().http.post(f.url('notes')), { text: 'x' }), 415, 'unsupported_media_type');
      const record = await ctx().http.post(f.url('notes')).send({ text: 'plain' });
      expectError(await send(ctx().http.put(f.url('notes', { uniqueId: record.body.uniqueId })), { text: 'x' }), 415, 'unsupported_media_type');
      expectError(await send(ctx().http.post(f.url('users')), { username: 'a', password: PASSWORD }), 415, 'unsupported_media_type');
      expectError(await send(ctx().http.post(`${C}/auth/register`), { email: uniqueEmail(), password: PASSWORD }), 415, 'unsupported_media_type');
      const owner = await signUpOwner(ctx().http);
      expectError(await send(ctx().http.post(`${C}/projects`).set(owner.auth), { name: 'Compressed' }), 415, 'unsupported_media_type');
      expect(await ctx().storage.listProjects(owner.owner.id)).to.have.length(0);
    });
  }

  it('accepts Content-Encoding: identity', async () => {
    const f = await seedRuntime(ctx().storage, { endpoints: [{ name: 'notes' }] });
    const res = await ctx().http.post(f.url('notes')).set('Content-Encoding', 'identity').send({ text: 'plain' });
    expect(res.status).to.equal(201);
  });
});
