import { expect } from 'chai';
import { countIterations } from '../helpers/event-loop.js';
import { createPageTurns } from '@rested/server/testing';

describe('page turns (runtime/page-turns.ts)', () => {
  it('grants one turn per event-loop iteration, so the loop polls between two page reads', async () => {
    const turns = createPageTurns();
    const iterations = countIterations();
    const seen: number[] = [];
    await Promise.all([1, 2, 3, 4].map(() => turns.take('b').then(() => seen.push(iterations.now()))));
    iterations.stop();
    for (let i = 1; i < seen.length; i++) expect(seen[i], `turn ${i + 1} after turn ${i}`).to.be.above(seen[i - 1]!);
  });

  it('takes projects in turn: a project with many page reads waiting does not go before another one', async () => {
    const turns = createPageTurns();
    const order: string[] = [];
    const take = (project: string, n: number) => turns.take(project).then(() => order.push(`${project}${n}`));
    await Promise.all([take('b', 1), take('b', 2), take('b', 3), take('a', 1), take('b', 4), take('a', 2)]);
    expect(order).to.deep.equal(['b1', 'a1', 'b2', 'a2', 'b3', 'b4']);
  });
});
