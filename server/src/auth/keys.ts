import { createHmac, createSecretKey, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

/** A random API key or master key: 32 lower-case hex characters (128 bits). */
export function newKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Master keys are random, so a keyed HMAC-SHA256 is enough to store them (no slow hash needed):
 * the database alone does not reveal or verify them without the server SECRET.
 */
export function hashMasterKey(secret: string, masterKey: string): string {
  return createHmac('sha256', secret).update(`master-key:${masterKey}`).digest('hex');
}

export function verifyMasterKey(secret: string, candidate: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashMasterKey(secret, candidate), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Derived signing keys kept, at most; the oldest is dropped first. */
export const SIGNING_KEYS_KEPT = 1000;
const signingKeys = new Map<string, KeyObject>();

/**
 * The key that signs a project's end-user tokens: derived from the server SECRET and the project's
 * stored secret. Derived once and kept (a function of its inputs alone): the HMAC and the KeyObject
 * cost ≈ 4 µs on every token check otherwise. A KeyObject, because jsonwebtoken first tries to parse
 * a Buffer or string secret as a PEM key, which costs ≈ 0.4 ms per sign or verify.
 */
export function projectSigningKey(secret: string, projectSecret: string): KeyObject {
  const id = `${secret}\0${projectSecret}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = createSecretKey(createHmac('sha256', secret).update(`jwt:${projectSecret}`).digest());
    if (signingKeys.size >= SIGNING_KEYS_KEPT) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(id, key);
  }
  return key;
}

/** Console session tokens are random; only their SHA-256 digest is stored. */
export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`console:${token}`).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
