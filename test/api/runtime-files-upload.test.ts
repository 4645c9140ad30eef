import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import type { FileRecordData, RecordEnvelope } from '@rested/shared';
import { forEachAdapter } from '../helpers/adapters.js';
import { useApp } from '../helpers/app.js';
import { expectError } from '../helpers/errors.js';
import { seedFiles, sendFiles, sha256, uploadOne, whatIsStored } from '../helpers/files.js';

type FileRecord = RecordEnvelope<FileRecordData>;

forEachAdapter('POST /api/1/ce/:files (upload)', (adapter) => {
  const ctx = useApp(adapter);

  it('stores each file part as one record, in upload order, with name, type, size, sha256 and the text fields as metadata', async () => {
    const f = await seedFiles(ctx().storage);
    const [a, b] = [randomBytes(70_000), Buffer.from('hello')];
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: a, name: 'photo.png', type: 'image/png' }, { bytes: b, name: 'note.txt', type: 'text/plain' }], {
      fields: [['album', 'summer'], ['tag', 'beach'], ['tag', 'sea']],
    });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const records = res.body as FileRecord[];
    expect(records.map((r) => r.data)).to.deep.equal([
      { file: { name: 'photo.png', type: 'image/png', size: a.length, sha256: sha256(a) }, metadata: { album: 'summer', tag: ['beach', 'sea'] } },
      { file: { name: 'note.txt', type: 'text/plain', size: b.length, sha256: sha256(b) }, metadata: { album: 'summer', tag: ['beach', 'sea'] } },
    ]);
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 2, blobs: 2 });
  });

  it('answers an array also for one file, and only the data with dataOnly=true', async () => {
    const f = await seedFiles(ctx().storage);
    const res = await sendFiles(ctx(), f.url('files-here', { dataOnly: 'true' }), [{ bytes: Buffer.from('x'), name: 'x.bin' }]);
    expect(res.status).to.equal(201);
    expect(res.body).to.deep.equal([{ file: { name: 'x.bin', type: 'application/octet-stream', size: 1, sha256: sha256('x') }, metadata: {} }]);
  });

  it('collects text fields sent after the files too', async () => {
    const f = await seedFiles(ctx().storage);
    const req = ctx().http.post(f.url('files-here')).field('before', '1').attach('file', Buffer.from('x'), 'x.bin').field('after', '2');
    const res = await req;
    expect(res.status).to.equal(201);
    expect(res.body[0].data.metadata).to.deep.equal({ before: '1', after: '2' });
  });

  it('sanitises the file name: no directories, no control characters, at most 255 bytes of UTF-8', async () => {
    const f = await seedFiles(ctx().storage);
    const cases: Array<[string, string]> = [
      ['../../etc/passwd', 'passwd'],
      ['C:\\Users\\me\\report.pdf', 'report.pdf'],
      ['bad\u009bname\u0085.txt', 'badname.txt'], // C0 controls never get past the multipart parser
      [`${'é'.repeat(200)}.txt`, 'é'.repeat(127)],
    ];
    for (const [sent, stored] of cases) {
      const record = await uploadOne(ctx(), f.url('files-here'), { bytes: Buffer.from('x'), name: sent });
      expect(record.data.file.name, sent).to.equal(stored);
    }
  });

  it('accepts a file of exactly maxFileBytes and refuses one byte more with 413 file_too_large, keeping nothing', async () => {
    const f = await seedFiles(ctx().storage, { maxFileBytes: 1000 });
    await uploadOne(ctx(), f.url('files-here'), { bytes: randomBytes(1000) });
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10) }, { bytes: randomBytes(1001) }]);
    expectError(res, 413, 'file_too_large');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 1, blobs: 1 });
  });

  it('refuses more than 10 files with 413 too_many_files, keeping nothing', async () => {
    const f = await seedFiles(ctx().storage);
    const eleven = Array.from({ length: 11 }, () => ({ bytes: randomBytes(100) }));
    expectError(await sendFiles(ctx(), f.url('files-here'), eleven), 413, 'too_many_files');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
    expect((await sendFiles(ctx(), f.url('files-here'), eleven.slice(1))).status).to.equal(201);
  });

  it('refuses a type allowedTypes does not list with 415 file_type_not_allowed, keeping nothing; type/* patterns match', async () => {
    const f = await seedFiles(ctx().storage, { allowedTypes: ['image/*', 'application/pdf'] });
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10), type: 'image/jpeg' }, { bytes: randomBytes(10), type: 'text/html' }]);
    expectError(res, 415, 'file_type_not_allowed');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
    const ok = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10), type: 'image/webp' }, { bytes: randomBytes(10), type: 'application/pdf' }]);
    expect(ok.status).to.equal(201);
  });

  it('refuses a file in another field with 400 unexpected_file_field, and a form without files with 400 missing_file', async () => {
    const f = await seedFiles(ctx().storage);
    expectError(await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10) }], { field: 'avatar' }), 400, 'unexpected_file_field');
    expectError(await ctx().http.post(f.url('files-here')).field('only', 'text'), 400, 'missing_file');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
  });

  it('refuses a malformed multipart body with 400 invalid_multipart', async () => {
    const f = await seedFiles(ctx().storage);
    const noBoundary = await ctx().http.post(f.url('files-here')).set('Content-Type', 'multipart/form-data').send('whatever');
    expectError(noBoundary, 400, 'invalid_multipart');
    const cut = '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\npartial bytes';
    const truncated = await ctx().http.post(f.url('files-here')).set('Content-Type', 'multipart/form-data; boundary=XYZ').send(cut);
    expectError(truncated, 400, 'invalid_multipart');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
  });

  it('refuses JSON or text on a file endpoint, and multipart on a data endpoint, with 415 unsupported_media_type', async () => {
    const f = await seedFiles(ctx().storage, {}, [{ name: 'notes-here' }]);
    expectError(await ctx().http.post(f.url('files-here')).send({ a: 1 }), 415, 'unsupported_media_type');
    expectError(await ctx().http.post(f.url('files-here')).set('Content-Type', 'text/plain').send('hi'), 415, 'unsupported_media_type');
    expectError(await sendFiles(ctx(), f.url('notes-here'), [{ bytes: randomBytes(10) }]), 415, 'unsupported_media_type');
  });

  it('refuses text fields larger than BODY_LIMIT with 413 payload_too_large, keeping nothing', async () => {
    const f = await seedFiles(ctx().storage);
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10) }], { fields: [['big', 'x'.repeat(1024 * 1024 + 1)]] });
    expectError(res, 413, 'payload_too_large');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
  });
});

forEachAdapter('POST /api/1/ce/:files within the quotas and the body budget', (adapter) => {
  const ctx = useApp(adapter, { config: { quotas: { projectsPerOwner: 100, recordsPerProject: 1000, bytesPerProject: 100_000, writesPerMinute: 1000 } } });

  it("counts file bytes in the project's byte quota: an upload past it is cut off with 403 quota_exceeded, keeping nothing", async () => {
    const f = await seedFiles(ctx().storage);
    await uploadOne(ctx(), f.url('files-here'), { bytes: randomBytes(60_000) });
    const usage = await ctx().storage.projectUsage(f.project.id);
    expect(usage.bytes).to.be.greaterThan(60_000);
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(50_000) }]);
    expectError(res, 403, 'quota_exceeded');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 1, blobs: 1 });
  });
});

forEachAdapter('POST /api/1/ce/:files and the body budget', (adapter) => {
  const ctx = useApp(adapter, { config: { bodyBudgetBytes: 100 * 1024 } });

  it('answers 503 with Retry-After before reading when the body budget cannot hold an upload window', async () => {
    const f = await seedFiles(ctx().storage);
    const res = await sendFiles(ctx(), f.url('files-here'), [{ bytes: randomBytes(10) }]);
    expectError(res, 503, 'service_unavailable');
    expect(res.headers['retry-after']).to.equal('1');
    expect(await whatIsStored(ctx(), f.endpoints['files-here']!.id)).to.deep.equal({ records: 0, blobs: 0 });
  });
});
