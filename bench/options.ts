// The flags of `npm run bench` and the sizes they select. `--quick` is a small sanity run;
// the full run is sized to finish in a few minutes on a 2-core machine.

import { ATTACK_IDS, type AttackId } from './scenarios/hostile/attack';

export interface BenchOptions {
  quick: boolean;
  /** The small and the large group: 100 and 1,000 clients in the full run. */
  smallN: number;
  largeN: number;
  /** Handshakes in flight at once while a group joins. */
  joinConcurrency: number;
  /** Length of each fan-out run and each latency window. */
  fanoutMs: number;
  latencyMs: number;
  /** Messages per second, in total, in the latency scenario. */
  latencyRate: number;
  /** Messages in flight in the fan-out scenario, summed over the senders. */
  fanoutInFlight: number;
  /** Offer permessage-deflate like a browser does (only wrangler dev's local proxy accepts it). */
  deflate: boolean;
  /** Receivers open frames with Node's synchronous AES-GCM instead of the client core. */
  lean: boolean;
  /** Sample the room's isolate with the V8 profiler during the large join, the fan-outs and a file transfer. */
  profile: boolean;
  /** Analysis: force a GC in the room's isolate every 50 ms during the quiet file transfers. */
  gcProbe: boolean;
  /** Another wrangler config to benchmark (an A/B variant of the worker); null for wrangler.toml. */
  wranglerConfig: string | null;
  /** Size of the file sent in the transfer scenarios; 0 skips them. */
  fileBytes: number;
  /** Chat clients in the room, and their message rate, while a transfer runs. */
  fileChatClients: number;
  fileChatRate: number;
  /** The transfer repeats (at most fileChatMaxTransfers times) until the chat has run this long. */
  fileChatMinMs: number;
  fileChatMaxTransfers: number;
  /** Longest an upload, or a download, may take before the phase fails. */
  fileTimeoutMs: number;
  /** Hard stop for the whole run, server start-up included. */
  timeoutMs: number;
  /** Only the file scenarios (warm-up, quiet transfer, chat during transfers): no chat groups. */
  filesOnly: boolean;
  /**
   * Only issue 12's end-to-end scenarios: the small group, private vs Lobby messages among it, and
   * a sealed private file vs a Lobby file.
   */
  privateOnly: boolean;
  /** The hostile-client attacks to run after the other scenarios (none: skipped), each in a fresh room. */
  hostileAttacks: AttackId[];
  /** Only the hostile-client scenario: no other scenario and no shared server. */
  hostileOnly: boolean;
  /** Length of each attack. */
  hostileMs: number;
  /** Only the comparison with a plain relay (bench/versus.ts), instead of every other scenario. */
  versus: boolean;
  /** `--versus` also measures the room at this git ref (a temporary worktree); null for none. */
  versusOld: string | null;
  /** `--versus`: alternating runs of each system; the report gives their medians. */
  versusRepeat: number;
  /** Only the real client's cost in Chromium in a busy room (bench/client-cost.ts). */
  clientCost: boolean;
  /** Only the sharded-room prototype (bench/sharded.ts) at these K, after the normal room; empty: off. */
  shardCounts: number[];
  /** Only many rooms against one room as big as all of them (bench/rooms.ts). */
  rooms: boolean;
}

/** Time allowed per attack beyond the attack itself: a fresh wrangler dev, the setup, the drain. */
const HOSTILE_OVERHEAD_MS = 150_000;
/**
 * Watchdog time per `--versus` system run (a fresh wrangler dev, both group sizes, three modes),
 * well above what one takes (about 2 minutes in a full run, 40 s in a quick one), plus the old worktree.
 */
const VERSUS_SYSTEM_RUN_MS = 6 * 60_000;
const VERSUS_QUICK_SYSTEM_RUN_MS = 2 * 60_000;
const VERSUS_WORKTREE_MS = 2 * 60_000;
/** Watchdog for `--client-cost`: a wrangler dev, 1,000 joins, Chromium, two windows. */
const CLIENT_COST_MS = 5 * 60_000;
/** Watchdog per `--sharded` system: a fresh wrangler dev, the joins, two windows. */
const SHARDED_SYSTEM_MS = 4 * 60_000;
/** Watchdog for `--rooms`: two systems, each a fresh wrangler dev, its joins and three windows. */
const ROOMS_MS = 10 * 60_000;
/** The flags `--rooms` goes with; its counts are fixed (bench/rooms-plan.ts). */
const ROOMS_FLAGS = new Set(['--rooms', '--quick', '--seconds', '--concurrency']);

const FULL: BenchOptions = {
  quick: false,
  smallN: 100,
  largeN: 1000,
  joinConcurrency: 50,
  fanoutMs: 10_000,
  latencyMs: 10_000,
  latencyRate: 10,
  fanoutInFlight: 10,
  deflate: false,
  lean: false,
  profile: false,
  gcProbe: false,
  wranglerConfig: null,
  fileBytes: 25 * 2 ** 20,
  fileChatClients: 20,
  fileChatRate: 10,
  fileChatMinMs: 5_000,
  fileChatMaxTransfers: 5,
  fileTimeoutMs: 60_000,
  timeoutMs: 7 * 60_000,
  filesOnly: false,
  privateOnly: false,
  hostileAttacks: [...ATTACK_IDS],
  hostileOnly: false,
  hostileMs: 20_000,
  versus: false,
  versusOld: null,
  versusRepeat: 3,
  clientCost: false,
  shardCounts: [],
  rooms: false,
};

const QUICK: BenchOptions = {
  ...FULL,
  quick: true,
  smallN: 20,
  largeN: 100,
  fanoutMs: 3_000,
  latencyMs: 3_000,
  fileBytes: 4 * 2 ** 20,
  timeoutMs: 2 * 60_000,
  hostileMs: 5_000,
};

export const USAGE = `Usage: npm run bench -- [flags]
  --quick              small sanity run (20 and 100 clients, 3 s windows, a 4 MiB file)
  --clients=N          size of the large group (default 1000)
  --small=N            size of the small group (default 100)
  --seconds=S          length of each fan-out and latency window (default 10)
  --concurrency=N      handshakes in flight while joining (default 50)
  --in-flight=N        fan-out messages in flight, over all senders (default 10)
  --file-mib=N         size of the file in the transfer scenarios (default 25, the room's limit;
                       0 skips them)
  --only=files         only the file scenarios (about a minute): skips the 100- and 1,000-client
                       groups
  --only=private       only the end-to-end scenarios (issue 12): private vs Lobby messages among the
                       small group, first private conversations, a sealed private file vs a Lobby file
  --deflate            offer permessage-deflate like a browser; only wrangler dev's local proxy
                       accepts it (the room sets no_web_socket_compression: ciphertext does not compress)
  --lean-clients       comparison only: open frames with node:crypto instead of the client core
  --profile            analysis: V8 CPU profile of the room during the large join, the fan-outs and
                       the quiet file transfer
  --hostile-only       only the hostile-client attacks (issue 10), each against a fresh room
  --no-hostile         skip the hostile-client attacks
  --attacks=A,B        which attacks: ${ATTACK_IDS.join(',')} (default: all)
  --attack-seconds=S   length of each attack (default 20; 5 with --quick, which runs them only
                       with --hostile-only or --attacks)
  --gc-probe           analysis: force a GC in the room's isolate every 50 ms during the quiet file
                       transfers, to tell live memory from uncollected chunk buffers (slows them down)
  --versus             only the room next to a plain relay (bench/plain-relay), each in its own
                       fresh wrangler dev, alternating: 1 and 10 in flight and a rate sweep to
                       p99 > 250 ms at 100 and 1,000 clients (20 and 100 with --quick), memory per client
  --old=REF            with --versus: also the room at git ref REF (a temporary worktree)
  --repeat=N           with --versus: alternating runs of each system, medians reported (default 3)
  --client-cost        only the real client in Chromium in a room of --clients members (the others
                       bench clients) at 100 Lobby messages/s: the page's main thread busy share
                       over a --seconds window (target < 50 %), then a V8 profile of the page
                       (needs \`npm run build\` first)
  --sharded[=K,K]      only the sharded-room prototype (docs/scaling.md, wrangler.sharded.toml): the
                       normal room, then 1 sequencer + K fan-out shards for each K (default 1,4,16),
                       each in its own wrangler dev with --clients members: p50/p99 at the latency
                       rate (10 msg/s), then the worker's and the sequencer's CPU per message
  --rooms              only 10 rooms × 100 clients against 1 room × 1,000 (3 × 20 against 1 × 60 with
                       --quick), each system in its own wrangler dev, every room sending at once: an
                       open-loop window at the same total rate, one at about the same deliveries/s,
                       and 10 in flight per room; aggregate deliveries/s, p50/p99, copies missing
  --config=PATH        comparison only: benchmark another wrangler config (a variant of the worker)
  --help`;

/** Parses argv; throws with a message on an unknown or malformed flag. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  if (argv.includes('--help') || argv.includes('-h')) return 'help';
  const options = { ...(argv.includes('--quick') ? QUICK : FULL) };
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    const int = (min: number, max: number) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max)
        throw new Error(`${flag} needs an integer ${min}–${max}`);
      return n;
    };
    switch (flag) {
      case '--quick':
        break;
      case '--clients':
        options.largeN = int(2, 2000);
        break;
      case '--small':
        options.smallN = int(2, 2000);
        break;
      case '--seconds':
        options.fanoutMs = options.latencyMs = int(1, 60) * 1000;
        break;
      case '--concurrency':
        options.joinConcurrency = int(1, 1000);
        break;
      case '--in-flight':
        options.fanoutInFlight = int(1, 200);
        break;
      case '--file-mib':
        options.fileBytes = int(0, 25) * 2 ** 20;
        break;
      case '--deflate':
        options.deflate = true;
        break;
      case '--lean-clients':
        options.lean = true;
        break;
      case '--profile':
        options.profile = true;
        break;
      case '--only':
        if (value === 'files') options.filesOnly = true;
        else if (value === 'private') options.privateOnly = true;
        else throw new Error('--only takes one scenario group: files or private');
        break;
      case '--hostile-only':
        options.hostileOnly = true;
        break;
      case '--no-hostile':
        options.hostileAttacks = [];
        break;
      case '--attacks':
        options.hostileAttacks = attackList(value);
        break;
      case '--attack-seconds':
        options.hostileMs = int(1, 60) * 1000;
        break;
      case '--gc-probe':
        options.gcProbe = true;
        break;
      case '--versus':
        options.versus = true;
        break;
      case '--old':
        if (!value) throw new Error('--old needs a git ref, e.g. --old=HEAD~1');
        options.versusOld = value;
        break;
      case '--repeat':
        options.versusRepeat = int(1, 9);
        break;
      case '--client-cost':
        options.clientCost = true;
        break;
      case '--sharded':
        options.shardCounts = shardList(value);
        break;
      case '--rooms':
        options.rooms = true;
        break;
      case '--config':
        if (!value) throw new Error('--config needs a path');
        options.wranglerConfig = value;
        break;
      default:
        throw new Error(`unknown flag ${arg}\n${USAGE}`);
    }
  }
  // The file scenarios alone and the quick sanity run stay short, unless attacks are asked for.
  const attacksAsked = options.hostileOnly || argv.some((arg) => arg.startsWith('--attacks='));
  if ((options.filesOnly || options.privateOnly || options.quick) && !attacksAsked)
    options.hostileAttacks = [];
  if (options.hostileOnly && options.hostileAttacks.length === 0)
    throw new Error('--hostile-only and --no-hostile exclude each other');
  if (options.versus && options.clientCost) throw new Error('--versus and --client-cost run alone');
  if (options.rooms) {
    const clash = argv.find((arg) => !ROOMS_FLAGS.has(arg.split('=', 1)[0] ?? arg));
    if (clash) throw new Error(`--rooms runs alone, with --quick, --seconds or --concurrency: drop ${clash}`);
    options.hostileAttacks = [];
    options.timeoutMs = ROOMS_MS;
    return options;
  }
  if (options.shardCounts.length > 0) {
    if (options.versus || options.clientCost) throw new Error('--sharded runs alone');
    options.hostileAttacks = [];
    options.timeoutMs = (options.shardCounts.length + 1) * SHARDED_SYSTEM_MS;
    return options;
  }
  if (options.versus) return versusOptions(options, argv, attacksAsked);
  if (options.clientCost) {
    options.hostileAttacks = [];
    options.timeoutMs = CLIENT_COST_MS;
    return options;
  }
  if (options.versusOld !== null || argv.some((arg) => arg.startsWith('--repeat=')))
    throw new Error('--old and --repeat go with --versus');
  // The hostile attacks come after the rest, each with its own server: their time is added.
  const base = options.hostileOnly ? 60_000 : options.timeoutMs;
  options.timeoutMs = base + options.hostileAttacks.length * (options.hostileMs + HOSTILE_OVERHEAD_MS);
  return options;
}

/** `--versus` runs alone: no other scenario, no attack; its watchdog grows with systems × repeats. */
function versusOptions(options: BenchOptions, argv: readonly string[], attacksAsked: boolean): BenchOptions {
  const alone = [
    '--hostile-only',
    '--only=files',
    '--only=private',
    '--no-hostile',
    '--profile',
    '--gc-probe',
    '--lean-clients',
  ];
  const clash = argv.find((arg) => alone.includes(arg)) ?? (attacksAsked ? '--attacks' : undefined);
  if (clash) throw new Error(`--versus runs alone: drop ${clash}`);
  options.hostileAttacks = [];
  const systems = options.versusOld === null ? 2 : 3;
  const perRun = options.quick ? VERSUS_QUICK_SYSTEM_RUN_MS : VERSUS_SYSTEM_RUN_MS;
  options.timeoutMs = systems * options.versusRepeat * perRun + (options.versusOld ? VERSUS_WORKTREE_MS : 0);
  return options;
}

function shardList(value: string | undefined): number[] {
  if (value === undefined) return [1, 4, 16];
  const counts = value.split(',').map(Number);
  if (counts.length === 0 || counts.some((k) => !Number.isInteger(k) || k < 1 || k > 64))
    throw new Error('--sharded takes a comma-separated list of shard counts, 1–64 (e.g. --sharded=1,4)');
  return counts;
}

function attackList(value: string | undefined): AttackId[] {
  const names = (value ?? '').split(',').filter(Boolean);
  const known = new Set<string>(ATTACK_IDS);
  const unknown = names.filter((name) => !known.has(name));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(`--attacks takes a comma-separated list of: ${ATTACK_IDS.join(', ')}`);
  return ATTACK_IDS.filter((id) => names.includes(id));
}
