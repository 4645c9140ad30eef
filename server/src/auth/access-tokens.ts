import type { KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

export interface AccessClaims {
  projectId: string;
  userId: string;
  sessionId: string;
}

export type TokenProblem = 'token_invalid' | 'token_expired';

/** HS256 JWT: aud = project id, sub = user uniqueId, sid = session id, exp = session expiry. */
export function signAccessToken(key: KeyObject, claims: AccessClaims, expiresAt: Date): string {
  return jwt.sign({ sid: claims.sessionId, exp: Math.floor(expiresAt.getTime() / 1000) }, key, {
    algorithm: 'HS256',
    audience: claims.projectId,
    subject: claims.userId,
  });
}

/** Verifies signature (HS256 only), audience and expiry; never throws. */
export function verifyAccessToken(key: KeyObject, token: string, projectId: string, now: Date): AccessClaims | TokenProblem {
  try {
    const payload = jwt.verify(token, key, {
      algorithms: ['HS256'],
      audience: projectId,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return 'token_invalid';
    return { projectId, userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    return (error as Error).name === 'TokenExpiredError' ? 'token_expired' : 'token_invalid';
  }
}
