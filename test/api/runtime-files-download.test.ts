import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { binary, seedFiles, sha256, uploadOne } from '../helpers/files.js';
import type { RuntimeFixture } from '../helpers/runtime.js';

forEachAdapter('GET /api/1/ce/:files?fileOnly=true (download)', (adapter) => {
  const ctx = useApp(adapter);
  const bytes = randomBytes(100_000);
  let f: RuntimeFixture;
  let id: string;
  const fileUrl = (extra: Record<string, string> = {}) => f.url('files-here', { fileOnly: 'true', uniqueId: id, ...extra });
  const get = (extra: Record<string, string> = {}) => ctx().http.get(fileUrl(extra)).buffer(true).parse(binary);

  beforeEach(async () => {
    f = await seedFiles(ctx().storage);
    id = (await uploadOne(ctx(), f.url('files-here'), { bytes, name: 'holiday photo é.png', type: 'image/png' })).uniqueId;
  });

  it('answers the bytes with type, length, ETag, Last-Modified, Accept-Ranges, private no-cache, nosniff and an inline disposition', async () => {
    const res = await get();
    expect(res.status).to.equal(200);
    expect((res.body as Buffer).equals(bytes)).to.equal(true);
    expect(res.headers).to.include({
      'content-type': 'image/png',
      'content-length': String(bytes.length),
      etag: `"${sha256(bytes)}"`,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-cache',
      'x-content-type-options': 'nosniff',
      'content-disposition': "inline; filename*=UTF-8''holiday%20photo%20%C3%A9.png",
    });
    expect(new Date(res.headers['last-modified']!).getTime()).to.be.closeTo(Date.now(), 60_000);
    expect(res.headers['content-security-policy']).to.equal(undefined);
  });

  it('honours Range at the edges: first byte, last byte, a suffix, an open end, an end past the size', async () => {
    const size = bytes.length;
    const cases: Array<[string, number, number]> = [
      ['bytes=0-0', 0, 0],
      [`bytes=${size - 1}-${size - 1}`, size - 1, size - 1],
      ['bytes=-500', size - 500, size - 1],
      ['bytes=99000-', 99_000, size - 1],
      [`bytes=1000-${size + 5000}`, 1000, size - 1],
      [`bytes=-${size * 2}`, 0, size - 1],
    ];
    for (const [range, start, end] of cases) {
      const res = await get().set('Range', range);
      expect(res.status, range).to.equal(206);
      expect(res.headers['content-range'], range).to.equal(`bytes ${start}-${end}/${size}`);
      expect(res.headers['content-length'], range).to.equal(String(end - start + 1));
      expect((res.body as Buffer).equals(bytes.subarray(start, end + 1)), range).to.equal(true);
    }
  });

  it('answers 416 with Content-Range bytes */size for a range that starts past the end, or bytes=-0', async () => {
    for (const range of [`bytes=${bytes.length}-`, `bytes=${bytes.length + 10}-${bytes.length + 20}`, 'bytes=-0']) {
      const res = await ctx().http.get(fileUrl()).set('Range', range);
      expectError(res, 416, 'range_not_satisfiable');
      expect(res.headers['content-range'], range).to.equal(`bytes */${bytes.length}`);
    }
  });

  it('answers the whole file (200) for several ranges, another unit or a malformed range; stream=true changes nothing', async () => {
    for (const range of ['bytes=0-1,5-9', 'items=0-1', 'bytes=9-2', 'bytes=abc']) {
      const res = await get().set('Range', range);
      expect(res.status, range).to.equal(200);
      expect((res.body as Buffer).length, range).to.equal(bytes.length);
    }
    const streamed = await get({ stream: 'true' }).set('Range', 'bytes=10-19');
    expect(streamed.status).to.equal(206);
    expect((streamed.body as Buffer).equals(bytes.subarray(10, 20))).to.equal(true);
  });

  it('answers 304 without a body to If-None-Match with the ETag (or *), and 200 to another ETag', async () => {
    for (const tag of [`"${sha256(bytes)}"`, `W/"${sha256(bytes)}"`, `"other", "${sha256(bytes)}"`, '*']) {
      const res = await get().set('If-None-Match', tag);
      expect(res.status, tag).to.equal(304);
      expect((res.body as Buffer).length, tag).to.equal(0);
      expect(res.headers.etag).to.equal(`"${sha256(bytes)}"`);
    }
    expect((await get().set('If-None-Match', '"other"')).status).to.equal(200);
  });

  it('answers HEAD like GET without a body, for the whole file and for a range', async () => {
    const whole = await ctx().http.head(fileUrl());
    expect(whole.status).to.equal(200);
    expect(whole.headers).to.include({ 'content-length': String(bytes.length), 'content-type': 'image/png', etag: `"${sha256(bytes)}"` });
    const range = await ctx().http.head(fileUrl()).set('Range', 'bytes=0-9');
    expect(range.status).to.equal(206);
    expect(range.headers).to.include({ 'content-length': '10', 'content-range': `bytes 0-9/${bytes.length}` });
  });

  it('needs exactly one uniqueId (400 missing_unique_id) and answers 404 record_not_found for an unknown one', async () => {
    expectError(await ctx().http.get(f.url('files-here', { fileOnly: 'true' })), 400, 'missing_unique_id');
    expectError(await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: `${id},${id}x` })), 400, 'missing_unique_id');
    expectError(await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: 'f'.repeat(32) })), 404, 'record_not_found');
  });

  it('reads file records like data records without fileOnly: by uniqueId and as a page', async () => {
    const one = await ctx().http.get(f.url('files-here', { uniqueId: id }));
    expect(one.status).to.equal(200);
    expect(one.body.data.file).to.deep.equal({ name: 'holiday photo é.png', type: 'image/png', size: bytes.length, sha256: sha256(bytes) });
    const page = await ctx().http.get(f.url('files-here', { dataOnly: 'true' }));
    expect(page.body.map((d: { file: { sha256: string } }) => d.file.sha256)).to.deep.equal([sha256(bytes)]);
  });
});

forEachAdapter('GET /api/1/ce/:files?fileOnly=true for types a browser would run', (adapter) => {
  const ctx = useApp(adapter);

  it('serves HTML, SVG, XML, JavaScript and unknown types as attachments with CSP sandbox; images, media, PDF and text inline', async () => {
    const f = await seedFiles(ctx().storage);
    const cases: Array<[string, 'inline' | 'attachment']> = [
      ['text/html', 'attachment'],
      ['application/xhtml+xml', 'attachment'],
      ['image/svg+xml', 'attachment'],
      ['text/xml', 'attachment'],
      ['application/xml', 'attachment'],
      ['text/javascript', 'attachment'],
      ['application/javascript', 'attachment'],
      ['application/x-unknown', 'attachment'],
      ['application/octet-stream', 'attachment'],
      ['image/png', 'inline'],
      ['image/jpeg', 'inline'],
      ['video/mp4', 'inline'],
      ['audio/mpeg', 'inline'],
      ['application/pdf', 'inline'],
      ['text/plain', 'inline'],
    ];
    for (const [type, disposition] of cases) {
      const record = await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('<script>alert(1)</script>'), name: 'x', type });
      const res = await ctx().http.get(f.url('files-here', { fileOnly: 'true', uniqueId: record.uniqueId }));
      expect(res.headers['content-type'], type).to.equal(type);
      expect(res.headers['x-content-type-options'], type).to.equal('nosniff');
      expect(res.headers['content-disposition'], type).to.equal(`${disposition}; filename*=UTF-8''x`);
      expect(res.headers['content-security-policy'], type).to.equal(disposition === 'attachment' ? 'sandbox' : undefined);
    }
  });

  it('serves an empty file with Content-Length 0, and answers any range of it 416', async () => {
    const f = await seedFiles(ctx().storage);
    const record = await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.alloc(0), name: 'empty.txt', type: 'text/plain' });
    const url = f.url('files-here', { fileOnly: 'true', uniqueId: record.uniqueId });
    const res = await ctx().http.get(url);
    expect(res.status).to.equal(200);
    expect(res.headers['content-length']).to.equal('0');
    expectError(await ctx().http.get(url).set('Range', 'bytes=0-'), 416, 'range_not_satisfiable');
  });
});
