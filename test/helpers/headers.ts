/** Request headers that authenticate. */

/** `Authorization: Bearer …` for a token, or for anything holding one (a signed-up owner, an end user). */
export const bearer = (who: string | { token: string }) => ({ Authorization: `Bearer ${typeof who === 'string' ? who : who.token}` });

/** `X-Master-Key` for a project's master key (a seeded runtime fixture holds one). */
export const master = (f: { masterKey: string }) => ({ 'X-Master-Key': f.masterKey });
