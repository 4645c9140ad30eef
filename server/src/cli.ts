#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { COMMANDS } from './ops/commands.js';
import { CliError, type Command, type Output } from './ops/command.js';
import { StorageError } from './storage/storage-error.js';

/*
 * The operator's command line: `rested <command> [options]` (npm run rested -- <command>, or
 * node server/dist/cli.js <command>). Results go to stdout, progress to stderr; every failure is
 * one line on stderr and exit status 1.
 */

const PROGRAM = 'rested';

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return [`Usage: ${PROGRAM} <command> [options]`, '', 'Commands:', ...lines, '', `${PROGRAM} <command> --help tells more. DATA_DIR and MONGODB_URI are read as the server reads them.`].join('\n');
}

function commandHelp(command: Command): string {
  return [`Usage: ${PROGRAM} ${command.usage}`, '', command.summary, '', command.help].join('\n');
}

async function runCommand(command: Command, args: string[], out: Output): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split('\n')[0]} (see ${PROGRAM} ${command.name} --help)`);
  }
  if (parsed.values.help) return out.result(commandHelp(command));
  const { min, max } = command.positionals;
  const count = parsed.positionals.length;
  if (count < min || count > max) throw new CliError(`usage: ${PROGRAM} ${command.usage}`);
  await command.run({ values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals, env: process.env }, out);
}

/** Runs the CLI and answers its exit status. */
async function cli(argv: string[], out: Output): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out.result(overview());
    return name === undefined ? 1 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  try {
    if (!command) throw new CliError(`unknown command "${name}" (${PROGRAM} --help lists them)`);
    await runCommand(command, args, out);
    return 0;
  } catch (error) {
    out.progress(`${PROGRAM}: ${oneLine(error)}`);
    return 1;
  }
}

/** The error as one line: its message, never its stack. */
function oneLine(error: unknown): string {
  if (error instanceof CliError || error instanceof StorageError) return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.trim() || 'failed';
}

const stdout: Output = {
  result: (line) => process.stdout.write(`${line}\n`),
  progress: (line) => process.stderr.write(`${line}\n`),
};

process.exitCode = await cli(process.argv.slice(2), stdout);
