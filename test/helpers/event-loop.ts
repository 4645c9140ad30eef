/** Counts event-loop iterations (a setImmediate that schedules itself), to show that work is spread over several. */
export function countIterations(): { now(): number; stop(): void } {
  let iteration = 0;
  let ticking = true;
  const tick = () => {
    iteration++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  return { now: () => iteration, stop: () => void (ticking = false) };
}
