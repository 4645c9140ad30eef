import type { Clock } from '@rested/server';

/** A clock tests move by hand: it stands still at `start` until advanced; `reset` takes it back to `start`. */
export function manualClock(start = Date.now()): Clock & { advance(ms: number): void; reset(): void } {
  let now = start;
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    reset() {
      now = start;
    },
  };
}
