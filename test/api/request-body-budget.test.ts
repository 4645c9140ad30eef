import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { expectError, type Answer } from '../helpers/errors.js';
import { upload, type Upload } from '../helpers/uploads.js';
import { sleep } from '../helpers/fixtures.js';
import { seedRuntime, type RuntimeFixture } from '../helpers/runtime.js';
import { startServer } from '../helpers/servers.js';

const KiB = 1024;
const ITEMS = 'uploads';
/** A small budget: four bodies of 60 KiB in flight fill it but for 16 KiB. */
const CONFIG = { bodyLimitBytes: 64 * KiB, bodyBudgetBytes: 256 * KiB };

/** A JSON body of exactly `bytes` bytes: a string of x. */
const bodyOf = (bytes: number) => Buffer.from(JSON.stringify('x'.repeat(bytes - 2)));

const expectBusy = (res: Answer) => {
  expectError(res, 503, 'service_unavailable');
  expect(res.headers['retry-after'], 'Retry-After').to.equal('1');
};

forEachAdapter('request bodies: the server-wide budget of body bytes in flight (BODY_BUDGET)', (adapter) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let f: RuntimeFixture;
  let endpoint: string;
  beforeEach(async () => {
    server = await startServer(adapter, CONFIG);
    f = await seedRuntime(server.storage, { endpoints: [{ name: ITEMS }, { name: 'members', auth: true }] });
    endpoint = server.url + f.url(ITEMS);
  });
  afterEach(() => server.close());

  const stored = async () => (await server.storage.listRecords(f.endpoints[ITEMS]!.id, { limit: 1000 })).length;
  const post = (url: string, body: Buffer) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: new Uint8Array(body) });

  /** Four uploads of 60 KiB, each with half of its body sent: they hold 240 KiB of the 256. */
  async function holdFourUploads(): Promise<{ uploads: Upload[]; body: Buffer }> {
    const body = bodyOf(60 * KiB);
    const uploads = Array.from({ length: 4 }, () => upload(endpoint, body.length));
    for (const u of uploads) u.send(body.subarray(0, body.length / 2));
    await sleep(300); // until the server has read their headers and reserved their lengths
    return { uploads, body };
  }

  it('answers 503 with Retry-After before reading a body its Content-Length would take past the budget; the held ones then succeed', async () => {
    const { uploads, body } = await holdFourUploads();
    const refused = upload(endpoint, body.length); // headers only: the answer comes without the body
    expectBusy(await refused.answer);
    for (const u of uploads) {
      u.send(body.subarray(body.length / 2));
      u.end();
    }
    for (const u of uploads) expect((await u.answer).status).to.equal(201);
    expect((await post(endpoint, body)).status, 'a body once the budget is free again').to.equal(201);
    expect(await stored()).to.equal(5);
  });

  it('refuses a chunked body as soon as its chunks would pass the budget, and writes nothing of it', async () => {
    const { uploads, body } = await holdFourUploads();
    const chunked = upload(endpoint);
    chunked.send(Buffer.from('"'));
    for (let i = 0; i < 5; i++) {
      chunked.send(Buffer.from('x'.repeat(8 * KiB)));
      await sleep(20);
    }
    expectBusy(await chunked.answer);
    for (const u of uploads) {
      u.send(body.subarray(body.length / 2));
      u.end();
    }
    for (const u of uploads) expect((await u.answer).status).to.equal(201);
    expect(await stored()).to.equal(4);
  });

  it('survives a burst of parallel uploads larger than the budget: each answered 201 or 503 with Retry-After, no record half-written', async () => {
    // 40 uploads of 60 KiB arrive together, as over a network: half of each body, then the rest.
    const body = bodyOf(60 * KiB);
    const uploads = Array.from({ length: 40 }, () => upload(endpoint, body.length));
    for (const u of uploads) u.send(body.subarray(0, body.length / 2));
    await sleep(300);
    for (const u of uploads) {
      u.send(body.subarray(body.length / 2));
      u.end();
    }
    const answers = await Promise.all(uploads.map((u) => u.answer));
    const created = answers.filter((a) => a.status === 201);
    for (const a of answers.filter((a) => a.status !== 201)) expectBusy(a);
    // Four fit at once; a few more when their headers came after others had finished.
    expect(created.length, 'at least the four the budget holds').to.be.at.least(4);
    expect(answers.length - created.length, 'refused').to.be.at.least(20);
    expect(await stored(), 'records stored = 201 answers').to.equal(created.length);
    for (const r of await server.storage.listRecords(f.endpoints[ITEMS]!.id, { limit: 1000 })) {
      expect(r.data).to.equal(JSON.parse(body.toString()));
    }
    expect((await post(endpoint, body)).status, 'a body after the burst').to.equal(201);
  });

  it('holds registrations to the same budget', async () => {
    await holdFourUploads();
    const register = upload(server.url + f.url('members'), 60 * KiB);
    expectBusy(await register.answer);
  });

  it('still answers 413 for a body over BODY_LIMIT, whatever the budget holds', async () => {
    await holdFourUploads();
    const big = upload(endpoint, 65 * KiB);
    expectError(await big.answer, 413, 'payload_too_large');
  });
});
