// A room that one script cannot take down: ten thousand hostile frames from several sockets at once
// (support/fuzz-frames.ts), each answered with a coded error or a valid reply, while ordinary members
// keep talking and receive every message in order. Replay a failure with FUZZ_SEED=<seed> (the seed is
// printed when the test fails).

import { env } from 'cloudflare:test';
import fc from 'fast-check';
import { afterEach, expect, it, onTestFailed } from 'vitest';
import { CLOSE_CODES, ERROR_MESSAGES } from '#protocol/errors';
import type { ServerMessage } from '#protocol/server-messages';
import { type Answer, Attacker, AttackerClosed } from './support/fuzz-attacker';
import { type FuzzFrame, fuzzFrame } from './support/fuzz-frames';
import { closeAll, joinAll, joinAs, type Member, uniqueName } from './support/room-client';

afterEach(closeAll);

const TOTAL_FRAMES = 10_000;
const ATTACKERS = 12;
/** Exchanges (frame and probe) each attacker has in flight at once. */
const IN_FLIGHT = 4;
/** Frames each attacker sends per property run; the runs add up to TOTAL_FRAMES. */
const FRAMES_PER_RUN = 25;
const RUNS = Math.ceil(TOTAL_FRAMES / (ATTACKERS * FRAMES_PER_RUN));
/** How long the room may take to answer one probe, or one member's message, on a loaded machine. */
const ANSWER_MS = 15_000;
/**
 * Closes an attacker may earn: its flood (4008), a broken key exchange, a newer socket with its
 * name, or staying unjoined past the join deadline (4010). Never 4009: it acknowledges what it reads.
 */
const FAIR_CLOSES: ReadonlySet<number> = new Set([
  CLOSE_CODES.rate_limited,
  CLOSE_CODES.protocol,
  CLOSE_CODES.replaced,
  CLOSE_CODES.deadline,
]);

/** FUZZ_SEED (vitest.config.ts passes it through) replays a failed run; otherwise a fresh seed. */
function fuzzSeed(): number {
  const given: unknown = Reflect.get(env, 'FUZZ_SEED');
  const seed = typeof given === 'string' && given !== '' ? Number(given) : Date.now() % 2 ** 31;
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${String(given)}`);
  return seed;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A frame, printed short enough for a failure message. */
function describe(frame: FuzzFrame): string {
  const text = fc.stringify(frame);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** What an error may say: its table message, maybe with a short detail in parentheses; never a stack. */
function errorProblem(message: Extract<ServerMessage, { type: 'error' }>): string | null {
  const base = ERROR_MESSAGES[message.code];
  if (message.code === 'internal') return 'an internal error (an uncaught exception in the room)';
  if (message.message !== base && !message.message.startsWith(`${base} (`)) {
    return `error ${message.code} with an unexpected message`;
  }
  if (message.message.length > base.length + 80) return `error ${message.code} with a long detail`;
  if (/\n\s*at |Error:|\.ts:\d/.test(message.message)) return `error ${message.code} with internal detail`;
  return null;
}

class Tally {
  readonly counts = new Map<string, number>();
  readonly problems: string[] = [];
  frames = 0;

  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Counts what one frame caused and notes anything the room must never send. */
  answer(frame: FuzzFrame, answer: Answer): void {
    this.frames++;
    if (answer.messages.length === 0 && answer.chunks === 0) this.add('no reply');
    for (const message of answer.messages) {
      if (message.type !== 'error') {
        this.add(`reply ${message.type}`);
        continue;
      }
      this.add(`error ${message.code}`);
      const problem = errorProblem(message);
      if (problem) this.problems.push(`${problem}: ${JSON.stringify(message)} after ${describe(frame)}`);
    }
  }

  closed(frame: FuzzFrame, code: number): void {
    this.frames++;
    this.add(`closed ${code}`);
    if (!FAIR_CLOSES.has(code)) this.problems.push(`attacker closed with ${code} after ${describe(frame)}`);
  }
}

/** The attackers' sockets, reopened when the room closes one (fairly, or the test fails). */
class AttackerPool {
  private readonly attackers: (Attacker | null)[] = Array.from({ length: ATTACKERS }, () => null);
  private opened = 0;

  constructor(private readonly tally: Tally) {}

  /** Sends `frames` from attacker `slot`, each followed by a probe, with IN_FLIGHT exchanges at once. */
  async attack(slot: number, frames: readonly FuzzFrame[]): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    for (const frame of frames) {
      const attacker = await this.get(slot);
      let answer: Promise<Answer>;
      try {
        // Sent in order (the sequence numbers depend on it); only the answers overlap.
        ({ answer } = await attacker.exchange(frame));
      } catch (error) {
        this.closed(slot, attacker, frame, error);
        continue;
      }
      const counted = this.count(slot, attacker, frame, answer).finally(() => inFlight.delete(counted));
      inFlight.add(counted);
      while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  names(): string[] {
    return Array.from({ length: ATTACKERS }, (_, slot) => `fuzzer_${slot}`);
  }

  closeAll(): void {
    for (const attacker of this.attackers) attacker?.close();
  }

  /** Collects the faults of the attackers still open. */
  collectFaults(): void {
    for (const attacker of this.attackers) if (attacker) this.collect(attacker);
  }

  private async count(slot: number, attacker: Attacker, frame: FuzzFrame, answer: Promise<Answer>) {
    try {
      this.tally.answer(frame, await withTimeout(answer, ANSWER_MS, `the answer to ${describe(frame)}`));
    } catch (error) {
      this.closed(slot, attacker, frame, error);
    }
  }

  /** Counts a frame lost with its socket's close, and lets the slot open a new socket. */
  private closed(slot: number, attacker: Attacker, frame: FuzzFrame, error: unknown): void {
    if (!(error instanceof AttackerClosed)) throw error;
    this.tally.closed(frame, error.info.code);
    this.collect(attacker);
    if (this.attackers[slot] === attacker) this.attackers[slot] = null;
  }

  private async get(slot: number): Promise<Attacker> {
    const current = this.attackers[slot];
    if (current && !current.closed) return current;
    // Half the attackers join, so frames also reach the handlers behind `not_joined`.
    const name =
      slot % 2 === 0 ? (this.opened < ATTACKERS ? `fuzzer_${slot}` : uniqueName('rejoin')) : undefined;
    this.opened++;
    const attacker = await Attacker.open(`a${slot}x${this.opened}`, name);
    this.attackers[slot] = attacker;
    return attacker;
  }

  private collect(attacker: Attacker): void {
    this.tally.problems.push(...attacker.faults.splice(0));
  }
}

/** The text of member `name`'s `n`th message. */
const steady = (name: string, n: number) => `steady ${name} ${n}`;

/** Every steady message `sender` sent, in the order `receiver` got them. */
function steadyFrom(receiver: Member, sender: Member): number[] {
  return receiver.inbox.log
    .filter((m) => m.type === 'msg' && m.from === sender.name && m.text.startsWith('steady '))
    .map((m) => Number((m as Extract<ServerMessage, { type: 'msg' }>).text.split(' ')[2]));
}

it('answers 10,000 hostile frames from several sockets with coded errors or valid replies, and its members keep receiving in order', async () => {
  const seed = fuzzSeed();
  onTestFailed(() => console.error(`room fuzz failed with seed ${seed}: replay with FUZZ_SEED=${seed}`));
  const members = await joinAll(uniqueName('steady'), uniqueName('steady'), uniqueName('steady'));
  const memberFaults: string[] = [];
  for (const member of members) {
    member.channel.on('corrupt', (what) => memberFaults.push(`${member.name}: ${what}`));
  }
  const tally = new Tally();
  const pool = new AttackerPool(tally);
  let said = 0;

  try {
    const frames = fuzzFrame({ names: [...members.map((m) => m.name), ...pool.names()] });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(frames, { minLength: FRAMES_PER_RUN, maxLength: FRAMES_PER_RUN }), {
          minLength: ATTACKERS,
          maxLength: ATTACKERS,
        }),
        async (batches) => {
          const n = said++;
          await Promise.all([
            ...batches.map((batch, slot) => pool.attack(slot, batch)),
            // Meanwhile each member says one numbered message and waits for its own echo.
            ...members.map((m) => withTimeout(m.say(steady(m.name, n)), ANSWER_MS, `${m.name}'s message`)),
          ]);
          pool.collectFaults();
          expect(tally.problems).toEqual([]);
          expect(memberFaults).toEqual([]);
        },
      ),
      {
        seed,
        numRuns: RUNS,
        // No shrinking: the room keeps its state between runs, so a smaller run is not a replay.
        endOnFailure: true,
        // The default report prints all of a run's frames; the seed, path and first problem suffice.
        reporter: (details) => {
          if (!details.failed) return;
          const counts = JSON.stringify(Object.fromEntries(tally.counts));
          throw new Error(
            `room fuzz failed at run ${details.numRuns} (seed ${details.seed}, path "${details.counterexamplePath}"): ${String(details.errorInstance)}\noutcomes so far: ${counts}`,
          );
        },
      },
    );
  } finally {
    pool.closeAll();
  }

  expect(tally.frames).toBeGreaterThanOrEqual(TOTAL_FRAMES);
  expect(tally.counts.get('error internal') ?? 0).toBe(0);
  // The frames reached every layer: the frame codec, the parser and the handlers behind it.
  for (const key of [
    'bad_frame',
    'bad_seq',
    'bad_json',
    'bad_field',
    'unknown_type',
    'not_joined',
    'file_unknown',
  ]) {
    expect(tally.counts.get(`error ${key}`) ?? 0, key).toBeGreaterThan(0);
  }

  // Every member got every member's messages, in order, with no gap, and is still connected.
  const expected = Array.from({ length: said }, (_, n) => n);
  for (const receiver of members) {
    expect(receiver.channel.isOpen).toBe(true);
    expect(receiver.inbox.log.filter((m) => m.type === 'error')).toEqual([]);
    for (const sender of members) expect(steadyFrom(receiver, sender)).toEqual(expected);
  }

  // And a newcomer can still join and be heard.
  const late = await joinAs(uniqueName('late'));
  await late.say('still standing');
  for (const member of members) {
    expect((await member.inbox.next('msg', (m) => m.from === late.name)).text).toBe('still standing');
  }
  console.log(`room fuzz (seed ${seed}): ${JSON.stringify(Object.fromEntries([...tally.counts].sort()))}`);
}, 420_000);
