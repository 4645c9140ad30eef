import type { Clock } from '../clock.js';

/** One master_key.used event per project and client address per minute at most. */
export const MASTER_KEY_EVENT_EVERY_MS = 60_000;
const MAX_TRACKED = 10_000;

export interface MasterKeyUses {
  /**
   * Counts one use of the project's master key from `ip`; answers the count to record when an
   * event is due (the uses since the last event, this one included), else null.
   */
  count(projectId: string, ip: string): number | null;
}

/** In memory, per server process (each instance records its own uses). */
export function createMasterKeyUses(clock: Clock): MasterKeyUses {
  const windows = new Map<string, { since: number; uses: number }>();
  return {
    count(projectId, ip) {
      const key = `${projectId}\n${ip}`;
      const now = clock.now().getTime();
      const window = windows.get(key);
      if (window && now - window.since < MASTER_KEY_EVENT_EVERY_MS) {
        window.uses++;
        return null;
      }
      if (windows.size >= MAX_TRACKED) windows.delete(windows.keys().next().value!);
      windows.delete(key);
      windows.set(key, { since: now, uses: 0 });
      return (window?.uses ?? 0) + 1;
    },
  };
}
