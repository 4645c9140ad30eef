import type { Storage } from '../storage/storage.js';

export const EMAIL_WINDOW_SECONDS = 15 * 60;
/** Reset or verification mails asked for one email address, per window. */
export const MAX_MAILS_PER_EMAIL = 5;
/** Mails asked for from one client address, per window; also the confirmations (token guesses) from it. */
export const MAX_MAILS_PER_IP = 50;
/** Test emails one project's owner may send, per window. */
export const MAX_TEST_SENDS = 20;

export interface EmailThrottle {
  /** Counts one mail request for the address `emailKey` from `ipKey`; the seconds to wait when over a limit (0: go ahead). */
  request(emailKey: string, ipKey: string): Promise<number>;
  /** Counts one confirmation (a token tried) from `ipKey`; the seconds to wait when over the limit. */
  confirm(ipKey: string): Promise<number>;
  /** Counts one console test send for the project; the seconds to wait when over the limit. */
  testSend(projectId: string): Promise<number>;
}

/**
 * Throttles what sends mail or tries tokens: 5 mails per email address and 50 per client address
 * in 15 minutes, 50 token confirmations per client address, 20 test emails per project. Every request counts, whether or
 * not the address belongs to a user, so the answers do not tell them apart.
 */
export function createEmailThrottle(storage: Storage): EmailThrottle {
  const window = (keyPrefix: string, points: number) => storage.createRateLimiter({ keyPrefix, points, durationSeconds: EMAIL_WINDOW_SECONDS });
  const perEmail = window('mail-email', MAX_MAILS_PER_EMAIL);
  const perIp = window('mail-ip', MAX_MAILS_PER_IP);
  const confirms = window('mail-confirm-ip', MAX_MAILS_PER_IP);
  const tests = window('mail-test', MAX_TEST_SENDS);
  return {
    async request(emailKey, ipKey) {
      const [byEmail, byIp] = await Promise.all([perEmail.consume(emailKey), perIp.consume(ipKey)]);
      return Math.max(byEmail, byIp);
    },
    confirm: (ipKey) => confirms.consume(ipKey),
    testSend: (projectId) => tests.consume(projectId),
  };
}
