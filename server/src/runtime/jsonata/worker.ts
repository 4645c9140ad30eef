/* Worker process (forked by worker-pool.ts): evaluates one JSONata expression at a time, bounded in time and depth. */
import jsonata from 'jsonata';
import { READY, type Job, type Outcome } from './protocol.js';

/** Nested evaluation steps; a recursion of n calls uses about 3n. */
const MAX_DEPTH = 1000;

/*
 * JSONata 2.x looks its evaluation hooks up under these symbols (1.x used the strings
 * `__evaluate_entry` / `__evaluate_exit`, which an expression could rebind with `$__evaluate_entry := …`).
 * An expression can only bind string names, so it cannot switch these off.
 */
const ENTRY = Symbol.for('jsonata.__evaluate_entry');
const EXIT = Symbol.for('jsonata.__evaluate_exit');

/** The result as JSON text; a function (or anything else JSON cannot hold) is an error. */
function toJson(result: unknown): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(result ?? null) as string | undefined;
  } catch {
    json = undefined;
  }
  if (json === undefined) throw new Error('The result is not JSON data (is it a function?).');
  return json;
}

async function evaluate(job: Job): Promise<Outcome> {
  try {
    const expr = jsonata(job.expression);
    const started = Date.now();
    let depth = 0;
    const check = () => {
      if (depth > MAX_DEPTH) throw new Error('The expression recursed too deeply.');
      if (Date.now() - started > job.timeoutMs) throw new Error(`The expression ran longer than ${job.timeoutMs} ms.`);
    };
    // The typings only allow string names; the runtime binds any property key.
    expr.assign(ENTRY as unknown as string, () => { depth++; check(); });
    expr.assign(EXIT as unknown as string, () => { depth--; check(); });
    const result = await expr.evaluate(job.input);
    const json = toJson(result);
    if (Buffer.byteLength(json) > job.maxResultBytes) throw new Error(`The result is larger than ${job.maxResultBytes} bytes.`);
    return { id: job.id, ok: true, json };
  } catch (error) {
    return { id: job.id, ok: false, message: String((error as { message?: unknown }).message ?? error).slice(0, 300) };
  }
}

if (!process.send) throw new Error('worker.ts runs as a child process forked with an IPC channel.');
const send = (message: Outcome | typeof READY) => process.send!(message);
process.on('message', (job: Job) => {
  void evaluate(job).then(send);
});
// The server went away: nothing is left to answer to.
process.on('disconnect', () => process.exit(0));
send(READY);
