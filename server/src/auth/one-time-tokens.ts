import { createHash, randomBytes } from 'node:crypto';

/** A password reset token lives 1 hour; an email verification token 24 hours. */
export const PASSWORD_RESET_TTL_MS = 60 * 60 * 1000;
export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

/** 32 random bytes, base64url (43 characters). */
export function newOneTimeToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What storage keeps of a one-time token: its SHA-256, hex. */
export function hashOneTimeToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
