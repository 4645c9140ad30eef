import { Readable } from 'node:stream';

/** Slices of a large answer written per event-loop iteration. */
export const PACED_SLICE_BYTES = 256 * 1024;

/**
 * A large answer (a page of large records: up to PAGE_BUDGET, 4 MiB by default) written from its
 * pieces in slices of about PACED_SLICE_BYTES, one per event-loop iteration: writing 4 MiB to a
 * socket at once took one synchronous stretch of several milliseconds (the kernel's copy, and on
 * loopback the receiving side's work too), during which no other request was read. The pieces are
 * sent as they are (views of them where one is cut), never copied into one buffer.
 */
export function pacedBody(parts: readonly Buffer[]): Readable {
  let part = 0; // the next part to send, from byte `at` on
  let at = 0;
  return new Readable({
    highWaterMark: PACED_SLICE_BYTES,
    read() {
      setImmediate(() => {
        for (let sent = 0; part < parts.length && sent < PACED_SLICE_BYTES; ) {
          const slice = parts[part]!.subarray(at, at + PACED_SLICE_BYTES - sent);
          this.push(slice);
          sent += slice.length;
          at += slice.length;
          if (at === parts[part]!.length) [part, at] = [part + 1, 0];
        }
        if (part === parts.length) this.push(null);
      });
    },
  });
}
