import type { ProjectUsage } from '@rested/shared';
import { ok, type Result } from '../http/result.js';
import type { OwnedRequest } from './console-request.js';
import { getOwnedProject } from './ownership.js';

/** GET /projects/:id/usage: what the project stores (records and end users, bytes of their JSON) against its quotas. */
export async function getProjectUsage(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { quotas } = req.services.config;
  const usage = await req.services.storage.projectUsage(project.id);
  const body: ProjectUsage = {
    records: usage.records,
    bytes: usage.bytes,
    quotas: { records: quotas.recordsPerProject, bytes: quotas.bytesPerProject, writesPerMinute: quotas.writesPerMinute },
  };
  return ok(body);
}
