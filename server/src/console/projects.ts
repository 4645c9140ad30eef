import { TOKEN_TTL } from '@rested/shared';
import { newKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import { created, noContent, ok, type Result } from '../http/result.js';
import { newId } from '../storage/ids.js';
import { ownerEvent } from './audit-event.js';
import type { OwnedRequest } from './console-request.js';
import { readObject } from './input.js';
import { getOwnedProject } from './ownership.js';
import { projectFields } from './project-input.js';
import { projectJson } from './serializers.js';

const gone = () => apiError('project_not_found', 'No such project.');

/** GET /projects: the owner's own projects. */
export async function listProjects(req: OwnedRequest): Promise<Result> {
  const rows = await req.services.storage.listProjects(req.auth.owner.id);
  return ok(rows.map(projectJson));
}

/** 403 quota_exceeded when the owner already has as many projects as QUOTA_PROJECTS_PER_OWNER allows. */
async function requireRoomForProject(req: OwnedRequest): Promise<void> {
  const most = req.services.config.quotas.projectsPerOwner;
  if ((await req.services.storage.listProjects(req.auth.owner.id)).length < most) return;
  throw apiError('quota_exceeded', `You already have ${most} projects, the most an owner may have here; delete one first.`);
}

/** POST /projects: a new project with a fresh API key and token-signing secret, no master key; within the owner's quota. */
export async function createProject(req: OwnedRequest): Promise<Result> {
  const fields = projectFields(await readObject(req), 'create');
  await requireRoomForProject(req);
  const { storage } = req.services;
  const id = newId();
  const project = await storage.audited(ownerEvent(req, id, 'project.created'), () => storage.createProject({
    id,
    ownerId: req.auth.owner.id,
    name: fields.name!,
    apiKey: newKey(),
    allowedOrigins: fields.allowedOrigins ?? [],
    disallowNoOrigin: fields.disallowNoOrigin ?? false,
    masterKeyHash: null,
    tokenTtlSeconds: fields.tokenTtlSeconds ?? TOKEN_TTL.default,
    jwtSecret: newKey() + newKey(),
  }));
  return created(projectJson(project));
}

/** GET /projects/:id */
export async function getProject(req: OwnedRequest): Promise<Result> {
  return ok(projectJson(await getOwnedProject(req)));
}

/** PATCH /projects/:id: any of the create fields; the runtime sees the change on its next request. */
export async function updateProject(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const fields = projectFields(await readObject(req), 'update');
  if (Object.keys(fields).length === 0) return ok(projectJson(project));
  const { storage } = req.services;
  const event = ownerEvent(req, project.id, 'project.updated', {}, { fields: Object.keys(fields) });
  const updated = await storage.audited(event, () => storage.updateProject(project.id, fields));
  if (!updated) throw gone();
  return ok(projectJson(updated));
}

/** DELETE /projects/:id: the project with its endpoints, records, users and sessions, then its files. */
export async function deleteProject(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  const { storage } = req.services;
  await storage.audited(ownerEvent(req, project.id, 'project.deleted', {}, { name: project.name }), () => storage.deleteProject(project.id));
  // After the records: a crash in between leaves files of no record, which the next start sweeps.
  await storage.blobs.deleteScope({ projectId: project.id });
  return noContent();
}
