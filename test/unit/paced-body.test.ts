import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { PACED_SLICE_BYTES, pacedBody } from '@rested/server/testing';

describe('large answers written in slices (http/paced-body.ts)', () => {
  it('gives back the same bytes, one slice per event-loop iteration', async () => {
    const bytes = randomBytes(PACED_SLICE_BYTES * 3 + 17);
    let iteration = 0;
    let ticking = true;
    const tick = () => {
      iteration++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const chunks: Buffer[] = [];
    const seenAt: number[] = [];
    for await (const chunk of pacedBody(bytes)) {
      chunks.push(chunk as Buffer);
      seenAt.push(iteration);
    }
    ticking = false;
    expect(Buffer.concat(chunks).equals(bytes)).to.equal(true);
    expect(chunks.map((c) => c.length)).to.deep.equal([PACED_SLICE_BYTES, PACED_SLICE_BYTES, PACED_SLICE_BYTES, 17]);
    for (let i = 1; i < seenAt.length; i++) expect(seenAt[i], `slice ${i + 1}`).to.be.above(seenAt[i - 1]!);
  });
});
