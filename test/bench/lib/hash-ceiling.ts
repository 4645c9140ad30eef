import { availableParallelism } from 'node:os';
import { hashPassword } from '@rested/server';

export interface HashCeiling {
  /** One hash at a time: the cost of one hash on one core. */
  msPerHash: number;
  perCorePerSecond: number;
  cores: number;
  /** perCorePerSecond × cores: what a login endpoint could reach if hashing were all it did. */
  ceilingPerSecond: number;
  /** Measured with 4 hashes asked for at once through the server's hashPassword, which runs at most cores-1 of them. */
  measuredParallelPerSecond: number;
}

async function rate(seconds: number, inFlight: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until) {
      await hashPassword('correct horse battery staple');
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return done / ((performance.now() - started) / 1000);
}

/**
 * The server's own password hash (scrypt, same parameters), timed in the bench process while
 * nothing else runs: login throughput is reported against this ceiling.
 */
export async function measureHashCeiling(seconds: number): Promise<HashCeiling> {
  await hashPassword('warm-up');
  const perCore = await rate(seconds, 1);
  const parallel = await rate(seconds, 4);
  const cores = availableParallelism();
  return {
    msPerHash: 1000 / perCore,
    perCorePerSecond: perCore,
    cores,
    ceilingPerSecond: perCore * cores,
    measuredParallelPerSecond: parallel,
  };
}
