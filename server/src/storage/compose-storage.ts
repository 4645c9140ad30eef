import type { EmailStore, OneTimeTokenStore } from './email-storage.js';
import type { TrafficStore } from './traffic-storage.js';
import type { AuditStore, EndpointStore, OwnerStore, ProjectStore, RecordStore, SessionStore, Storage, TransferStore, UserStore } from './storage.js';

/** The factories of the parts of Storage, one file each in an adapter (sqlite/owners.ts exports ownerStore, …). */
export interface StoreFactories<Ctx> {
  ownerStore(ctx: Ctx): OwnerStore;
  projectStore(ctx: Ctx): ProjectStore;
  endpointStore(ctx: Ctx): EndpointStore;
  recordStore(ctx: Ctx): RecordStore;
  userStore(ctx: Ctx): UserStore;
  sessionStore(ctx: Ctx): SessionStore;
  transferStore(ctx: Ctx): TransferStore;
  emailStore(ctx: Ctx): EmailStore;
  oneTimeTokenStore(ctx: Ctx): OneTimeTokenStore;
  auditStore(ctx: Ctx): AuditStore;
  trafficStore(ctx: Ctx): TrafficStore;
}

/** What an adapter adds to its stores. */
export type AdapterBasics = Pick<Storage, 'kind' | 'ping' | 'close' | 'createRateLimiter' | 'blobs'>;

/**
 * An adapter's storage: its stores on one context, and its basics. This is the adapter's
 * seam: every store method, ping and close reject with `translateError(error)` instead of the
 * driver's `error` (sqlite/errors.ts, mongo/errors.ts), so they leave only StorageErrors for the
 * driver errors the adapter knows. createRateLimiter answers a limiter, which throws its own; the
 * blob store throws file-system or GridFS errors of its own too.
 */
export function composeStorage<Ctx>(
  ctx: Ctx,
  factories: StoreFactories<Ctx>,
  basics: AdapterBasics,
  translateError: (error: unknown) => unknown,
): Storage {
  const { kind, createRateLimiter, ping, close, blobs } = basics;
  const methods = withTranslatedErrors(
    {
      ping,
      close,
      ...factories.ownerStore(ctx),
      ...factories.projectStore(ctx),
      ...factories.endpointStore(ctx),
      ...factories.recordStore(ctx),
      ...factories.userStore(ctx),
      ...factories.sessionStore(ctx),
      ...factories.transferStore(ctx),
      ...factories.emailStore(ctx),
      ...factories.oneTimeTokenStore(ctx),
      ...factories.auditStore(ctx),
      ...factories.trafficStore(ctx),
    },
    translateError,
  );
  return { kind, ...methods, createRateLimiter, blobs };
}

type AsyncMethods<T> = { [K in keyof T]: (...args: never[]) => Promise<unknown> };

function withTranslatedErrors<T extends AsyncMethods<T>>(methods: T, translateError: (error: unknown) => unknown): T {
  const translated = Object.entries(methods).map(([name, method]) => {
    const fn = method as (...args: unknown[]) => Promise<unknown>;
    const wrapper = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        throw translateError(error);
      }
    };
    return [name, wrapper];
  });
  return Object.fromEntries(translated) as T;
}
