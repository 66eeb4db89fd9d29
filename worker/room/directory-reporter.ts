// Tells the RoomDirectory how many people are in this room, after the fact and coalesced: at once
// on the first join and the last leave, otherwise at most once every REPORT_GAP_MS while joins,
// leaves or messages go on. Never awaited by a handler, so the directory is never on the message
// path; a room with nobody in it changes nothing and so schedules nothing. A timer, not the alarm:
// an eviction may lose a pending report, and the next change sends a fresh one.
// Tested in test/unit/worker/room/directory-reporter.test.ts and test/worker/room-directory.test.ts.

import type { ReportInput } from '../directory/directory-requests';
import { directoryKey, type RoomAddress } from '../protocol/room-address';
import { errorName, logEvent } from './log';

export const REPORT_GAP_MS = 5_000;

export interface ReporterDeps {
  now(): number;
  /** This room's address, or null before the first socket named it (nothing to report then). */
  room(): RoomAddress | null;
  members(): number;
  send(report: ReportInput): Promise<void>;
  setTimer(task: () => void, delayMs: number): unknown;
}

export class DirectoryReporter {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastActivity = 0;
  private timerSet = false;
  /** Which timer is the current one: an older one that fires late sends nothing. */
  private generation = 0;

  constructor(private readonly deps: ReporterDeps) {}

  /** A report is waiting for its coalescing timer. */
  get pending(): boolean {
    return this.timerSet;
  }

  /** The member count went from `before` to `after`. */
  membersChanged(before: number, after: number): void {
    if (before === after) return;
    this.lastActivity = this.deps.now();
    if (before === 0 || after === 0) this.sendNow();
    else this.sendSoon();
  }

  /** A message was sent: the room's last activity moves, the count does not. */
  activity(): void {
    this.lastActivity = this.deps.now();
    this.sendSoon();
  }

  private sendSoon(): void {
    if (this.timerSet) return;
    this.timerSet = true;
    const generation = ++this.generation;
    const delay = Math.max(0, this.lastSentAt + REPORT_GAP_MS - this.deps.now());
    this.deps.setTimer(() => {
      if (this.timerSet && generation === this.generation) this.sendNow();
    }, delay);
  }

  private sendNow(): void {
    // A pending timer finds itself outdated and sends nothing: this report covers it.
    this.timerSet = false;
    this.generation++;
    const room = this.deps.room();
    if (!room) return;
    const now = this.deps.now();
    this.lastSentAt = now;
    void this.deps
      .send({
        key: directoryKey(room),
        listed: room.kind === 'public',
        members: this.deps.members(),
        lastActivity: this.lastActivity,
        reportedAt: now,
      })
      .catch((error: unknown) => logEvent('directory_report_failed', { error: errorName(error) }));
  }
}
