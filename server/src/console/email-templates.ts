import { TEMPLATE_LIMITS, missingPlaceholders, validateTemplateName } from '@rested/shared';
import { apiError } from '../http/api-error.js';
import { noContent, ok, type Result } from '../http/result.js';
import type { ProjectRow } from '../storage/rows.js';
import { param, type OwnedRequest } from './console-request.js';
import { emailTemplateJson } from './email-serializers.js';
import { Problems, readObject, type JsonObject } from './input.js';
import { getOwnedProject } from './ownership.js';

/** The owner's project and a valid `:name` (400 invalid_template otherwise). */
async function templateTarget(req: OwnedRequest): Promise<{ project: ProjectRow; name: string }> {
  const project = await getOwnedProject(req);
  const name = param(req, 'name');
  const problem = validateTemplateName(name);
  if (problem) throw apiError('invalid_template', problem, { fields: { name: problem } });
  return { project, name };
}

const templateNotFound = () => apiError('template_not_found', 'This project has no email template of that name.');

/** `{subject, html, text?}`: sizes, and the placeholders html (and text, when given) must carry. */
function templateFields(body: JsonObject): { subject: string; html: string; text: string | null } {
  const problems = new Problems();
  const { subject, html, text } = body;
  if (typeof subject !== 'string' || subject.trim() === '' || subject.length > TEMPLATE_LIMITS.subject) {
    problems.add('subject', 'invalid_template', `subject must be a non-empty string of at most ${TEMPLATE_LIMITS.subject} characters.`);
  }
  for (const [field, value, optional] of [['html', html, false], ['text', text, true]] as const) {
    if (optional && (value === undefined || value === null)) continue;
    if (typeof value !== 'string' || value.length > TEMPLATE_LIMITS[field]) {
      problems.add(field, 'invalid_template', `${field} must be a string of at most ${TEMPLATE_LIMITS[field]} characters.`);
      continue;
    }
    const missing = missingPlaceholders(value);
    if (missing.length > 0) problems.add(field, 'invalid_template', `${field} must contain ${missing.map((m) => `{{${m}}}`).join(' and ')}.`);
  }
  problems.throwIfAny();
  return { subject: subject as string, html: html as string, text: typeof text === 'string' ? text : null };
}

/** GET /projects/:id/email/templates: every template, by name. */
export async function listEmailTemplates(req: OwnedRequest): Promise<Result> {
  const project = await getOwnedProject(req);
  return ok((await req.services.storage.listEmailTemplates(project.id)).map(emailTemplateJson));
}

/** GET /projects/:id/email/templates/:name */
export async function getEmailTemplate(req: OwnedRequest): Promise<Result> {
  const { project, name } = await templateTarget(req);
  const row = await req.services.storage.findEmailTemplate(project.id, name);
  if (!row) throw templateNotFound();
  return ok(emailTemplateJson(row));
}

/** PUT /projects/:id/email/templates/:name: creates or replaces it (200 with the template). */
export async function putEmailTemplate(req: OwnedRequest): Promise<Result> {
  const { project, name } = await templateTarget(req);
  const fields = templateFields(await readObject(req));
  return ok(emailTemplateJson(await req.services.storage.saveEmailTemplate({ projectId: project.id, name, ...fields })));
}

/** DELETE /projects/:id/email/templates/:name */
export async function deleteEmailTemplate(req: OwnedRequest): Promise<Result> {
  const { project, name } = await templateTarget(req);
  if (!(await req.services.storage.deleteEmailTemplate(project.id, name))) throw templateNotFound();
  return noContent();
}
