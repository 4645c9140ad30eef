import { Readable } from 'node:stream';

/** Slices of a large answer written per event-loop iteration. */
export const PACED_SLICE_BYTES = 256 * 1024;

/**
 * A large answer (a page of large records: up to PAGE_BUDGET, 4 MiB by default) written in slices
 * of PACED_SLICE_BYTES, one per event-loop iteration: writing 4 MiB to a socket at once took one
 * synchronous stretch of several milliseconds (the kernel's copy, and on loopback the receiving
 * side's work too), during which no other request was read. Slices are views of the answer, not
 * copies.
 */
export function pacedBody(bytes: Buffer): Readable {
  let at = 0;
  return new Readable({
    highWaterMark: PACED_SLICE_BYTES,
    read() {
      setImmediate(() => {
        const end = Math.min(bytes.length, at + PACED_SLICE_BYTES);
        this.push(bytes.subarray(at, end));
        at = end;
        if (at >= bytes.length) this.push(null);
      });
    },
  });
}
