import { EMAIL_RE, PASSWORD_MIN_LENGTH } from '@rested/shared';

export function validateEmail(email: string): string | null {
  if (!email.trim()) return 'Enter your email address.';
  return EMAIL_RE.test(email.trim()) ? null : 'Enter a valid email address, like you@example.com.';
}

export function validateNewPassword(password: string): string | null {
  if (!password) return 'Choose a password.';
  return password.length >= PASSWORD_MIN_LENGTH ? null : `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
}
