import { expect } from 'chai';
import pino, { type Logger } from 'pino';
import type TestAgent from 'supertest/lib/agent.js';
import type { Project } from '@rested/shared';
import { C, newEndpoint, newProject, signUpOwner, type SignedUp } from './console.js';
import { ce } from './runtime.js';
import { SMTP_PASS, SMTP_USER, type Mailbox } from './smtp.js';

/* Projects with email set up through the console API, as an owner would. */

export const AUTH = 'members';
export const TEMPLATE = 'reset-link';
export const SENDER = 'Acme <no-reply@acme.test>';

/** A template whose link carries the token after `token=` (helpers/smtp.ts tokenIn reads it). */
export const TEMPLATE_BODY = {
  subject: 'Reset for {{email}}',
  html: '<p>Hello {{username}}, <a href="https://app.example/reset?token={{verificationtoken}}">choose a new password</a> for {{email}}.</p>',
  text: 'Hello {{username}}, open https://app.example/reset?token={{verificationtoken}} to choose a new password for {{email}}.',
};

export interface MailProject {
  owner: SignedUp;
  project: Project;
  /** `/api/1/ce/members?key=…&…` */
  url(params?: Record<string, string>): string;
}

/** The project's SMTP settings pointing at the loopback mailbox (`pass` overridable, to be wrong). */
export function smtpSettings(mailbox: Mailbox, pass = SMTP_PASS) {
  return { from: SENDER, smtp: { host: '127.0.0.1', port: mailbox.port, secure: false, user: SMTP_USER, pass } };
}

/** An owner, a project with the auth endpoint `members` (with `endpoint` options), email settings and the `reset-link` template. */
export async function mailProject(http: TestAgent, mailbox: Mailbox, options: { endpoint?: Record<string, unknown>; settings?: boolean } = {}): Promise<MailProject> {
  const owner = await signUpOwner(http);
  const project = await newProject(http, owner);
  await newEndpoint(http, owner, project.id, { name: AUTH, auth: true, ...options.endpoint });
  if (options.settings !== false) {
    const put = await http.put(`${C}/projects/${project.id}/email`).set(owner.auth).send(smtpSettings(mailbox));
    expect(put.status, JSON.stringify(put.body)).to.equal(200);
  }
  const template = await http.put(`${C}/projects/${project.id}/email/templates/${TEMPLATE}`).set(owner.auth).send(TEMPLATE_BODY);
  expect(template.status, JSON.stringify(template.body)).to.equal(200);
  return { owner, project, url: (params = {}) => ce(AUTH, { key: project.apiKey, ...params }) };
}

/** A logger that keeps every line it writes, for tests that read the log. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }), lines };
}
