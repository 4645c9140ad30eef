import type { Context } from 'koa';
import type { TrafficRecorder } from './traffic-recorder.js';

/** What the gate learnt of a runtime request: set once its project is known (ctx.state.traffic). */
export interface TrafficTarget {
  projectId: string;
  endpoint: string;
}

const cut = (value: string): string => value.slice(0, 200);

/**
 * Counts an answered request whose project the gate found, and keeps it in the project's error
 * log when it failed. Reads only the method, the endpoint name, the status and reason, the
 * Origin and the request id: never the query (keys), headers with tokens, or the body.
 */
export function observeRequest(recorder: TrafficRecorder) {
  return (ctx: Context, ms: number): void => {
    const target = ctx.state.traffic as TrafficTarget | undefined;
    if (!target) return;
    const reason = (ctx.state.errorReason as string | undefined) ?? '';
    recorder.count(target.projectId, ctx.status, reason, ms);
    if (ctx.status < 400) return;
    recorder.noteError({
      projectId: target.projectId,
      requestId: ctx.state.requestId as string,
      method: ctx.method,
      endpoint: cut(target.endpoint),
      status: ctx.status,
      reason: reason || 'internal_error',
      origin: cut(ctx.get('Origin')),
    });
  };
}
