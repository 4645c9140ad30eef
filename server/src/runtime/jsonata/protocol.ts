/** Messages between the JSONata worker pool and its workers. */

export interface Job {
  id: number;
  expression: string;
  input: unknown;
  timeoutMs: number;
  maxResultBytes: number;
}

export type Outcome = { id: number; ok: true; json: string } | { id: number; ok: false; message: string };

/** Sent once by a worker when it has loaded, so the pool starts a job's deadline only when it can run. */
export const READY = 'ready';
