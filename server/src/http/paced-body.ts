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
  const queue = [...parts];
  return new Readable({
    highWaterMark: PACED_SLICE_BYTES,
    read() {
      setImmediate(() => {
        let sent = 0;
        while (queue.length > 0 && sent < PACED_SLICE_BYTES) {
          const part = queue.shift()!;
          const room = PACED_SLICE_BYTES - sent;
          if (part.length > room) queue.unshift(part.subarray(room));
          const slice = part.length > room ? part.subarray(0, room) : part;
          this.push(slice);
          sent += slice.length;
        }
        if (queue.length === 0) this.push(null);
      });
    },
  });
}
