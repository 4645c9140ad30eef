import { Worker } from 'node:worker_threads';
import type { JsonValue } from '@rested/shared';
import { apiError } from '../../http/api-error.js';
import type { Job, Outcome } from './worker.js';

export interface JsonataOptions {
  /** Evaluation budget inside the worker. */
  timeoutMs: number;
  maxResultBytes: number;
}

const MAX_EXPRESSION_LENGTH = 4096;

/** The built worker; when running from TypeScript sources (tests, dev), the worker registers tsx first. */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const tsx = import.meta.resolve('tsx/esm/api');
  const worker = new URL('./worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker)}); })`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * Runs JSONata in a worker thread, so a slow or endless expression never blocks other requests.
 * The worker stops an evaluation after `timeoutMs`; should it not answer within twice that
 * (a tight loop inside one step), it is terminated and replaced. Started on first use.
 */
export function createJsonataRunner(options: JsonataOptions) {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (o: Outcome) => void; timer: NodeJS.Timeout }>();

  const settleAll = (message: string) => {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.resolve({ id, ok: false, message });
    }
    pending.clear();
  };

  const start = (): Worker => {
    const w = spawnWorker();
    w.unref();
    w.on('message', (outcome: Outcome) => {
      const p = pending.get(outcome.id);
      if (!p) return;
      clearTimeout(p.timer);
      pending.delete(outcome.id);
      p.resolve(outcome);
    });
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (worker === w) worker = null;
      settleAll('The expression could not be evaluated.');
    });
    return w;
  };

  const run = (expression: string, input: JsonValue): Promise<Outcome> =>
    new Promise((resolve) => {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      const timer = setTimeout(() => {
        if (worker === w) worker = null;
        void w.terminate();
      }, options.timeoutMs * 2 + 100);
      pending.set(id, { resolve, timer });
      w.postMessage({ id, expression, input, timeoutMs: options.timeoutMs, maxResultBytes: options.maxResultBytes } satisfies Job);
    });

  return {
    /** The expression's result, or 400 invalid_jsonata. */
    async evaluate(expression: string, input: JsonValue): Promise<JsonValue> {
      if (expression.length > MAX_EXPRESSION_LENGTH) throw apiError('invalid_jsonata', `The JSONata expression is longer than ${MAX_EXPRESSION_LENGTH} characters.`);
      const outcome = await run(expression, input);
      if (!outcome.ok) throw apiError('invalid_jsonata', `JSONata: ${outcome.message}`);
      return JSON.parse(outcome.json) as JsonValue;
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

export type JsonataRunner = ReturnType<typeof createJsonataRunner>;
