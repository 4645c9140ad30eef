import { readFileSync } from 'node:fs';
import { processTree, procStat } from './processes.js';

/** Kernel clock ticks per second (USER_HZ), 100 on Linux. */
const TICK = 100;

export interface CpuSnapshot {
  at: number;
  /** Server process (all its threads): user and system seconds. */
  serverUser: number;
  serverSystem: number;
  /** This process (the load generator). */
  benchSeconds: number;
  /** Whole machine: busy and stolen seconds, summed over cores. */
  machineBusy: number;
  machineSteal: number;
}

export interface CpuUse {
  /** Server CPU time per answered request (µs), user + system. */
  serverUsPerRequest: number | null;
  serverSystemShare: number;
  /** Average number of cores busy with each party during the window. */
  serverCores: number;
  loadGeneratorCores: number;
  /** Everything else on the machine (other processes, kernel threads). */
  otherCores: number;
  stealCores: number;
}

/** CPU seconds of a process and its descendants (the workers of a WORKERS=N server). */
function processSeconds(pid: number | null): { user: number; system: number } {
  const total = { user: 0, system: 0 };
  for (const member of pid === null ? [] : processTree(pid)) {
    const fields = procStat(member);
    if (!fields) continue; // gone meanwhile
    total.user += Number(fields[11]) / TICK;
    total.system += Number(fields[12]) / TICK;
  }
  return total;
}

function machineSeconds(): { busy: number; steal: number } {
  try {
    const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number) as number[];
    return { busy: (user! + nice! + system! + irq! + softirq!) / TICK, steal: steal! / TICK };
  } catch {
    return { busy: 0, steal: 0 };
  }
}

export function cpuSnapshot(serverPid: number | null): CpuSnapshot {
  const server = processSeconds(serverPid);
  const bench = process.cpuUsage();
  const machine = machineSeconds();
  return {
    at: performance.now(),
    serverUser: server.user,
    serverSystem: server.system,
    benchSeconds: (bench.user + bench.system) / 1e6,
    machineBusy: machine.busy,
    machineSteal: machine.steal,
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function cpuUse(before: CpuSnapshot, after: CpuSnapshot, requests: number): CpuUse {
  const seconds = (after.at - before.at) / 1000;
  const server = after.serverUser + after.serverSystem - before.serverUser - before.serverSystem;
  const bench = after.benchSeconds - before.benchSeconds;
  const busy = after.machineBusy - before.machineBusy;
  return {
    serverUsPerRequest: requests > 0 ? Math.round((server * 1e6) / requests) : null,
    serverSystemShare: server > 0 ? round((after.serverSystem - before.serverSystem) / server, 2) : 0,
    serverCores: round(server / seconds, 2),
    loadGeneratorCores: round(bench / seconds, 2),
    otherCores: round(Math.max(0, busy - server - bench) / seconds, 2),
    stealCores: round((after.machineSteal - before.machineSteal) / seconds, 2),
  };
}

/**
 * Other processes on the machine (test suites, builds) skew a benchmark on 2 cores badly.
 * Waits, up to `maxSeconds`, for a 1 s window in which everything but this process and the
 * server used less than `threshold` cores. Answers the other load of the last window.
 */
export async function waitForQuiet(serverPid: number | null, maxSeconds: number, threshold = 0.25): Promise<number> {
  const deadline = performance.now() + maxSeconds * 1000;
  for (;;) {
    const before = cpuSnapshot(serverPid);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const others = cpuUse(before, cpuSnapshot(serverPid), 0).otherCores;
    if (others < threshold || performance.now() >= deadline) return others;
  }
}
