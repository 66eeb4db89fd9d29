// `npx tsx bench/lab/r2-floor.ts`: what local R2 alone costs workerd for one 25 MiB upload staged the
// way the room stages it (1 MiB objects fed in 64 KiB slices, see worker/room/files/staging.ts),
// without the room, the sockets or the clients: wall time, CPU per MiB and peak RSS growth after a
// 1 MiB warm-up, each run in a fresh workerd. Miniflare runs the same R2 simulator `wrangler dev`
// does, in the same kind of process: these figures are the floor under `npm run bench`'s file rows.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { CLOCK_TICKS_PER_SEC } from '../proc-stats';

const MIB = 2 ** 20;
const RUNS = 3;

/** A worker that writes `total` bytes as objects of `object` bytes, each fed in `slice`-byte pieces. */
const SCRIPT = `
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));
async function put(bucket, name, body, slice) {
  const { readable, writable } = new FixedLengthStream(body.byteLength);
  const writer = writable.getWriter();
  const feeding = (async () => {
    for (let at = 0; at < body.byteLength; at += slice) {
      await turn();
      await writer.write(body.subarray(at, Math.min(body.byteLength, at + slice)));
    }
    await writer.close();
  })();
  await Promise.all([bucket.put(name, readable), feeding]);
}
export default {
  async fetch(request, env) {
    const q = new URL(request.url).searchParams;
    const [total, object, slice] = ['total', 'object', 'slice'].map((k) => Number(q.get(k)));
    const started = Date.now();
    for (let n = 0; n * object < total; n++) {
      const body = new Uint8Array(Math.min(object, total - n * object));
      crypto.getRandomValues(body.subarray(0, 65536));
      await put(env.FILES, q.get('tag') + '/' + n, body, slice);
      body.buffer.transfer(0);
    }
    return Response.json({ ms: Date.now() - started });
  },
};`;

/** The workerd that `miniflare` started from this process. */
function workerdPid(): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (stat.includes('(workerd)') && Number(rest[1]) === process.pid) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error('no workerd child found');
}

function rssMiB(pid: number): number {
  return Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
}

function cpuSec(pid: number): number {
  const rest = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(rest[11]) + Number(rest[12])) / CLOCK_TICKS_PER_SEC;
}

async function run(
  object: number,
  slice: number,
): Promise<{ ms: number; cpuMsPerMiB: number; growthMiB: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'chatspace-r2-floor-'));
  const mf = new Miniflare({
    modules: true,
    script: SCRIPT,
    compatibilityDate: '2026-04-20',
    r2Buckets: ['FILES'],
    r2Persist: dir,
  });
  try {
    const url = await mf.ready;
    const pid = workerdPid();
    const put = async (tag: string, total: number) => {
      const query = new URLSearchParams({
        tag,
        total: String(total),
        object: String(object),
        slice: String(slice),
      });
      const response = await fetch(new URL(`/?${query}`, url));
      return ((await response.json()) as { ms: number }).ms;
    };
    await put('warm-up', MIB);
    const before = rssMiB(pid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(pid));
    }, 5);
    const cpuBefore = cpuSec(pid);
    const ms = await put('measured', 25 * MIB);
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
    return { ms, cpuMsPerMiB: ((cpuSec(pid) - cpuBefore) * 1000) / 25, growthMiB: peak - before };
  } finally {
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

console.log(`local R2 alone, 25 MiB after a 1 MiB warm-up, ${RUNS} fresh workerd processes each (medians)`);
for (const [object, slice] of [
  [256 * 1024, 256 * 1024],
  [MIB, MIB],
  [MIB, 64 * 1024],
  [4 * MIB, 64 * 1024],
] as const) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await run(object, slice));
  console.log(
    `objects of ${object / 1024} KiB in ${slice / 1024} KiB slices: ` +
      `${median(runs.map((r) => (25 * MIB) / 1e3 / r.ms)).toFixed(1)} MB/s, ` +
      `CPU ${median(runs.map((r) => r.cpuMsPerMiB)).toFixed(1)} ms/MiB, ` +
      `RSS +${median(runs.map((r) => r.growthMiB)).toFixed(1)} MiB ` +
      `(growth per run: ${runs.map((r) => r.growthMiB.toFixed(1)).join(', ')})`,
  );
}
