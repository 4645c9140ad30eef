import { Q } from '@rested/shared';
import { hashPassword } from '../../auth/passwords.js';
import { apiError } from '../../http/api-error.js';
import { refuseIfBusy, refuseIfThrottled } from '../../http/refuse-if-throttled.js';
import { created, type Result } from '../../http/result.js';
import { shape } from '../../wire/envelope.js';
import { newId } from '../../storage/ids.js';
import { runtimeEvent } from '../audit-event.js';
import { requireMailSetup, mailOneTimeToken, requestedEvent, type MailSetup } from '../one-time-mail.js';
import { queryValue, type RuntimeRequest } from '../runtime-request.js';
import { userConflict, userFields, withEmailVerified } from '../user-fields.js';
import { EMAIL_VERIFICATION } from './verify-email.js';
import { requireRoom, requireWriteRate, storedBytes } from '../write-quota.js';

export const TOO_MANY_REGISTRATIONS = 'Too many registrations from this address. Try again later.';

/**
 * POST on an auth endpoint, no flag: register a user. Answers 201 with the user record, never the
 * password; its emailVerified is false. Throttled per IP per project (auth/registration-throttle.ts);
 * the hash waits in the project's queue (503 when it is full). With `sendVerification=<template>`,
 * the verification mail goes out too (its settings and template are checked before anything is written).
 */
export async function register(req: RuntimeRequest): Promise<Result> {
  const fields = userFields(await req.readBody('json'), { passwordRequired: true });
  const data = withEmailVerified(fields.data, false);
  const verification = await verificationSetup(req, fields.emailLower);
  refuseIfThrottled(await req.services.registrationThrottle.attempt(req.project.id, req.ip), TOO_MANY_REGISTRATIONS);
  await requireWriteRate(req);
  await requireRoom(req, { records: 1, bytes: storedBytes(data) });
  const passwordHash = await refuseIfBusy(hashPassword(fields.password!, req.project.id));
  const { storage } = req.services;
  const uniqueId = newId();
  const input = { uniqueId, projectId: req.project.id, endpointId: req.endpoint.id, usernameLower: fields.usernameLower, emailLower: fields.emailLower, passwordHash, data };
  const event = runtimeEvent(req, 'user.registered', { userId: uniqueId, uniqueId });
  const user = await storage.audited(event, () => storage.createUser(input)).catch(userConflict);
  if (verification) {
    const sent = runtimeEvent(req, requestedEvent(EMAIL_VERIFICATION), { userId: user.uniqueId, uniqueId: user.uniqueId, details: { template: verification.template.name } });
    await mailOneTimeToken(req, EMAIL_VERIFICATION, verification, user, sent);
  }
  return created(shape(user, req.flags.dataOnly));
}

/** The mail setup `sendVerification` names, or null without it; 400 when the user has no email. */
async function verificationSetup(req: RuntimeRequest, emailLower: string | null): Promise<MailSetup | null> {
  const templateName = queryValue(req, Q.sendVerification);
  if (templateName === undefined) return null;
  if (emailLower === null) throw apiError('invalid_body', 'sendVerification needs an email in the body.', { fields: { email: 'Give an email to verify.' } });
  return requireMailSetup(req, templateName);
}
