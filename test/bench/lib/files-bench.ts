import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, readdirSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { newKey, openSqliteStorage } from '@rested/server';
import { NOT_FILES } from '../../helpers/fixtures.js';
import { freePort, processTree, procStat, startServerProcess, type ServerProcess } from './processes.js';

/*
 * The file-endpoint case (BENCH_CASES=files; docs/benchmarks.md "File endpoints"): memory under
 * 10 parallel uploads of 100 MB, upload CPU per MB against the floor of hashing and writing the same
 * bytes here, download speed over one connection, and the cost of a 1 KB range of a large file.
 */

const MB = 1024 * 1024;
const CHUNK = randomBytes(MB);
const BOUNDARY = 'BENCHBOUNDARY';
const HEAD = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: video/mp4\r\n\r\n`);
const TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

export interface FileBenchResult {
  parallelUploads: { count: number; mbEach: number; rssBaselineMb: number; rssPeakMb: number; rssGrowthMb: number; statuses: number[] };
  uploadCpu: { mb: number; serverCpuMsPerMb: number; floorCpuMsPerMb: number; ratio: number };
  download: { mb: number; seconds: number; gbPerSecond: number; bareGbPerSecond: number; ratioToBare: number };
  range: { requests: number; largeFileMb: number; smallFileMb: number; largeUsPerRequest: number; smallUsPerRequest: number; ratio: number };
}

/** A project with a file endpoint (100 MB files), written into the server's database before it starts. */
export async function seedFileEndpoint(dataDir: string): Promise<{ apiKey: string }> {
  const storage = await openSqliteStorage({ file: join(dataDir, 'rested.sqlite') });
  const owner = await storage.createOwner({ email: `${newKey()}@example.com`, name: 'bench', passwordHash: 'x' });
  const apiKey = newKey();
  const project = await storage.createProject({ ownerId: owner.id, name: 'File bench', apiKey, allowedOrigins: [], disallowNoOrigin: false, masterKeyHash: null, tokenTtlSeconds: 3600, jwtSecret: newKey() });
  await storage.createEndpoint({ projectId: project.id, name: 'bench/files', description: '', auth: false, ...NOT_FILES, files: true, maxFileBytes: 200 * MB, secure: false, access: { readOthers: false, updateOthers: false, deleteOthers: false } });
  await storage.close();
  return { apiKey };
}

/** CPU seconds (user + system) of the server process tree, from /proc. */
function serverCpuSeconds(pid: number): number {
  return processTree(pid).reduce((sum, member) => {
    const fields = procStat(member);
    return fields ? sum + (Number(fields[11]) + Number(fields[12])) / 100 : sum;
  }, 0);
}

/** POSTs one multipart upload of `mb` MB streamed from memory; answers the status and the uniqueId (null unless 201). */
function upload(url: string, mb: number): Promise<{ status: number; uniqueId: string | null }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`, 'Content-Length': String(HEAD.length + mb * MB + TAIL.length) } });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, uniqueId: res.statusCode === 201 ? (JSON.parse(body) as Array<{ uniqueId: string }>)[0]!.uniqueId : null }));
    });
    req.on('error', reject);
    void pipeline(Readable.from((function* () {
      yield HEAD;
      for (let i = 0; i < mb; i++) yield CHUNK;
      yield TAIL;
    })()), req).catch(reject);
  });
}

/** GETs the file (or one range) over `agent`, reading and dropping the bytes; answers how many came. */
function download(url: string, agent: Agent, range?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: range ? { Range: range } : {} }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve(bytes));
    }).on('error', reject).end();
  });
}

/** The floor: hashing (SHA-256) and writing `mb` MB to a file with fsync, here, in CPU ms per MB. */
async function floorCpuMsPerMb(dir: string, mb: number): Promise<number> {
  const file = join(dir, 'floor.bin');
  const before = process.cpuUsage();
  const hash = createHash('sha256');
  await pipeline(Readable.from((function* () {
    for (let i = 0; i < mb; i++) {
      hash.update(CHUNK);
      yield CHUNK;
    }
  })()), createWriteStream(file, { flush: true }));
  hash.digest('hex');
  const used = process.cpuUsage(before);
  rmSync(file, { force: true });
  return (used.user + used.system) / 1000 / mb;
}

async function parallelUploads(server: ServerProcess, url: string, count: number, mb: number): Promise<FileBenchResult['parallelUploads']> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const baseline = server.rss.peak();
  server.rss.reset();
  const results = await Promise.all(Array.from({ length: count }, () => upload(url, mb)));
  const peak = server.rss.peak();
  const toMb = (b: number) => Math.round((b / MB) * 10) / 10;
  return { count, mbEach: mb, rssBaselineMb: toMb(baseline), rssPeakMb: toMb(peak), rssGrowthMb: toMb(peak - baseline), statuses: results.map((r) => r.status) };
}

/** Seconds to download `url` (100 MB) over one kept-alive connection, the best of 3 after a warm-up (page cache). */
async function timedDownload(url: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  let best = Infinity;
  for (let i = 0; i < 4; i++) {
    const started = performance.now();
    const got = await download(url, agent);
    if (got !== 100 * MB) throw new Error(`the download answered ${got} bytes`);
    if (i > 0) best = Math.min(best, (performance.now() - started) / 1000);
  }
  agent.destroy();
  return best;
}

/** The same file's bytes served by servers/bare-file.ts (the ceiling on this machine now). */
async function bareDownload(filesDir: string, uniqueId: string): Promise<number> {
  const file = readdirSync(filesDir, { recursive: true, withFileTypes: true }).find((e) => e.isFile() && e.name === uniqueId)!;
  const port = await freePort();
  const bench = fileURLToPath(new URL('../', import.meta.url));
  const bare = await startServerProcess({ name: 'bare-file', args: ['--import', 'tsx', join(bench, 'servers', 'bare-file.ts'), String(port), join(file.parentPath, file.name)], env: { NODE_ENV: 'production' }, port, healthPath: '/health', cwd: join(bench, '..', '..') });
  try {
    return await timedDownload(`${bare.url}/`);
  } finally {
    await bare.stop();
  }
}

/** Server CPU per 1 KB range read of each file, measured in alternating blocks of 100 so that the machine's drift touches both alike. */
async function rangeCost(server: ServerProcess, fileUrl: (id: string) => string, large: string, small: string, requests: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const used = { [large]: 0, [small]: 0 };
  const block = async (id: string, from: number) => {
    const before = serverCpuSeconds(server.pid);
    for (let i = from; i < from + 100; i++) {
      const start = (i * 4096) % (900 * 1024);
      const bytes = await download(fileUrl(id), agent, `bytes=${start}-${start + 1023}`);
      if (bytes !== 1024) throw new Error(`a range answered ${bytes} bytes`);
    }
    used[id]! += serverCpuSeconds(server.pid) - before;
  };
  await block(small, 0); // warm-up
  await block(large, 0);
  used[large] = used[small] = 0;
  for (let i = 0; i < requests; i += 100) {
    await block(large, i);
    await block(small, i);
  }
  agent.destroy();
  return { largeUs: (used[large]! * 1e6) / requests, smallUs: (used[small]! * 1e6) / requests };
}

export async function runFilesBench(server: ServerProcess, apiKey: string, scratchDir: string, say: (line: string) => void): Promise<FileBenchResult> {
  const endpointUrl = `${server.url}/api/1/ce/bench/files?key=${apiKey}`;
  const fileUrl = (id: string) => `${endpointUrl}&fileOnly=true&uniqueId=${id}`;
  say('… file endpoints: 10 parallel uploads of 100 MB');
  const parallel = await parallelUploads(server, endpointUrl, 10, 100);
  say(`  RSS ${parallel.rssBaselineMb} → ${parallel.rssPeakMb} MB (+${parallel.rssGrowthMb} MB); statuses ${[...new Set(parallel.statuses)].join(', ')}`);

  say('… upload CPU per MB (3 sequential uploads of 100 MB) against the floor of SHA-256 + write + fsync here');
  const cpuBefore = serverCpuSeconds(server.pid);
  let big = '';
  for (let i = 0; i < 3; i++) big = stored(await upload(endpointUrl, 100));
  const serverMsPerMb = ((serverCpuSeconds(server.pid) - cpuBefore) * 1000) / 300;
  const floor = await floorCpuMsPerMb(scratchDir, 300);
  const uploadCpu = { mb: 300, serverCpuMsPerMb: round(serverMsPerMb, 2), floorCpuMsPerMb: round(floor, 2), ratio: round(serverMsPerMb / floor, 2) };
  say(`  server ${uploadCpu.serverCpuMsPerMb} ms CPU per MB; floor ${uploadCpu.floorCpuMsPerMb} ms per MB; ratio ${uploadCpu.ratio}`);

  say('… download of a 100 MB file over one connection, and the same file from a bare node:http file server');
  const seconds = await timedDownload(fileUrl(big));
  const bareSeconds = await bareDownload(join(scratchDir, 'files'), big);
  const gb = (100 * MB) / 1e9;
  const dl = { mb: 100, seconds: round(seconds, 3), gbPerSecond: round(gb / seconds, 2), bareGbPerSecond: round(gb / bareSeconds, 2), ratioToBare: round(bareSeconds / seconds, 2) };
  say(`  rested ${dl.gbPerSecond} GB/s; bare node:http ${dl.bareGbPerSecond} GB/s; ratio ${dl.ratioToBare}`);

  say('… 1 KB ranges of a 100 MB file and of a 1 MB file (server CPU per request)');
  const small = stored(await upload(endpointUrl, 1));
  const cost = await rangeCost(server, fileUrl, big, small, 4000);
  const range = { requests: 4000, largeFileMb: 100, smallFileMb: 1, largeUsPerRequest: round(cost.largeUs, 0), smallUsPerRequest: round(cost.smallUs, 0), ratio: round(cost.largeUs / cost.smallUs, 2) };
  say(`  100 MB file: ${range.largeUsPerRequest} µs CPU per range; 1 MB file: ${range.smallUsPerRequest} µs; ratio ${range.ratio}`);
  return { parallelUploads: parallel, uploadCpu, download: dl, range };
}

function stored(answer: { status: number; uniqueId: string | null }): string {
  if (!answer.uniqueId) throw new Error(`an upload answered ${answer.status}, not 201`);
  return answer.uniqueId;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
