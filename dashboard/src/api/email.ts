import type { EmailSettings, EmailTemplate } from '@rested/shared';
import { api } from './client';

/* The console API of a project's email (docs/password-reset.md). */

const enc = encodeURIComponent;
const emailPath = (projectId: string) => `/projects/${enc(projectId)}/email`;
const templatePath = (projectId: string, name: string) => `${emailPath(projectId)}/templates/${enc(name)}`;

export interface EmailSettingsInput {
  from: string;
  /** `pass` left out keeps the stored password; null removes it. */
  smtp: { host: string; port: number; secure: boolean; user: string | null; pass?: string | null };
}

export interface TemplateInput {
  subject: string;
  html: string;
  text?: string | null;
}

export const getEmailSettings = (projectId: string) => api<EmailSettings>('GET', emailPath(projectId));
export const putEmailSettings = (projectId: string, input: EmailSettingsInput) => api<EmailSettings>('PUT', emailPath(projectId), input);
export const deleteEmailSettings = (projectId: string) => api<void>('DELETE', emailPath(projectId));
export const sendTestEmail = (projectId: string, to: string) => api<{ delivered: true; to: string }>('POST', `${emailPath(projectId)}/test`, { to });

export const listTemplates = (projectId: string) => api<EmailTemplate[]>('GET', `${emailPath(projectId)}/templates`);
export const putTemplate = (projectId: string, name: string, input: TemplateInput) => api<EmailTemplate>('PUT', templatePath(projectId, name), input);
export const deleteTemplate = (projectId: string, name: string) => api<void>('DELETE', templatePath(projectId, name));
