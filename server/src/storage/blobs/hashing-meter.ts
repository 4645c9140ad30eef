import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through stream that hashes (SHA-256) and counts what flows through it. */
export class HashingMeter extends Transform {
  #hash = createHash('sha256');
  #size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.#hash.update(chunk);
    this.#size += chunk.length;
    done(null, chunk);
  }

  get size(): number {
    return this.#size;
  }

  /** The hex digest; call once, after the stream ended. */
  digest(): string {
    return this.#hash.digest('hex');
  }
}
