import type { Logger } from 'pino';
import { createEmailThrottle, type EmailThrottle } from './auth/email-throttle.js';
import { createLoginThrottle, type LoginThrottle } from './auth/login-throttle.js';
import { createMasterKeyUses, type MasterKeyUses } from './auth/master-key-uses.js';
import { createDummyHash } from './auth/passwords.js';
import { createRegistrationThrottle, type RegistrationThrottle } from './auth/registration-throttle.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config/load-config.js';
import { createMailQueue, type MailQueue } from './email/mail-queue.js';
import { createBodyBudget, type BodyBudget } from './http/body-budget.js';
import { createJsonataRunner, type JsonataRunner } from './runtime/jsonata/jsonata-runner.js';
import { createPageTurns, type PageTurns } from './runtime/page-turns.js';
import { withLookupCache } from './storage/lookup-cache.js';
import type { RateLimiter, Storage } from './storage/storage.js';
import { createCookieTransportWarning } from './runtime/cookie-transport.js';
import { createTrafficRecorder, type TrafficRecorder } from './traffic/traffic-recorder.js';

export interface ServiceDeps {
  config: Readonly<Config>;
  storage: Storage;
  logger: Logger;
  clock?: Clock;
  /** Waits between mail attempts (email/mail-queue.ts); tests shorten them. */
  mailRetryDelaysMs?: readonly number[];
}

/** Everything a request handler may use; built once per app, never global. */
export interface Services {
  config: Readonly<Config>;
  /** The storage, with the gate's project and endpoint lookups cached (storage/lookup-cache.ts). */
  storage: Storage;
  logger: Logger;
  clock: Clock;
  /** End-user logins of the runtime API. */
  throttle: LoginThrottle;
  /** Owner logins of the console. */
  consoleThrottle: LoginThrottle;
  /** Registrations per IP: end users per project, owners on the console. */
  registrationThrottle: RegistrationThrottle;
  /** A hash to check unknown users' passwords against, so failures take the same time. */
  dummyHash: (queueKey?: string) => Promise<string>;
  jsonata: JsonataRunner;
  /** Runtime writes per client address and project (config.quotas.writesPerMinute). */
  writeLimiter: RateLimiter;
  /** Request body bytes being read at once, server-wide (BODY_BUDGET); http/body.ts reserves from it. */
  bodyBudget: BodyBudget;
  /** Password reset and verification mails: sent off the request path, with retries. */
  mail: MailQueue;
  /** Mail requests per email address and client address, and token confirmations. */
  emailThrottle: EmailThrottle;
  /** Page reads take turns, one per event-loop iteration, round robin between projects. */
  pageTurns: PageTurns;
  /** Uses of each project's master key, for the audit log's master_key.used events. */
  masterKeyUses: MasterKeyUses;
  /** Runtime requests counted per project and minute, and the last errors; written to the storage every few seconds. */
  traffic: TrafficRecorder;
  /** Logs, once per project, a cookie-mode login over plain HTTP off localhost (runtime/cookie-transport.ts). */
  warnCookieOverPlainHttp: (projectId: string, hostname: string) => void;
}

export const JSONATA_TIMEOUT_MS = 1000;

/** Builds the services of one app; `close` releases what they started (the JSONata workers, mail retries), not the storage. */
export function createServices(deps: ServiceDeps): Services & { close(): Promise<void> } {
  const clock = deps.clock ?? systemClock;
  const jsonata = createJsonataRunner({
    timeoutMs: JSONATA_TIMEOUT_MS,
    maxResultBytes: Math.max(deps.config.bodyLimitBytes, 8 * 1024 ** 2),
    onWorkerFailure: (detail) => deps.logger.error({ detail }, 'JSONata worker process failed'),
  });
  const traffic = createTrafficRecorder(deps.storage, clock, deps.logger);
  const mail = createMailQueue({ logger: deps.logger, ...(deps.mailRetryDelaysMs ? { retryDelaysMs: deps.mailRetryDelaysMs } : {}) });
  return {
    config: deps.config,
    storage: withLookupCache(deps.storage, { ttlMs: deps.config.cacheTtlMs, clock }),
    logger: deps.logger,
    clock,
    throttle: createLoginThrottle(deps.storage, 'login'),
    consoleThrottle: createLoginThrottle(deps.storage, 'console-login'),
    registrationThrottle: createRegistrationThrottle(deps.storage),
    dummyHash: createDummyHash(),
    jsonata,
    pageTurns: createPageTurns(),
    writeLimiter: deps.storage.createRateLimiter({ keyPrefix: 'writes', points: deps.config.quotas.writesPerMinute, durationSeconds: 60 }),
    bodyBudget: createBodyBudget(deps.config.bodyBudgetBytes),
    mail,
    emailThrottle: createEmailThrottle(deps.storage),
    masterKeyUses: createMasterKeyUses(clock),
    traffic,
    warnCookieOverPlainHttp: createCookieTransportWarning(deps.logger),
    close: async () => {
      mail.close();
      await traffic.close();
      return jsonata.close();
    },
  };
}
