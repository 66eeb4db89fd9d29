// The receiving side of typing indicators: who is typing in which conversation, each entry
// expiring TYPING_EXPIRY_MS after its last signal, or at once when that person sends or leaves.
// Pure state plus the time of the next expiry; the UI store turns it into a signal and a timer.

import { TYPING_EXPIRY_MS } from '#protocol/limits';
import { nameKey } from '#protocol/username';

/** Conversation key: null for the Lobby, else the peer's nameKey. */
export type TypingPlace = string | null;

export class TypingTracker {
  /** place → (name key → { name, until }) */
  private places = new Map<TypingPlace, Map<string, { name: string; until: number }>>();

  /** A typing notice from the room: `names` in the Lobby, or a private peer. */
  apply(names: readonly string[], isPrivate: boolean, now: number): void {
    for (const name of names) {
      const place = isPrivate ? nameKey(name) : null;
      const typists = this.places.get(place) ?? new Map<string, { name: string; until: number }>();
      this.places.set(place, typists);
      typists.set(nameKey(name), { name, until: now + TYPING_EXPIRY_MS });
    }
  }

  /** `name` sent a message (to the Lobby when `isPrivate` is false) or left (both). */
  clear(name: string, where: 'lobby' | 'private' | 'everywhere'): void {
    const key = nameKey(name);
    if (where !== 'private') this.places.get(null)?.delete(key);
    if (where !== 'lobby') this.places.get(key)?.delete(key);
  }

  /** Who is typing in `place` now, in the order they started. */
  typists(place: TypingPlace, now: number): string[] {
    const typists = this.places.get(place);
    if (!typists) return [];
    for (const [key, t] of typists) if (t.until <= now) typists.delete(key);
    return [...typists.values()].map((t) => t.name);
  }

  /** Every place where someone is typing now. */
  snapshot(now: number): Map<TypingPlace, string[]> {
    const out = new Map<TypingPlace, string[]>();
    for (const place of this.places.keys()) {
      const names = this.typists(place, now);
      if (names.length > 0) out.set(place, names);
    }
    return out;
  }

  /** When the next entry expires (to schedule a refresh), or null when nobody is typing. */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const typists of this.places.values())
      for (const t of typists.values()) if (next === null || t.until < next) next = t.until;
    return next;
  }
}

/** "alice is typing…", "alice and bob are typing…", "several people are typing…", or null. */
export function typingText(names: readonly string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'several people are typing…';
}
