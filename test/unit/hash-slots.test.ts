import { availableParallelism } from 'node:os';
import { expect } from 'chai';
import { createSlots, defaultHashSlots } from '@rested/server/testing';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('password hash slots', () => {
  it('never runs more tasks at once than it has slots, and runs them first come first served', async () => {
    const run = createSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running++;
      most = Math.max(most, running);
      await tick();
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => run(task(n))));
    expect(results).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(most).to.equal(2);
    expect(started).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('frees the slot of a task that fails', async () => {
    const run = createSlots(1);
    const failed = run(async () => {
      throw new Error('boom');
    });
    const error = await failed.then(() => null, (e: Error) => e);
    expect(error?.message).to.equal('boom');
    expect(await run(async () => 'next')).to.equal('next');
  });

  it('leaves a core for the event loop, keeping at least one slot and at most libuv\'s 4 threads', () => {
    const cores = availableParallelism();
    expect(defaultHashSlots()).to.equal(cores <= 2 ? 1 : Math.min(4, cores - 1));
  });
});
