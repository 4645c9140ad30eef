import { availableParallelism } from 'node:os';
import { expect } from 'chai';
import { createHashQueue, defaultHashSlots, HashQueueFull } from '@rested/server/testing';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const LIMITS = { slots: 1, maxWaitingPerKey: 100, maxWaitingTotal: 1000, retryAfterSeconds: 2 };

/** A task that holds its slot until `release()`. */
function held() {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { task: () => done, release };
}

describe('password hash slots', () => {
  it('never runs more tasks at once than it has slots, and runs one key\'s tasks first come first served', async () => {
    const queue = createHashQueue({ ...LIMITS, slots: 2 });
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
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => queue.run('a', task(n))));
    expect(results).to.deep.equal([1, 2, 3, 4, 5, 6]);
    expect(most).to.equal(2);
    expect(started).to.deep.equal([1, 2, 3, 4, 5, 6]);
  });

  it('frees the slot of a task that fails', async () => {
    const queue = createHashQueue(LIMITS);
    const failed = queue.run('a', async () => {
      throw new Error('boom');
    });
    const error = await failed.then(() => null, (e: Error) => e);
    expect(error?.message).to.equal('boom');
    expect(await queue.run('a', async () => 'next')).to.equal('next');
  });

  it('serves keys round-robin: a key with a long backlog delays another key by one task per turn', async () => {
    const queue = createHashQueue(LIMITS);
    const first = held();
    const order: string[] = [];
    const running = [queue.run('flood', first.task)];
    for (let i = 0; i < 50; i++) running.push(queue.run('flood', async () => void order.push(`flood-${i}`)));
    running.push(queue.run('quiet', async () => void order.push('quiet-0')));
    running.push(queue.run('quiet', async () => void order.push('quiet-1')));
    expect(queue.waiting('flood')).to.equal(50);
    expect(queue.waiting()).to.equal(52);
    first.release();
    await Promise.all(running);
    expect(order.slice(0, 4)).to.deep.equal(['flood-0', 'quiet-0', 'flood-1', 'quiet-1']);
    expect(queue.waiting()).to.equal(0);
  });

  it('refuses a task beyond the bound of its key at once, while other keys still queue', async () => {
    const queue = createHashQueue({ ...LIMITS, maxWaitingPerKey: 3 });
    const first = held();
    let ran = 0;
    const running = [queue.run('flood', first.task)];
    for (let i = 0; i < 3; i++) running.push(queue.run('flood', async () => void ran++));
    const refused = await queue.run('flood', async () => void ran++).then(() => null, (e: unknown) => e);
    expect(refused).to.be.instanceOf(HashQueueFull);
    expect((refused as HashQueueFull).retryAfterSeconds).to.equal(2);
    running.push(queue.run('other', async () => void ran++));
    first.release();
    await Promise.all(running);
    expect(ran).to.equal(4); // the refused task never ran
  });

  it('refuses a task beyond the bound of all keys together', async () => {
    const queue = createHashQueue({ ...LIMITS, maxWaitingTotal: 4 });
    const first = held();
    const running = [queue.run('a', first.task)];
    for (const key of ['a', 'b', 'c', 'd']) running.push(queue.run(key, async () => undefined));
    const refused = await queue.run('e', async () => undefined).then(() => null, (e: unknown) => e);
    expect(refused).to.be.instanceOf(HashQueueFull);
    first.release();
    await Promise.all(running);
    expect(await queue.run('e', async () => 'served once the queue drained')).to.equal('served once the queue drained');
  });

  it('leaves a core for the event loop, keeping at least one slot and at most libuv\'s 4 threads', () => {
    const cores = availableParallelism();
    expect(defaultHashSlots()).to.equal(cores <= 2 ? 1 : Math.min(4, cores - 1));
  });
});
