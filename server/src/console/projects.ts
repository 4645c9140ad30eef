import { TOKEN_TTL } from '@rested/shared';
import { newKey } from '../auth/keys.js';
import { apiError } from '../http/api-error.js';
import { created, noContent, ok, type Result } from '../http/result.js';
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

/** POST /projects: a new project with a fresh API key and token-signing secret, no master key. */
export async function createProject(req: OwnedRequest): Promise<Result> {
  const fields = projectFields(await readObject(req), 'create');
  const { storage } = req.services;
  const project = await storage.createProject({
    ownerId: req.auth.owner.id,
    name: fields.name!,
    apiKey: newKey(),
    allowedOrigins: fields.allowedOrigins ?? [],
    disallowNoOrigin: fields.disallowNoOrigin ?? false,
    masterKeyHash: null,
    tokenTtlSeconds: fields.tokenTtlSeconds ?? TOKEN_TTL.default,
    jwtSecret: newKey() + newKey(),
  });
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
  const updated = await req.services.storage.updateProject(project.id, fields);
  if (!updated) throw gone();
  return ok(projectJson(updated));
}

/** DELETE /projects/:id: the project with its endpoints, records, users and sessions. */
export async function deleteProject(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  await req.services.storage.deleteProject(project.id);
  return noContent();
}
