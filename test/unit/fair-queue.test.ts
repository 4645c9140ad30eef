import { expect } from 'chai';
import { createFairQueue } from '@rested/server/testing';

const job = (project: string, n: number) => ({ project, n });

describe('the fair queue of JSONata jobs (runtime/jsonata/fair-queue.ts)', () => {
  it('gives a free worker to the waiting project with the fewest jobs running, round robin among equals', () => {
    const queue = createFairQueue<ReturnType<typeof job>>();
    for (let n = 0; n < 3; n++) queue.push(job('b', n));
    queue.push(job('a', 0));
    const first = queue.take()!;
    const second = queue.take()!;
    expect([first.project, second.project]).to.deep.equal(['b', 'a']);
    expect(queue.take()!.project, 'b again: a has no job left').to.equal('b');
  });
});
