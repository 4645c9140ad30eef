import type {
  EmailSettingsInput, EmailSettingsRow, EmailTemplateInput, EmailTemplateRow, OneTimePurpose, OneTimeTokenInput, OneTimeTokenRow,
} from './email-rows.js';

/** A project's SMTP settings and named templates; both go when the project goes. */
export interface EmailStore {
  findEmailSettings(projectId: string): Promise<EmailSettingsRow | null>;
  /** Creates or replaces the project's settings. */
  saveEmailSettings(input: EmailSettingsInput): Promise<EmailSettingsRow>;
  deleteEmailSettings(projectId: string): Promise<boolean>;

  findEmailTemplate(projectId: string, name: string): Promise<EmailTemplateRow | null>;
  /** By name. */
  listEmailTemplates(projectId: string): Promise<EmailTemplateRow[]>;
  /** Creates or replaces the template of that name (createdAt kept on replace). */
  saveEmailTemplate(input: EmailTemplateInput): Promise<EmailTemplateRow>;
  deleteEmailTemplate(projectId: string, name: string): Promise<boolean>;
}

/**
 * Single-use tokens (password reset, email verification), held by hash. A subject keeps only its newest
 * token per purpose: issuing one removes the older ones (SQLite in the same transaction;
 * MongoDB just before, so two issued at the same instant may both live, never an older one).
 */
export interface OneTimeTokenStore {
  /** Stores the token and removes every other token of its subject and purpose. */
  issueOneTimeToken(input: OneTimeTokenInput): Promise<OneTimeTokenRow>;
  /**
   * Uses the token up: when a token of this purpose and hash, issued for this auth endpoint (null:
   * an owner's), exists and has not expired (by the storage's clock), removes it with every other
   * token of its subject and purpose, and answers it; else null, nothing removed. Of two concurrent
   * calls with the same token, one at most gets the row.
   */
  consumeOneTimeToken(purpose: OneTimePurpose, tokenHash: string, endpointId: string | null): Promise<OneTimeTokenRow | null>;
  /** Removes every token of the subject and purpose; answers how many. */
  revokeOneTimeTokens(purpose: OneTimePurpose, subjectId: string): Promise<number>;
}
