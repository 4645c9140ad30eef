import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { countIterations } from '../helpers/event-loop.js';
import { PACED_SLICE_BYTES, pacedBody } from '@rested/server/testing';

describe('large answers written in slices (http/paced-body.ts)', () => {
  it('gives back the same bytes, one slice per event-loop iteration, whatever the pieces', async () => {
    const bytes = randomBytes(PACED_SLICE_BYTES * 3 + 17);
    const pieces = [bytes.subarray(0, 10), bytes.subarray(10, PACED_SLICE_BYTES + 5), bytes.subarray(PACED_SLICE_BYTES + 5)];
    const iterations = countIterations();
    const chunks: Buffer[] = [];
    const seenAt: number[] = [];
    for await (const chunk of pacedBody(pieces)) {
      chunks.push(chunk as Buffer);
      seenAt.push(iterations.now());
    }
    iterations.stop();
    expect(Buffer.concat(chunks).equals(bytes)).to.equal(true);
    expect(chunks.reduce((n, c) => n + c.length, 0)).to.equal(bytes.length);
    expect(new Set(seenAt).size, 'four slices of at most PACED_SLICE_BYTES, in four iterations').to.equal(4);
  });
});
