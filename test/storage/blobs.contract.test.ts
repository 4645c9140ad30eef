import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import type { BlobKey, BlobStore } from '@rested/server';
import { newId } from '@rested/server/testing';
import { forEachAdapter } from '../helpers/adapters.js';
import { useFreshStorage } from '../helpers/fixtures.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const key = (over: Partial<BlobKey> = {}): BlobKey => ({ projectId: newId(), endpointId: newId(), uniqueId: newId(), ...over });
const FUTURE = () => new Date(Date.now() + 60_000);
const NOBODY = async () => null;

async function bytesOf(stream: Readable | null): Promise<Buffer | null> {
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A source that sends `bytes` in chunks of 64 KiB, then fails when `failAfter` is set. */
function source(bytes: Buffer, failAfter?: Error): Readable {
  let offset = 0;
  return new Readable({
    read() {
      if (offset < bytes.length) {
        this.push(bytes.subarray(offset, offset + 65536));
        offset += 65536;
      } else if (failAfter) this.destroy(failAfter);
      else this.push(null);
    },
  });
}

async function put(blobs: BlobStore, k: BlobKey, bytes: Buffer) {
  const staged = await blobs.stage(k, source(bytes));
  await staged.publish();
  return staged;
}

forEachAdapter('storage contract: blobs', (adapter) => {
  const store = useFreshStorage(adapter);
  const blobs = () => store().blobs;

  it('stages bytes with their size and sha256, invisible until published, then reads them back whole', async () => {
    const bytes = randomBytes(300_000);
    const k = key();
    const staged = await blobs().stage(k, source(bytes));
    expect({ size: staged.size, sha256: staged.sha256 }).to.deep.equal({ size: bytes.length, sha256: sha256(bytes) });
    expect(await blobs().open(k)).to.equal(null);
    await staged.publish();
    expect((await bytesOf(await blobs().open(k)))!.equals(bytes)).to.equal(true);
  });

  it('stores an empty file', async () => {
    const k = key();
    const staged = await put(blobs(), k, Buffer.alloc(0));
    expect(staged.size).to.equal(0);
    expect((await bytesOf(await blobs().open(k)))!.length).to.equal(0);
  });

  it('reads exactly the bytes of a range, first and last byte included', async () => {
    const bytes = randomBytes(1_000_000);
    const k = key();
    await put(blobs(), k, bytes);
    for (const [start, end] of [[0, 0], [0, 1023], [261_000, 262_200], [999_999, 999_999], [500_000, 999_999]] as const) {
      const got = await bytesOf(await blobs().open(k, { start, end }));
      expect(got!.equals(bytes.subarray(start, end + 1)), `${start}-${end}`).to.equal(true);
    }
  });

  it('publishing new bytes for a key replaces the old ones', async () => {
    const k = key();
    await put(blobs(), k, Buffer.from('old bytes'));
    await put(blobs(), k, Buffer.from('new'));
    expect((await bytesOf(await blobs().open(k)))!.toString()).to.equal('new');
  });

  it('a discarded stage leaves nothing, and a failing source rejects with its error and leaves nothing', async () => {
    const k = key();
    const staged = await blobs().stage(k, source(randomBytes(1000)));
    await staged.discard();
    const failure = new Error('client went away');
    let caught: unknown;
    await blobs().stage(k, source(randomBytes(200_000), failure)).catch((error) => (caught = error));
    expect(caught).to.equal(failure);
    expect(await blobs().open(k)).to.equal(null);
    // Nothing is left for a sweep to find, even one that wants every key.
    expect(await blobs().sweep(async () => 'any', FUTURE())).to.deep.equal({ removed: 0, published: 0 });
  });

  it('discard after publish keeps the published bytes', async () => {
    const k = key();
    const staged = await put(blobs(), k, Buffer.from('kept'));
    await staged.discard();
    expect((await bytesOf(await blobs().open(k)))!.toString()).to.equal('kept');
  });

  it('delete removes one blob; deleting a missing one is fine', async () => {
    const [a, b] = [key(), key()];
    await put(blobs(), a, Buffer.from('a'));
    await put(blobs(), b, Buffer.from('b'));
    await blobs().delete(a);
    await blobs().delete(a);
    expect(await blobs().open(a)).to.equal(null);
    expect((await bytesOf(await blobs().open(b)))!.toString()).to.equal('b');
  });

  it('deleteScope removes the blobs of one endpoint, or of a whole project, and no others', async () => {
    const projectId = newId();
    const endpointId = newId();
    const sameEndpoint = key({ projectId, endpointId });
    const otherEndpoint = key({ projectId });
    const otherProject = key();
    for (const k of [sameEndpoint, otherEndpoint, otherProject]) await put(blobs(), k, Buffer.from('x'));
    await blobs().deleteScope({ projectId, endpointId });
    expect(await blobs().open(sameEndpoint)).to.equal(null);
    expect(await blobs().open(otherEndpoint)).to.not.equal(null);
    await blobs().deleteScope({ projectId });
    expect(await blobs().open(otherEndpoint)).to.equal(null);
    expect(await blobs().open(otherProject)).to.not.equal(null);
  });

  it('sweep removes blobs no record wants and keeps the wanted ones', async () => {
    const [wanted, orphan] = [key(), key()];
    const kept = await put(blobs(), wanted, Buffer.from('wanted'));
    await put(blobs(), orphan, Buffer.from('orphan'));
    const report = await blobs().sweep(async (k) => (k.uniqueId === wanted.uniqueId ? kept.sha256 : null), FUTURE());
    expect(report).to.deep.equal({ removed: 1, published: 0 });
    expect(await blobs().open(orphan)).to.equal(null);
    expect((await bytesOf(await blobs().open(wanted)))!.toString()).to.equal('wanted');
  });

  it('sweep publishes staged bytes whose sha256 the record names, and removes staged bytes it does not', async () => {
    const [rolled, stale] = [key(), key()];
    await put(blobs(), rolled, Buffer.from('before'));
    const next = await blobs().stage(rolled, source(Buffer.from('after')));
    await blobs().stage(stale, source(Buffer.from('never committed')));
    const report = await blobs().sweep(async (k) => (k.uniqueId === rolled.uniqueId ? next.sha256 : sha256(Buffer.from('other'))), FUTURE());
    expect(report).to.deep.equal({ removed: 1, published: 1 }); // stale removed; rolled's "after" published over its "before"
    expect((await bytesOf(await blobs().open(rolled)))!.toString()).to.equal('after');
    expect(await blobs().open(stale)).to.equal(null);
  });

  it('sweep leaves alone what was written after staleBefore', async () => {
    const k = key();
    await put(blobs(), k, Buffer.from('fresh'));
    expect(await blobs().sweep(NOBODY, new Date(Date.now() - 60_000))).to.deep.equal({ removed: 0, published: 0 });
    expect(await blobs().open(k)).to.not.equal(null);
  });
});
