import { REQUEST_ERRORS_KEPT, type RequestErrorRow, type TrafficCount, type TrafficStore } from '../traffic-storage.js';
import { changes, many, type SqliteContext } from './context.js';

const toCount = (r: Record<string, unknown>): TrafficCount => ({
  projectId: r.project_id as string,
  minute: new Date(r.minute as number),
  key: r.key as string,
  count: r.count as number,
});

const toError = (r: Record<string, unknown>): RequestErrorRow => ({
  projectId: r.project_id as string,
  requestId: r.request_id as string,
  at: new Date(r.at as number),
  method: r.method as string,
  endpoint: r.endpoint as string,
  status: r.status as number,
  reason: r.reason as string,
  origin: r.origin as string,
});

const ADD_COUNT = `INSERT INTO traffic_counts (project_id, minute, key, count) VALUES (?, ?, ?, ?)
  ON CONFLICT (project_id, minute, key) DO UPDATE SET count = count + excluded.count`;
const ADD_ERROR = `INSERT INTO request_errors (project_id, request_id, at, method, endpoint, status, reason, origin)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;
const TRIM_ERRORS = `DELETE FROM request_errors WHERE project_id = ? AND seq <= (
  SELECT seq FROM request_errors WHERE project_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ${REQUEST_ERRORS_KEPT})`;

export function trafficStore(ctx: SqliteContext): TrafficStore {
  return {
    async addTrafficCounts(counts) {
      // A project deleted since its requests were counted: its counts are dropped (no row to hang on).
      await ctx.write(() => {
        for (const c of counts) {
          try {
            ctx.prepare(ADD_COUNT).run(c.projectId, c.minute.getTime(), c.key, c.count);
          } catch (error) {
            if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
          }
        }
      });
    },
    async listTrafficCounts(projectId, from, to) {
      // Two statements, so that one project's read uses the primary key (project, minute) and all projects' the minute index.
      const range = 'minute >= ? AND minute < ? ORDER BY minute, key';
      return projectId === null
        ? many(ctx, toCount, `SELECT * FROM traffic_counts WHERE ${range}`, from.getTime(), to.getTime())
        : many(ctx, toCount, `SELECT * FROM traffic_counts WHERE project_id = ? AND ${range}`, projectId, from.getTime(), to.getTime());
    },
    async dropTrafficBefore(before) {
      return changes(ctx, 'DELETE FROM traffic_counts WHERE minute < ?', before.getTime());
    },
    async addRequestErrors(rows) {
      await ctx.write(() => {
        const projects = new Set<string>();
        for (const e of rows) {
          try {
            ctx.prepare(ADD_ERROR).run(e.projectId, e.requestId, e.at.getTime(), e.method, e.endpoint, e.status, e.reason, e.origin);
            projects.add(e.projectId);
          } catch (error) {
            if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_FOREIGNKEY') throw error;
          }
        }
        for (const projectId of projects) ctx.prepare(TRIM_ERRORS).run(projectId, projectId);
      });
    },
    async listRequestErrors(projectId, { reason, endpoint, limit }) {
      return many(ctx, toError, `SELECT * FROM request_errors WHERE project_id = ? AND (? IS NULL OR reason = ?) AND (? IS NULL OR endpoint = ?)
          ORDER BY seq DESC LIMIT ?`, projectId, reason ?? null, reason ?? null, endpoint ?? null, endpoint ?? null, limit);
    },
  };
}
