import { runFlood, type FloodTarget } from './lib/flood.js';

/** The tenant-flood case's project B, in a process of its own (lib/flood.ts floodInOwnProcess). */
const { target, only, seconds } = JSON.parse(process.env.FLOOD ?? '') as { target: FloodTarget; only: string[] | null; seconds: number };
const answers = await runFlood(target, only ? new Set(only) : null, seconds);
process.stdout.write(JSON.stringify(answers));
