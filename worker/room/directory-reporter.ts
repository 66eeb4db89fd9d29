// Tells the RoomDirectory how many people are in this room, after the fact and coalesced: at once
// on the first join, the last leave and the first change after a quiet REPORT_GAP_MS; changes
// within the gap wait for one trailing report, sent by the room's alarm (never a timer, which
// would hold off the object's eviction). Never awaited by a handler, so the directory is never on
// the message path; a room where nothing changes schedules nothing. An eviction loses a pending
// report, and the next change sends a fresh one.
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
  /** Makes sure the room's alarm runs at `at` or earlier (alarm-schedule.ts); not awaited. */
  wakeAt(at: number): void;
}

export class DirectoryReporter {
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private lastActivity = 0;
  /** When the trailing report is due, or null when none is waiting. */
  private dueAt: number | null = null;

  constructor(private readonly deps: ReporterDeps) {}

  /** A report is waiting for the alarm. */
  get pending(): boolean {
    return this.dueAt !== null;
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

  /** The room's alarm fired: sends the trailing report if due, or asks again for when it is. */
  alarm(): void {
    if (this.dueAt === null) return;
    if (this.deps.now() >= this.dueAt) this.sendNow();
    else this.deps.wakeAt(this.dueAt);
  }

  private sendSoon(): void {
    if (this.dueAt !== null) return;
    const now = this.deps.now();
    // Never more than a gap ahead, even if the clock went back since the last report.
    const due = Math.min(this.lastSentAt + REPORT_GAP_MS, now + REPORT_GAP_MS);
    if (due <= now) {
      this.sendNow();
      return;
    }
    this.dueAt = due;
    this.deps.wakeAt(due);
  }

  private sendNow(): void {
    // A waiting trailing report is covered by this one: the alarm then finds nothing due.
    this.dueAt = null;
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
