import { PASSWORD_MIN_LENGTH, type JsonValue } from '@rested/shared';
import { PASSWORD_MAX_LENGTH, hashPassword } from '../auth/passwords.js';
import { apiError } from '../http/api-error.js';
import { refuseIfBusy, refuseIfThrottled } from '../http/refuse-if-throttled.js';
import { accepted, ok, type Result } from '../http/result.js';
import { mailOneTimeToken, requireMailSetup, requestedEvent } from '../runtime/one-time-mail.js';
import { PASSWORD_RESET } from '../runtime/actions/password-reset.js';
import { isValidPassword } from '../runtime/user-fields.js';
import type { UserPatch, UserRow } from '../storage/rows.js';
import { ownerEvent } from './audit-event.js';
import { param, type OwnedRequest } from './console-request.js';
import { optionalBoolean, Problems, readObject } from './input.js';
import { getOwnedUser } from './owned-user.js';

const PASSWORD_RULE = `password must be a string of ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`;

/** What the console shows of an end user: the record, and whether it is disabled; never the hash. */
export function endUserJson(user: UserRow) {
  return {
    uniqueId: user.uniqueId,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
    data: user.data,
  };
}

/** GET …/endpoints/:endpointId/users/:uniqueId */
export async function getEndUser(req: OwnedRequest): Promise<Result> {
  return ok(endUserJson((await getOwnedUser(req, param(req, 'uniqueId'))).user));
}

/** `{disabled?, password?}`, at least one; every bad field named. */
async function controlsBody(req: OwnedRequest): Promise<{ disabled: boolean | undefined; password: string | undefined }> {
  const body = await readObject(req);
  const problems = new Problems();
  const disabled = optionalBoolean(body, 'disabled', problems);
  if (body.password !== undefined && !isValidPassword(body.password)) problems.add('password', 'validation_failed', PASSWORD_RULE);
  const unknown = Object.keys(body).find((key) => key !== 'disabled' && key !== 'password');
  if (unknown) problems.add(unknown, 'validation_failed', `${unknown} is not a field of this request: give disabled and/or password.`);
  problems.throwIfAny();
  if (disabled === undefined && body.password === undefined) throw apiError('validation_failed', 'Give disabled and/or password.');
  return { disabled, password: body.password as string | undefined };
}

/**
 * PATCH …/endpoints/:endpointId/users/:uniqueId {disabled?, password?}: disables (or enables) the
 * user and/or sets their password, as one write with its event; either way every session of the
 * user is revoked after it, so their tokens die on the next request on every server instance.
 */
export async function updateEndUser(req: OwnedRequest): Promise<Result> {
  const { endpoint, user } = await getOwnedUser(req, param(req, 'uniqueId'));
  const { disabled, password } = await controlsBody(req);
  const { storage, clock } = req.services;
  const passwordHash = password === undefined ? undefined : await refuseIfBusy(hashPassword(password, endpoint.projectId));
  const now = clock.now();
  const next = (current: UserRow): UserPatch => ({
    passwordHash,
    ...(disabled === undefined ? {} : { disabledAt: disabled ? (current.disabledAt ?? now) : null }),
  });
  const type = disabled === true ? 'user.disabled' : disabled === false ? 'user.enabled' : 'user.password_changed';
  const details: { [key: string]: JsonValue } = disabled !== undefined && password !== undefined ? { passwordChanged: true } : {};
  const event = ownerEvent(req, endpoint.projectId, type, { endpoint: endpoint.id, uniqueId: user.uniqueId }, details);
  const updated = await storage.audited(event, () => storage.updateUser(endpoint.id, user.uniqueId, next));
  if (!updated) throw apiError('record_not_found', 'No user with this uniqueId in this endpoint.');
  if (disabled === true || passwordHash !== undefined) await storage.revokeUserSessions(user.uniqueId);
  return ok(endUserJson(updated));
}

/**
 * POST …/users/:uniqueId/password-reset {templateName}: mails the user a reset link with the
 * project's email settings and that template, as the runtime's own reset request would (202).
 */
export async function sendEndUserReset(req: OwnedRequest): Promise<Result> {
  const { project, endpoint, user } = await getOwnedUser(req, param(req, 'uniqueId'));
  const { templateName } = await readObject(req);
  if (typeof templateName !== 'string' || templateName === '') {
    const message = 'templateName must name one of the project\'s email templates.';
    throw apiError('validation_failed', message, { fields: { templateName: message } });
  }
  if (typeof user.data.email !== 'string' && user.emailLower === null) throw apiError('validation_failed', 'This user has no email address.');
  const setup = await requireMailSetup({ services: req.services, project }, templateName);
  refuseIfThrottled(await req.services.emailThrottle.testSend(`reset:${endpoint.id}:${user.uniqueId}`), 'Too many reset emails for this user. Try again later.');
  const event = ownerEvent(req, project.id, requestedEvent(PASSWORD_RESET), { endpoint: endpoint.id, uniqueId: user.uniqueId }, { template: templateName });
  await mailOneTimeToken({ services: req.services, requestId: req.requestId, project, endpoint }, PASSWORD_RESET, setup, user, event);
  return accepted();
}
