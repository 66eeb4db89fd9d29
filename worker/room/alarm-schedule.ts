// The room's one alarm, shared by the stale-socket sweep, the socket deadlines, the file sweep and
// the audit retention: it is kept at the earliest time anyone asked for. Owns what the room knows
// of the alarm, so that a wake-up reads storage at most once. Used by chat-room.ts.

import { SWEEP_INTERVAL_MS } from '../protocol/limits';

export class AlarmSchedule {
  /** The alarm as last set or read: a time, null for none, undefined until read from storage. */
  private alarmAt: number | null | undefined;
  private sweepScheduled = false;

  constructor(private readonly storage: Pick<DurableObjectStorage, 'getAlarm' | 'setAlarm'>) {}

  /** Makes sure the alarm runs at `at` or earlier. */
  async ensure(at: number): Promise<void> {
    if (this.alarmAt === undefined) {
      const current = await this.storage.getAlarm();
      // Order matters: another caller may have set it while this one was reading.
      if (this.alarmAt === undefined) this.alarmAt = current;
    }
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    await this.storage.setAlarm(at);
  }

  /** Makes sure the stale-socket sweep runs; once set, it stays put until it runs. */
  async ensureSweep(now: number): Promise<void> {
    if (this.sweepScheduled) return;
    this.sweepScheduled = true;
    await this.ensure(now + SWEEP_INTERVAL_MS);
  }

  /** The alarm fired: nothing is set until someone asks again. */
  fired(): void {
    this.alarmAt = null;
    this.sweepScheduled = false;
  }
}
