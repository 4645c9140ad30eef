/*
 * What storage keeps for email (docs/password-reset.md): a project's SMTP settings, its named
 * templates, and the one-time tokens of password resets and email verifications. Only hashes of
 * tokens and an encrypted SMTP password ever reach storage.
 */

export interface EmailSettingsRow {
  projectId: string;
  from: string;
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  /** The SMTP password sealed with AES-256-GCM under a key derived from SECRET (email/secret-box.ts), or null. */
  passwordSealed: string | null;
  updatedAt: Date;
}

export type EmailSettingsInput = Omit<EmailSettingsRow, 'updatedAt'>;

export interface EmailTemplateRow {
  projectId: string;
  /** a-z, 0-9 and "-", 1–64 characters; unique per project. */
  name: string;
  subject: string;
  html: string;
  text: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type EmailTemplateInput = Omit<EmailTemplateRow, 'createdAt' | 'updatedAt'>;

/** What a one-time token lets its holder do once. */
export type OneTimePurpose = 'password_reset' | 'email_verification' | 'owner_password_reset';

export interface OneTimeTokenRow {
  /** SHA-256 of the token, hex; the token itself is never stored. */
  tokenHash: string;
  purpose: OneTimePurpose;
  /** The end user's uniqueId, or the owner's id for owner_password_reset. */
  subjectId: string;
  /** The end user's project and auth endpoint; null for owners. */
  projectId: string | null;
  endpointId: string | null;
  createdAt: Date;
  expiresAt: Date;
}

export type OneTimeTokenInput = Omit<OneTimeTokenRow, 'createdAt'>;
