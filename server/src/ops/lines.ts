import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CliError } from './command.js';

/** Writes lines to a new file, private to this user, waiting whenever the disk is behind. */
export class LineWriter {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: 'wx', mode: 0o600 });
  }

  async write(value: unknown): Promise<void> {
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/** The file's lines parsed as JSON, with their numbers; a line that is not JSON is refused with its number. */
export async function* readJsonLines(file: string): AsyncGenerator<{ value: unknown; line: number }> {
  const input = createReadStream(file);
  const opened = once(input, 'open').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(error.code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${error.message})`);
  });
  await opened;
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new CliError(`${file} line ${line} is not JSON`);
    }
    yield { value, line };
  }
}
