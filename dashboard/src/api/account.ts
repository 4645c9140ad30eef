import { api } from './client';

/* The owner's own account: recovery and sessions. */

export interface AuthOptions {
  signup: 'open' | 'closed';
  /** The server mails reset links (SMTP_URL and PUBLIC_URL are set). */
  passwordReset: boolean;
  /** False on a fresh install: the dashboard opens Sign up instead of Sign in. */
  hasOwners: boolean;
}

export interface OwnSession {
  id: string;
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

export const getAuthOptions = () => api<AuthOptions>('GET', '/auth/options');
export const requestPasswordReset = (email: string) => api<void>('POST', '/auth/password-reset', { email });
export const confirmPasswordReset = (token: string, password: string) => api<void>('POST', '/auth/password-reset/confirm', { token, password });
export const changePassword = (currentPassword: string, newPassword: string) => api<void>('POST', '/auth/password', { currentPassword, newPassword });
export const listOwnSessions = () => api<OwnSession[]>('GET', '/auth/sessions');
export const revokeOwnSession = (id: string) => api<void>('DELETE', `/auth/sessions/${encodeURIComponent(id)}`);
