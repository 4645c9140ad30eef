import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { sleep } from '../helpers/fixtures.js';
import { seedFiles } from '../helpers/files.js';
import { startServer } from '../helpers/servers.js';

/**
 * Streams a multipart upload of `total` file bytes, 64 KiB at a time, to the real server; answers
 * the status the client saw and how many bytes it had written by then (or the error it got).
 */
function streamUpload(url: string, total: number): Promise<{ status: number | null; body: string; writtenWhenAnswered: number; error: string | null }> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=EARLY' } });
    let written = 0;
    let answeredAt = -1;
    req.on('response', (res) => {
      answeredAt = written;
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? null, body, writtenWhenAnswered: answeredAt, error: null }));
    });
    req.on('error', (error) => resolve({ status: null, body: '', writtenWhenAnswered: answeredAt, error: error.message }));
    req.write('--EARLY\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n');
    const chunk = randomBytes(65536);
    const more = () => {
      while (written < total && answeredAt < 0) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', more);
      }
      req.end('\r\n--EARLY--\r\n');
    };
    more();
  });
}

forEachAdapter('an upload refused while the client is still sending', (adapter) => {
  it('is answered 413 file_too_large as soon as the limit is passed, and the client sees the answer, not a reset', async function () {
    this.timeout(30_000);
    const server = await startServer(adapter);
    try {
      const f = await seedFiles(server.storage, { maxFileBytes: 100_000 });
      const total = 200 * 1024 * 1024;
      const result = await streamUpload(`${server.url}${f.url('files-here')}`, total);
      expect(result.error).to.equal(null);
      expect(result.status).to.equal(413);
      expect(JSON.parse(result.body).error.reason).to.equal('file_too_large');
      // Answered long before the 200 MB were sent (the client stops sending once it has the answer).
      expect(result.writtenWhenAnswered).to.be.greaterThan(0).and.lessThan(total / 4);
      expect(await server.storage.countRecords(f.endpoints['files-here']!.id)).to.equal(0);
    } finally {
      await server.close();
    }
  });
});

forEachAdapter('an upload the client abandons halfway', (adapter) => {
  it('leaves no record and no bytes once the server noticed', async function () {
    this.timeout(30_000);
    const server = await startServer(adapter);
    try {
      const f = await seedFiles(server.storage);
      const req = request(`${server.url}${f.url('files-here')}`, { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=GONE' } });
      req.on('error', () => undefined);
      req.write('--GONE\r\nContent-Disposition: form-data; name="file"; filename="half.bin"\r\n\r\n');
      for (let i = 0; i < 32; i++) req.write(randomBytes(65536));
      await sleep(300);
      req.destroy();
      await sleep(1000); // the server sees the connection close and removes the temporary file
      // A sweep that wants nothing finds (and counts) every blob left, staged or published: none may be.
      expect((await server.storage.blobs.sweep(async () => null, new Date(Date.now() + 60_000))).removed).to.equal(0);
      expect(await server.storage.countRecords(f.endpoints['files-here']!.id)).to.equal(0);
    } finally {
      await server.close();
    }
  });
});
