import type { ParseArgsConfig } from 'node:util';

/** A refusal or failure the CLI reports as one line, exit 1, no stack. */
export class CliError extends Error {
  override name = 'CliError';
}

export interface CommandInput {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  env: Record<string, string | undefined>;
}

/** Where a command writes: its result on stdout, progress and notes on stderr. */
export interface Output {
  result(line: string): void;
  progress(line: string): void;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** `backup <file>`, without the program name. */
  usage: string;
  /** What --help prints below the usage. */
  help: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes. */
  positionals: { min: number; max: number };
  run(input: CommandInput, out: Output): Promise<void>;
}

/** Progress at most once a second, and always the last word. */
export function throttledProgress(out: Output, everyMs = 1000): (line: string, final?: boolean) => void {
  let last = 0;
  return (line, final = false) => {
    const now = Date.now();
    if (!final && now - last < everyMs) return;
    last = now;
    out.progress(line);
  };
}

