import Router from '@koa/router';
import type { Context } from 'koa';
import { CONSOLE_PREFIX } from '@rested/shared';
import type { Services } from '../services.js';
import { readBody } from '../http/body.js';
import { isMultipart, readMultipart } from '../http/multipart.js';
import { respond } from '../http/respond.js';
import type { Result } from '../http/result.js';
import { asOwned, type ConsoleRequest, type OwnedRequest } from './console-request.js';
import { csrfGuard } from './csrf-guard.js';
import { deleteEntry, listEntries } from './data-browser.js';
import { deleteEmailSettings, getEmailSettings, putEmailSettings, sendTestEmail } from './email-settings.js';
import { deleteEmailTemplate, getEmailTemplate, listEmailTemplates, putEmailTemplate } from './email-templates.js';
import { downloadEntryFile, uploadEntryFiles } from './data-browser-files.js';
import { createEndpoint, deleteEndpoint, getEndpoint, listEndpoints, updateEndpoint } from './endpoints.js';
import { loadOwner, requireOwner, type OwnerState } from './load-owner.js';
import { changeOwnerPassword, listOwnSessions, revokeOwnSession } from './owner-account.js';
import { authOptions, confirmOwnerReset, requestOwnerReset } from './owner-recovery.js';
import { login, logout, me, register } from './owners.js';
import { createMasterKey, deleteMasterKey, rotateApiKey } from './project-keys.js';
import { getProjectUsage } from './project-usage.js';
import { getTraffic, listRequestErrors } from './traffic.js';
import { createProject, deleteProject, getProject, listProjects, updateProject } from './projects.js';
import { exportAuditLog, listAuditLog } from './audit-log.js';
import { getEndUser, sendEndUserReset, updateEndUser } from './user-controls.js';
import { listUserSessions, revokeUserSessions } from './user-sessions.js';

function consoleRequest(ctx: Context, services: Services): ConsoleRequest {
  return {
    services,
    auth: ctx.state.owner as OwnerState,
    params: ctx.params as Record<string, string | undefined>,
    query: ctx.query,
    readBody: () => readBody(ctx, 'json', { limitBytes: services.config.bodyLimitBytes, budget: services.bodyBudget }),
    multipart: isMultipart(ctx),
    readUpload: (rules, store) => readMultipart(ctx, rules, services.bodyBudget, store),
    header: (name) => ctx.get(name),
    head: ctx.method === 'HEAD',
    ip: ctx.ip,
    userAgent: ctx.get('User-Agent'),
    requestId: ctx.state.requestId as string,
  };
}

/**
 * /api/console: owner accounts, projects, keys, endpoints and the data browser.
 * Every route: csrfGuard → loadOwner → (requireOwner) → action → respond.
 */
export function consoleRouter(services: Services): Router {
  const router = new Router({ prefix: CONSOLE_PREFIX });
  const open = (action: (req: ConsoleRequest) => Promise<Result>) => async (ctx: Context) => {
    respond(ctx, await action(consoleRequest(ctx, services)));
  };
  const owned = (action: (req: OwnedRequest) => Promise<Result>) => [requireOwner, open((req) => action(asOwned(req)))] as const;

  router.use(csrfGuard, loadOwner(services));

  router.post('/auth/register', open(register));
  router.post('/auth/login', open(login));
  router.post('/auth/logout', open(logout));
  router.get('/auth/me', ...owned(me));
  router.get('/auth/options', open(authOptions));
  router.post('/auth/password-reset', open(requestOwnerReset));
  router.post('/auth/password-reset/confirm', open(confirmOwnerReset));
  router.post('/auth/password', ...owned(changeOwnerPassword));
  router.get('/auth/sessions', ...owned(listOwnSessions));
  router.delete('/auth/sessions/:sessionId', ...owned(revokeOwnSession));

  router.get('/projects', ...owned(listProjects));
  router.post('/projects', ...owned(createProject));
  router.get('/projects/:id', ...owned(getProject));
  router.patch('/projects/:id', ...owned(updateProject));
  router.delete('/projects/:id', ...owned(deleteProject));
  router.get('/projects/:id/usage', ...owned(getProjectUsage));
  router.get('/projects/:id/traffic', ...owned(getTraffic));
  router.get('/projects/:id/request-errors', ...owned(listRequestErrors));
  router.post('/projects/:id/api-key', ...owned(rotateApiKey));
  router.post('/projects/:id/master-key', ...owned(createMasterKey));
  router.delete('/projects/:id/master-key', ...owned(deleteMasterKey));

  router.get('/projects/:id/email', ...owned(getEmailSettings));
  router.put('/projects/:id/email', ...owned(putEmailSettings));
  router.delete('/projects/:id/email', ...owned(deleteEmailSettings));
  router.post('/projects/:id/email/test', ...owned(sendTestEmail));
  router.get('/projects/:id/email/templates', ...owned(listEmailTemplates));
  router.get('/projects/:id/email/templates/:name', ...owned(getEmailTemplate));
  router.put('/projects/:id/email/templates/:name', ...owned(putEmailTemplate));
  router.delete('/projects/:id/email/templates/:name', ...owned(deleteEmailTemplate));

  const endpoint = '/projects/:id/endpoints/:endpointId';
  router.get('/projects/:id/endpoints', ...owned(listEndpoints));
  router.post('/projects/:id/endpoints', ...owned(createEndpoint));
  router.get(endpoint, ...owned(getEndpoint));
  router.patch(endpoint, ...owned(updateEndpoint));
  router.delete(endpoint, ...owned(deleteEndpoint));

  router.get(`${endpoint}/records`, ...owned(listEntries));
  router.post(`${endpoint}/records`, ...owned(uploadEntryFiles));
  router.delete(`${endpoint}/records/:uniqueId`, ...owned(deleteEntry));
  router.get(`${endpoint}/records/:uniqueId/file`, ...owned(downloadEntryFile));
  router.get(`${endpoint}/sessions`, ...owned(listUserSessions));
  router.delete(`${endpoint}/sessions`, ...owned(revokeUserSessions));
  router.get(`${endpoint}/users/:uniqueId`, ...owned(getEndUser));
  router.patch(`${endpoint}/users/:uniqueId`, ...owned(updateEndUser));
  router.post(`${endpoint}/users/:uniqueId/password-reset`, ...owned(sendEndUserReset));

  router.get('/projects/:id/audit', ...owned(listAuditLog));
  router.get('/projects/:id/audit/export', ...owned(exportAuditLog));
  return router;
}
