/** What the fair queue needs of a job. */
export interface FairTask {
  /** Whose job it is: the unit of fairness. */
  project: string;
  /** Set by the queue while the job is counted as running (between take and finished). */
  running?: boolean;
}

/**
 * The jobs waiting for a worker, one queue per project. A free worker takes the first job of the
 * waiting project that has the fewest jobs running, ties going to the project served longest ago
 * (round robin), so a project that floods the pool gets its share of the workers and no more
 * while another project waits.
 */
export function createFairQueue<Task extends FairTask>() {
  /** Only projects with waiting jobs; Map order is the round-robin order (served → to the back). */
  const queues = new Map<string, Task[]>();
  const running = new Map<string, number>();
  let waiting = 0;

  const remove = (task: Task): boolean => {
    const tasks = queues.get(task.project);
    const i = tasks?.indexOf(task) ?? -1;
    if (i === -1) return false;
    tasks!.splice(i, 1);
    if (tasks!.length === 0) queues.delete(task.project);
    waiting--;
    return true;
  };

  return {
    get waiting() { return waiting; },
    waitingOf: (project: string) => queues.get(project)?.length ?? 0,
    push(task: Task): void {
      const tasks = queues.get(task.project);
      if (tasks) tasks.push(task);
      else queues.set(task.project, [task]);
      waiting++;
    },
    remove,
    /** The newest job of the longest queue (to shed when the pool is full), if it is longer than `than`. */
    longest(than: number): Task | undefined {
      let found: Task[] | undefined;
      for (const tasks of queues.values()) if (tasks.length > (found?.length ?? than)) found = tasks;
      return found?.[found.length - 1];
    },
    /** The next job to run, now counted as running; undefined when none waits. */
    take(): Task | undefined {
      let next: string | undefined;
      let fewest = Infinity;
      for (const project of queues.keys()) {
        const n = running.get(project) ?? 0;
        if (n < fewest) [next, fewest] = [project, n];
      }
      if (next === undefined) return undefined;
      const tasks = queues.get(next)!;
      const task = tasks.shift()!;
      queues.delete(next);
      if (tasks.length > 0) queues.set(next, tasks);
      waiting--;
      running.set(next, fewest + 1);
      task.running = true;
      return task;
    },
    /** A job has left its worker. */
    finished(task: Task): void {
      if (!task.running) return;
      task.running = false;
      const n = (running.get(task.project) ?? 1) - 1;
      if (n > 0) running.set(task.project, n);
      else running.delete(task.project);
    },
    drain(): Task[] {
      const all = [...queues.values()].flat();
      queues.clear();
      waiting = 0;
      return all;
    },
  };
}
