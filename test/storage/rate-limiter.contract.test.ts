import { expect } from 'chai';
import { forEachAdapter } from '../helpers/adapters.js';
import { useFreshStorage } from '../helpers/fixtures.js';

forEachAdapter('storage contract: rate limiters', (adapter) => {
  const store = useFreshStorage(adapter);

  it('rate limiters refuse once the points are used up, per key, with the seconds left in the window', async () => {
    const limiter = store().createRateLimiter({ keyPrefix: `t${Date.now()}`, points: 3, durationSeconds: 60 });
    for (let i = 0; i < 3; i++) expect(await limiter.consume('a'), `attempt ${i + 1}`).to.equal(0);
    const wait = await limiter.consume('a');
    expect(wait).to.be.within(1, 60);
    expect(await limiter.consume('b')).to.equal(0);
  });

  it('rate limiters give a point back on reward and start a key over on delete', async () => {
    const limiter = store().createRateLimiter({ keyPrefix: `r${Date.now()}`, points: 2, durationSeconds: 60 });
    await limiter.consume('a');
    await limiter.consume('a');
    await limiter.reward('a', 1);
    expect(await limiter.consume('a'), 'the rewarded point').to.equal(0);
    expect(await limiter.consume('a'), 'used up again').to.be.greaterThan(0);
    await limiter.delete('a');
    expect(await limiter.consume('a'), 'after delete').to.equal(0);
    expect(await limiter.consume('a'), 'after delete').to.equal(0);
    expect(await limiter.consume('a'), 'after delete, used up').to.be.greaterThan(0);
  });
});
