/* Worker thread: evaluates JSONata expressions off the main event loop, each bounded in time and depth. */
import { parentPort } from 'node:worker_threads';
import jsonata from 'jsonata';

export interface Job {
  id: number;
  expression: string;
  input: unknown;
  timeoutMs: number;
  maxResultBytes: number;
}

export type Outcome = { id: number; ok: true; json: string } | { id: number; ok: false; message: string };

const MAX_DEPTH = 500;

async function evaluate(job: Job): Promise<Outcome> {
  try {
    const expr = jsonata(job.expression);
    const started = Date.now();
    let depth = 0;
    const check = () => {
      if (depth > MAX_DEPTH) throw new Error('The expression recursed too deeply.');
      if (Date.now() - started > job.timeoutMs) throw new Error(`The expression ran longer than ${job.timeoutMs} ms.`);
    };
    // JSONata's documented hooks for bounding evaluation (see its "timeboxExpression").
    expr.assign('__evaluate_entry', () => { depth++; check(); });
    expr.assign('__evaluate_exit', () => { depth--; check(); });
    const result = await expr.evaluate(job.input);
    const json = JSON.stringify(result ?? null);
    if (json.length > job.maxResultBytes) throw new Error(`The result is larger than ${job.maxResultBytes} bytes.`);
    return { id: job.id, ok: true, json };
  } catch (error) {
    return { id: job.id, ok: false, message: String((error as { message?: unknown }).message ?? error).slice(0, 300) };
  }
}

parentPort!.on('message', (job: Job) => {
  void evaluate(job).then((outcome) => parentPort!.postMessage(outcome));
});
