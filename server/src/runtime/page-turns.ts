import { createFairQueue } from './jsonata/fair-queue.js';

interface Turn {
  project: string;
  running?: boolean;
  go: () => void;
}

/**
 * Turns for page reads, one per event-loop iteration, round robin between projects. A page read
 * (up to PAGE_BUDGET of records) reads, assembles and writes its answer in one synchronous stretch
 * on SQLite; without turns, every page request that arrived together ran before the loop polled
 * again, so a project flooding large pages held every other project's requests for as long as all
 * of its pages took. With turns, the loop polls between two pages: another project's request
 * waits for at most one page, and projects take turns at pages. A turn costs a page read one hop
 * through the loop's check phase (microseconds when the server is idle).
 */
export function createPageTurns() {
  const queue = createFairQueue<Turn>();
  let scheduled = false;

  // An immediate scheduled from within an immediate runs in the next iteration, after its poll.
  function grant(): void {
    const turn = queue.take();
    if (turn) {
      queue.finished(turn);
      turn.go();
    }
    scheduled = queue.waiting > 0;
    if (scheduled) setImmediate(grant);
  }

  return {
    /** Resolves when it is `project`'s turn; the page read that awaited it runs right then, before the loop polls again. */
    take(project: string): Promise<void> {
      return new Promise((go) => {
        queue.push({ project, go });
        if (!scheduled) {
          scheduled = true;
          setImmediate(grant);
        }
      });
    },
  };
}

export type PageTurns = ReturnType<typeof createPageTurns>;
