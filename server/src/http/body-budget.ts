/**
 * The server-wide budget of request body bytes being read and parsed at once (BODY_BUDGET). A
 * body takes a lease, reserves its bytes before reading them — all of its Content-Length at once,
 * or chunk by chunk as a streamed upload arrives — and releases the lease when it is done with
 * them; a reservation the budget cannot hold is refused, so the caller can answer 503 before
 * reading on. One per app (services.ts), never global.
 */
export interface BodyBudget {
  readonly limitBytes: number;
  /** Bytes reserved by open leases now. */
  readonly heldBytes: number;
  lease(): BodyLease;
}

export interface BodyLease {
  /** Bytes this lease holds. */
  readonly heldBytes: number;
  /** Reserves `bytes` more; false, with nothing reserved, when that would take the budget past its limit. */
  reserve(bytes: number): boolean;
  /** Gives back everything this lease holds; calling it again does nothing. */
  release(): void;
}

export function createBodyBudget(limitBytes: number): BodyBudget {
  let held = 0;
  return {
    limitBytes,
    get heldBytes() {
      return held;
    },
    lease() {
      let mine = 0;
      return {
        get heldBytes() {
          return mine;
        },
        reserve(bytes) {
          if (!(bytes >= 0) || held + bytes > limitBytes) return false;
          held += bytes;
          mine += bytes;
          return true;
        },
        release() {
          held -= mine;
          mine = 0;
        },
      };
    },
  };
}
