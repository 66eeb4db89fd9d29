// Owners and moderation as the page sees them (issue 14; docs/protocol.md section 4.2): the room's
// settings (topic, listed, slow mode), whether we own the room, our mute and slow-mode wait, the
// banner of what an owner did to us, and the owner actions. A model the chat store holds and feeds
// from ChatClient's `joined`, `moderation` and refusals; times are the room's clock, and `now` ticks
// each second only while a wait runs. Tested in test/unit/client/ui/state/moderation.test.ts.

import { computed, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import type { ClientMessageOf } from '#protocol/client-messages';
import type { RoomSettings } from '#protocol/moderation-messages';
import type { OwnerActionType } from '#protocol/moderation-requests';
import type { ServerMessageOf } from '#protocol/server-messages';
import type { FinalClose } from '../../core/close-policy';
import { endedText, holdText, moderatedText } from '../format/moderation-notes';

export type ModerationFrame = ServerMessageOf<'room_settings' | 'role' | 'system' | 'moderated'>;

export interface ModerationDeps {
  sendOwner(frame: ClientMessageOf<OwnerActionType>): boolean;
  /** Now by the room's clock. */
  roomNow(): number;
  alert(text: string): void;
  /** A `system` line for the Lobby's log. */
  systemLine(text: string): void;
}

export interface Hold {
  /** Muted: the composer is disabled. Otherwise slow mode: only Lobby messages wait. */
  muted: boolean;
  untilMs: number;
  text: string;
}

export interface Moderation {
  readonly settings: Signal<RoomSettings | null>;
  readonly owner: Signal<boolean>;
  readonly mutedUntil: Signal<number | null>;
  readonly slowUntil: Signal<number | null>;
  /** What a room owner last did to us, until dismissed. */
  readonly notice: Signal<string | null>;
  /** Why the composer holds now, with the time left; null when it does not. */
  readonly hold: ReadonlySignal<Hold | null>;
  /** Why the session ended: the `moderated` words that came before the close, else a plain reason. */
  endedText(why: FinalClose): string;
  joined(joined: ServerMessageOf<'joined'>): void;
  receive(frame: ModerationFrame): void;
  /** The room refused something of ours with `muted`, `slow_mode` or `banned`. */
  refused(code: string, retryMs: number | undefined): void;
  /** Our own Lobby message went out, or was stored, at `at` (room time): slow mode counts from it. */
  sentPublic(at: number): void;
  dismissNotice(): void;
  /** Sends an owner frame; false (and says so) when offline. */
  act(frame: ClientMessageOf<OwnerActionType>): boolean;
}

const OFFLINE = 'You are offline. Try again once the connection is back.';

export function createModeration(deps: ModerationDeps): Moderation {
  const settings = signal<RoomSettings | null>(null);
  const owner = signal(false);
  const mutedUntil = signal<number | null>(null);
  const slowUntil = signal<number | null>(null);
  const notice = signal<string | null>(null);
  const now = signal(deps.roomNow());
  /** A kick's, ban's or close's words, for the close that follows them. */
  let finalNote: string | null = null;
  /** A join refused with `banned`: how long the ban still runs. */
  let banRetryMs: number | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;

  /** Ticks `now` while a wait runs, and stops once every wait is over. */
  const tick = () => {
    now.value = deps.roomNow();
    const waits = [mutedUntil.peek(), slowUntil.peek()].filter((t): t is number => t !== null);
    if (waits.some((t) => t > now.peek())) {
      timer ??= setInterval(tick, 1000);
      return;
    }
    clearInterval(timer);
    timer = undefined;
  };
  const muteUntil = (until: number | null) => {
    mutedUntil.value = until;
    tick();
  };

  const hold = computed<Hold | null>(() => {
    const at = now.value;
    const muted = mutedUntil.value;
    if (muted !== null && muted > at) {
      const h = { muted: true, untilMs: muted };
      return { ...h, text: holdText(h, at) };
    }
    const slow = slowUntil.value;
    if (slow !== null && slow > at && !owner.value) {
      const h = { muted: false, untilMs: slow };
      return { ...h, text: holdText(h, at) };
    }
    return null;
  });

  return {
    settings,
    owner,
    mutedUntil,
    slowUntil,
    notice,
    hold,
    endedText(why) {
      const text = finalNote ?? endedText(why, banRetryMs);
      finalNote = null;
      banRetryMs = undefined;
      owner.value = false;
      muteUntil(null);
      return text;
    },
    joined(joined) {
      settings.value = joined.room ?? null;
      owner.value = joined.owner === true;
      slowUntil.value = null;
      muteUntil(joined.mutedUntil ?? null);
    },
    receive(frame) {
      switch (frame.type) {
        case 'room_settings':
          settings.value = frame.settings;
          return;
        case 'role':
          owner.value = true;
          return;
        case 'system':
          deps.systemLine(frame.text);
          return;
        case 'moderated': {
          const text = moderatedText(frame, deps.roomNow());
          if (frame.action === 'mute') muteUntil(frame.until ?? null);
          if (frame.action === 'unmute') muteUntil(null);
          if (frame.action === 'kick' || frame.action === 'ban' || frame.action === 'close') finalNote = text;
          notice.value = text;
          return;
        }
        default:
          frame satisfies never;
      }
    },
    refused(code, retryMs) {
      if (code === 'banned') banRetryMs = retryMs;
      if (retryMs === undefined) return;
      const until = deps.roomNow() + retryMs;
      if (code === 'muted') muteUntil(until);
      else if (code === 'slow_mode') {
        slowUntil.value = until;
        tick();
      }
    },
    sentPublic(at) {
      const seconds = settings.peek()?.slowModeS ?? 0;
      if (seconds <= 0 || owner.peek()) return;
      // Sent (our clock's guess of the room's time), then stored (the echo's `at`): the later wins.
      slowUntil.value = Math.max(slowUntil.peek() ?? 0, at + seconds * 1000);
      tick();
    },
    dismissNotice() {
      notice.value = null;
    },
    act(frame) {
      if (deps.sendOwner(frame)) return true;
      deps.alert(OFFLINE);
      return false;
    },
  };
}
