import { availableParallelism } from 'node:os';
import type { JsonValue } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import { createWorkerPool } from './worker-pool.js';

export interface JsonataOptions {
  /** Evaluation budget, checked by the worker before and after every evaluation step. */
  timeoutMs: number;
  maxResultBytes: number;
  /** Worker processes (default: the number of CPUs, at least 2, at most 4). */
  workers?: number;
  /** Told when a worker process crashes or cannot start (for the server log). */
  onWorkerFailure?: (detail: string) => void;
}

const MAX_EXPRESSION_LENGTH = 4096;
/**
 * Jobs of one project that may wait, per worker: four one-second jobs per worker can still start
 * within the five-second wait, so more would only wait to be refused.
 */
const WAITING_PER_WORKER = 4;
/** V8 heap of each worker process: the input page, intermediate values and the result must fit. */
const WORKER_HEAP_MB = 256;

/**
 * Runs JSONata in a pool of worker processes, so a slow, endless or memory-hungry expression
 * never blocks the event loop, another request's expression, or the server itself. Each
 * evaluation is stopped after `timeoutMs` (between steps, inside the worker); a single step that
 * never yields (say a pathological regular expression) has its worker killed and replaced after
 * twice that; an expression that outgrows the worker's heap ends only that worker.
 *
 * Projects share the workers fairly: a free worker goes to the waiting project with the fewest
 * evaluations running, and each project may have at most `workers × 4` waiting, so a project that
 * floods the pool gets 503s itself while the others' expressions still run within a budget or so.
 * Workers run at a lower CPU priority than the server (worker-pool.ts), so expressions on every
 * core still leave the server the CPU it needs to answer.
 */
export function createJsonataRunner(options: JsonataOptions) {
  const size = options.workers ?? Math.min(4, Math.max(2, availableParallelism()));
  const pool = createWorkerPool({
    size,
    hardLimitMs: options.timeoutMs * 2,
    maxWaitMs: options.timeoutMs * 5,
    maxQueue: size * 32,
    maxQueuePerProject: size * WAITING_PER_WORKER,
    maxHeapMb: WORKER_HEAP_MB,
    ...(options.onWorkerFailure ? { onWorkerFailure: options.onWorkerFailure } : {}),
  });

  return {
    /**
     * The expression's result, evaluated as a job of `projectId`; 400 invalid_jsonata when it is
     * invalid, too slow or too big; 503 when the project has too many evaluations waiting or no
     * worker frees up in time.
     */
    async evaluate(expression: string, input: JsonValue, projectId: string): Promise<JsonValue> {
      if (expression.length > MAX_EXPRESSION_LENGTH) {
        throw apiError('invalid_jsonata', `JSONata: the expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
      }
      const outcome = await pool.run(projectId, { expression, input, timeoutMs: options.timeoutMs, maxResultBytes: options.maxResultBytes });
      if (outcome.ok) return JSON.parse(outcome.json) as JsonValue;
      if ('busy' in outcome) throw apiError('service_unavailable', `JSONata: ${outcome.message} Try again shortly.`, { headers: { 'Retry-After': '1' } });
      throw apiError('invalid_jsonata', `JSONata: ${outcome.message}`);
    },
    close: () => pool.close(),
  };
}

export type JsonataRunner = ReturnType<typeof createJsonataRunner>;
