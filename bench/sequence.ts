// The order of a bench run: warm up the room, send a file (alone, then with a chat group talking),
// measure the small group (join, latency), then the large group (join, memory, fan-out with 1 and
// 10 senders, latency). Issue 12's end-to-end phases come with them: private vs Lobby messages among
// the small group, and a sealed private file vs a Lobby file after the quiet transfer (`--only=private`
// runs only those). A failed phase is recorded and the run goes on with what it has, so a partial
// table still comes out.

import { benchPng } from './bench-file';
import { benchNames, ClientGroup, type ClientGroupOptions } from './clients';
import { FilePeer } from './file-peer';
import { withForcedGc } from './lab/gc-probe';
import { type ProfileSummary, profilePhase } from './lab/profiler';
import type { BenchOptions } from './options';
import type { Results } from './report';
import { runChatDuringTransfer } from './scenarios/chat-during-transfer';
import { runFanout } from './scenarios/fanout';
import { runEventFanout } from './scenarios/fanout-events';
import { runFileTransfer } from './scenarios/file-transfer';
import { runHistory } from './scenarios/history';
import { runJoin } from './scenarios/join';
import { runLatency } from './scenarios/latency';
import { memoryPerClient, sampleRss } from './scenarios/memory';
import { runPrivateChat } from './scenarios/private-chat';
import { runTyping } from './scenarios/typing';
import type { DevServer } from './server';
import { sleep, waitUntil } from './time';

export function log(message: string): void {
  console.log(`[bench] ${message}`);
}

/** Runs one phase; a failure is recorded and the run goes on with what it has. */
async function phase<T>(name: string, errors: string[], run: () => Promise<T>): Promise<T | null> {
  log(`${name}…`);
  try {
    return await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    errors.push(`${name}: ${message}`);
    log(`${name} failed: ${message}`);
    return null;
  }
}

export async function runSequence(
  dev: DevServer,
  options: BenchOptions,
  errors: string[],
  profiles: ProfileSummary[],
): Promise<Results> {
  const results: Results = {
    joinSmall: null,
    latencySmall: null,
    joinLarge: null,
    memory: null,
    fanoutOne: null,
    fanoutTen: null,
    fanoutEvents: null,
    latencyLarge: null,
    fileWarmup: null,
    fileTransfer: null,
    fileChat: null,
    typing: null,
    history: null,
    privateChat: null,
    privateFile: null,
  };
  const groupOptions: ClientGroupOptions = {
    url: dev.wsUrl,
    deflate: options.deflate,
    lean: options.lean,
    joinTimeoutMs: 30_000,
  };
  const drainTimeoutMs = 10_000;

  // Warm-up: the first connection creates the room (key generation, SQLite) and compiles the code.
  const warm = new ClientGroup(groupOptions);
  await phase('warm-up', errors, () => warm.connect('warmup'));
  await warm.closeAll(5_000);

  // Files first, in a room that has seen no crowd yet: its memory growth is the transfer's own.
  if (options.fileBytes > 0 && !options.privateOnly)
    await runFilePhases(dev, options, groupOptions, results, errors, profiles);
  // After the file phases' clients left: a Lobby file reaches only the receiver.
  if (options.fileBytes > 0) results.privateFile = await runPrivateFiles(dev, options, errors);
  if (options.filesOnly) return results;

  const small = new ClientGroup(groupOptions);
  results.joinSmall = await phase(`join ${options.smallN}`, errors, () =>
    runJoin(dev, small, {
      n: options.smallN,
      prefix: 's',
      concurrency: options.joinConcurrency,
      rosterTimeoutMs: 15_000,
    }),
  );
  if (small.clients.length >= 2 && !options.privateOnly) {
    results.latencySmall = await phase(`latency at ${small.clients.length} clients`, errors, () =>
      runLatency(dev, small, {
        ratePerSec: options.latencyRate,
        durationMs: options.latencyMs,
        drainTimeoutMs,
        tag: 'ls',
      }),
    );
  }
  if (small.clients.length >= 2) {
    results.privateChat = await phase(
      `private vs Lobby messages among ${small.clients.length} clients`,
      errors,
      () =>
        runPrivateChat({
          url: dev.wsUrl,
          deflate: options.deflate,
          groupSize: small.clients.length,
          pairs: 5,
          // Both kinds come from one socket: together well under its flood limit (20 frames/s).
          ratePerSec: Math.min(options.latencyRate, 5),
          durationMs: options.latencyMs,
          joinTimeoutMs: 30_000,
          drainTimeoutMs,
        }),
    );
  }
  await small.closeAll(10_000);
  if (options.privateOnly) return results;
  await sleep(1_500); // let the leaves flush before the memory baseline

  const before = sampleRss(dev);
  const large = new ClientGroup(groupOptions);
  results.joinLarge = await phase(`join ${options.largeN}`, errors, () =>
    profilePhase(dev, options.profile, profiles, `join ${options.largeN}`, () =>
      runJoin(dev, large, {
        n: options.largeN,
        prefix: 'l',
        concurrency: options.joinConcurrency,
        rosterTimeoutMs: 30_000,
      }),
    ),
  );
  await sleep(1_000);
  if (large.clients.length > 0)
    results.memory = memoryPerClient(large.clients.length, before, sampleRss(dev));
  if (large.clients.length >= 11) {
    results.fanoutOne = await phase('fan-out, 1 sender', errors, () =>
      profilePhase(dev, options.profile, profiles, 'fan-out 1 sender', () =>
        runFanout(dev, large, {
          senders: 1,
          inFlightPerSender: options.fanoutInFlight,
          durationMs: options.fanoutMs,
          drainTimeoutMs,
          tag: 'f1',
        }),
      ),
    );
    results.fanoutEvents = await phase('fan-out, 10 % edits and reactions', errors, () =>
      runEventFanout(dev, large, {
        inFlight: options.fanoutInFlight,
        durationMs: options.fanoutMs,
        drainTimeoutMs,
        tag: 'fe',
      }),
    );
    results.fanoutTen = await phase('fan-out, 10 senders', errors, () =>
      profilePhase(dev, options.profile, profiles, 'fan-out 10 senders', () =>
        runFanout(dev, large, {
          senders: 10,
          inFlightPerSender: Math.max(1, Math.round(options.fanoutInFlight / 10)),
          durationMs: options.fanoutMs,
          drainTimeoutMs,
          tag: 'f10',
        }),
      ),
    );
    results.latencyLarge = await phase(`latency at ${large.clients.length} clients`, errors, () =>
      runLatency(dev, large, {
        ratePerSec: options.latencyRate,
        durationMs: options.latencyMs,
        drainTimeoutMs,
        tag: 'll',
      }),
    );
  }
  if (large.clients.length >= 2) {
    results.typing = await phase(`typing in ${large.clients.length} clients`, errors, () =>
      runTyping(large, { typists: Math.min(100, large.clients.length), durationMs: 9_000 }),
    );
    // The fan-outs above filled the history: a newcomer pages through 500 messages of it.
    results.history = await phase('history for a newcomer', errors, () =>
      runHistory(large, { messages: 500, runs: 5, timeoutMs: 30_000 }),
    );
  }
  for (const [label, group] of [
    ['small group', small],
    ['large group', large],
  ] as const) {
    for (const [kind, count] of group.problems) errors.push(`${label}: ${count} × ${kind}`);
  }
  await large.closeAll(15_000);
  return results;
}

/**
 * Two clients of the real client core send one file, first in a quiet room, then while a chat group
 * of `fileChatClients` talks. Every socket opened here is closed before the chat groups start.
 */
async function runFilePhases(
  dev: DevServer,
  options: BenchOptions,
  groupOptions: ClientGroupOptions,
  results: Results,
  errors: string[],
  profiles: ProfileSummary[],
): Promise<void> {
  const size = `${(options.fileBytes / 2 ** 20).toFixed(options.fileBytes % 2 ** 20 ? 1 : 0)} MiB`;
  const peers: FilePeer[] = [];
  const chat = new ClientGroup(groupOptions);
  try {
    const joined = await phase('file clients join', errors, async () => {
      const join = (name: string) =>
        FilePeer.join(dev.wsUrl, name, options.deflate, groupOptions.joinTimeoutMs).then((peer) => {
          peers.push(peer);
          return peer;
        });
      return { sender: await join('fsender'), receiver: await join('freceiver') };
    });
    if (!joined) return;
    // Like the chat warm-up: the first transfer pays for R2's first use, file-type's code and the
    // JIT; its memory growth is reported beside the measured one, not hidden.
    results.fileWarmup = await phase('file warm-up (1 MiB)', errors, () =>
      withForcedGc(dev, options.gcProbe, () =>
        runFileTransfer(dev, joined.sender, joined.receiver, benchPng(2 ** 20), {
          timeoutMs: options.fileTimeoutMs,
        }),
      ),
    );
    const file = benchPng(options.fileBytes);
    results.fileTransfer = await phase(`file transfer of ${size}`, errors, () =>
      withForcedGc(dev, options.gcProbe, () =>
        profilePhase(dev, options.profile, profiles, 'file transfer', () =>
          runFileTransfer(dev, joined.sender, joined.receiver, file, { timeoutMs: options.fileTimeoutMs }),
        ),
      ),
    );
    const outcome = await phase(`join ${options.fileChatClients} chat clients`, errors, () =>
      chat.connectMany(benchNames('c', options.fileChatClients), options.joinConcurrency),
    );
    if (outcome && outcome.failed > 0) errors.push(`${outcome.failed} chat clients failed to join`);
    if (chat.clients.length >= 2) {
      results.fileChat = await phase(
        `chat latency at ${chat.clients.length} clients during a ${size} transfer`,
        errors,
        () =>
          runChatDuringTransfer(dev, chat, joined, file, {
            ratePerSec: options.fileChatRate,
            minMs: options.fileChatMinMs,
            maxTransfers: options.fileChatMaxTransfers,
            timeoutMs: options.fileTimeoutMs,
            drainTimeoutMs: 10_000,
            tag: 'ft',
          }),
      );
    }
    const transfers = [
      results.fileWarmup,
      results.fileTransfer,
      ...(results.fileChat?.transfers ?? []),
    ].filter((t) => t !== null);
    const undelivered = transfers.filter((t) => !t.delivered).length;
    if (undelivered > 0) errors.push(`${undelivered} file transfer(s) ended without file_delivered`);
    const drops = transfers.reduce((sum, t) => sum + t.drops, 0);
    if (drops > 0) errors.push(`the file clients' sockets dropped ${drops} time(s) during transfers`);
    for (const peer of peers)
      for (const [code, count] of peer.problems) errors.push(`file client ${peer.name}: ${count} × ${code}`);
    for (const [kind, count] of chat.problems)
      errors.push(`chat group during a transfer: ${count} × ${kind}`);
  } finally {
    await chat.closeAll(10_000);
    for (const peer of peers) peer.close();
    await sleep(1_000); // let the leaves flush before the next phase
  }
}

/**
 * Two clients with end-to-end keys send the same file to the Lobby (only the receiver is there to
 * get it) and then privately, sealed end to end, after a 1 MiB sealed warm-up (the envelope code,
 * the first HPKE use). Both transfers run in the same quiet room, one after the other.
 */
async function runPrivateFiles(
  dev: DevServer,
  options: BenchOptions,
  errors: string[],
): Promise<Results['privateFile']> {
  const peers: FilePeer[] = [];
  try {
    return await phase('sealed private file vs Lobby file', errors, async () => {
      const join = async (name: string) => {
        const peer = await FilePeer.join(dev.wsUrl, name, options.deflate, 30_000, true);
        peers.push(peer);
        return peer;
      };
      const sender = await join('esender');
      const receiver = await join('ereceiver');
      const transfer = { timeoutMs: options.fileTimeoutMs };
      // The receiver's keys reach the sender in presence, just after its join.
      if (!(await waitUntil(() => sender.client.e2e.sealsTo(receiver.name), 10_000)))
        throw new Error('the file peers do not seal end to end');
      await runFileTransfer(dev, sender, receiver, benchPng(2 ** 20), transfer);
      const file = benchPng(options.fileBytes);
      const lobby = await runFileTransfer(dev, sender, receiver, file, { ...transfer, lobby: true });
      const sealed = await runFileTransfer(dev, sender, receiver, file, transfer);
      return { lobby, sealed };
    });
  } finally {
    for (const peer of peers) peer.close();
    await sleep(1_000);
  }
}
