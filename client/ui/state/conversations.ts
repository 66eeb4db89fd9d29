// The open conversations: the lobby first, then one per private peer in the order they opened.
// Pure list operations, and the model the chat store holds (the list, the open tab, unread counts
// and "seen"). Tested in test/unit/client/ui/state/conversations.test.ts.

import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { nameKey } from '#protocol/username';
import type { ConversationExtras } from './conversation-extras';
import type { Identity } from './identity';
import { droppedFiles, hasPending, type LogLine } from './log-lines';
import { countsAsUnread } from './unread';

export const LOBBY = '#lobby';

export interface Conversation {
  /** LOBBY, or the peer's name in lower case ('#' is not allowed in usernames). */
  id: string;
  /** The peer's username as the room spells it; null for the lobby. */
  peer: string | null;
  lines: LogLine[];
  unread: number;
  /** How many of the unread messages mention us (absent: none); the badge shows them apart. */
  mentions?: number;
}

export const conversationId = (peer: string): string => nameKey(peer);

export function lobby(): Conversation {
  return { id: LOBBY, peer: null, lines: [], unread: 0 };
}

/** Returns the list with a conversation for `peer` (added at the end if it was not open). */
export function ensureConversation(list: readonly Conversation[], peer: string): Conversation[] {
  const id = conversationId(peer);
  if (list.some((c) => c.id === id)) return list as Conversation[];
  return [...list, { id, peer, lines: [], unread: 0 }];
}

export function closeConversation(list: readonly Conversation[], id: string): Conversation[] {
  return id === LOBBY ? (list as Conversation[]) : list.filter((c) => c.id !== id);
}

export function updateConversation(
  list: readonly Conversation[],
  id: string,
  change: (c: Conversation) => Conversation,
): Conversation[] {
  return list.map((c) => (c.id === id ? change(c) : c));
}

/** The file cards whose rows were in `before` and are gone from `after` (closed, reset or scrolled off). */
export function droppedFileCards(before: readonly Conversation[], after: readonly Conversation[]): string[] {
  return before.flatMap((old) => {
    const now = after.find((c) => c.id === old.id);
    if (!now) return droppedFiles(old.lines, []);
    // A row can only have gone if the log did not grow (the bound on its length dropped one).
    if (now.lines === old.lines || now.lines.length > old.lines.length) return [];
    return droppedFiles(old.lines, now.lines);
  });
}

export interface ConversationsDeps {
  /** The person can see the page (visible and focused): unread counts and "seen" ask. */
  readonly attending: ReadonlySignal<boolean>;
  readonly identity: Pick<Identity, 'canonical'>;
  /** Told when the open private conversation is really in front of the person. */
  readonly extras: Pick<ConversationExtras, 'seen'>;
}

export interface Conversations {
  readonly list: Signal<Conversation[]>;
  readonly activeId: Signal<string>;
  readonly active: ReadonlySignal<Conversation>;
  /**
   * Changes one conversation's rows; `fromOthers` counts as unread when it is not in view, and as an
   * unread mention too when `mentioned`.
   */
  edit(id: string, change: (lines: LogLine[]) => LogLine[], fromOthers?: boolean, mentioned?: boolean): void;
  /** Changes the rows of the conversation that holds our pending message `cid`, if one does. */
  editPending(cid: number, change: (lines: LogLine[]) => LogLine[]): void;
  /** Opens the private conversation with `peer`; `focus` brings it to the front. */
  open(peer: string, focus: boolean): void;
  /** Brings conversation `id` to the front: its messages are read. */
  select(id: string): void;
  /** Closes a private conversation (never the Lobby). */
  close(id: string): void;
  /** A new identity: only an empty Lobby is left. */
  reset(): void;
  /** The open conversation is on screen in a focused, visible window: its messages count as seen. */
  markSeen(): void;
}

export function createConversations({ attending, identity, extras }: ConversationsDeps): Conversations {
  const list = signal<Conversation[]>([lobby()]);
  const activeId = signal(LOBBY);
  const active = computed(() => list.value.find((c) => c.id === activeId.value) ?? list.value[0] ?? lobby());

  /** Receipts say "seen" only while the conversation is really in front of the person. */
  const markSeen = () => {
    const peer = active.peek().peer;
    if (peer !== null && attending.peek()) extras.seen(peer);
  };

  const markRead = (id: string) => {
    // peek(): called from the effect below, which must depend on attention only.
    list.value = updateConversation(list.peek(), id, (c) => {
      if (c.unread === 0 && !c.mentions) return c;
      const { mentions: _read, ...rest } = c;
      return { ...rest, unread: 0 };
    });
    markSeen();
  };

  const select = (id: string) => {
    activeId.value = id;
    markRead(id);
  };

  const edit = (
    id: string,
    change: (lines: LogLine[]) => LogLine[],
    fromOthers = false,
    mentioned = false,
  ) => {
    list.value = updateConversation(list.value, id, (c) => {
      const lines = change(c.lines);
      if (lines === c.lines) return c;
      if (!(fromOthers && countsAsUnread(id, activeId.value, attending.peek()))) return { ...c, lines };
      return { ...c, lines, unread: c.unread + 1, ...(mentioned ? { mentions: (c.mentions ?? 0) + 1 } : {}) };
    });
  };

  // Back at the window: the open conversation has been seen (and its peer is told so).
  effect(() => {
    if (attending.value) markRead(activeId.peek());
  });

  return {
    list,
    activeId,
    active,
    edit,
    editPending(cid, change) {
      const owner = list.value.find((c) => hasPending(c.lines, cid));
      if (owner) edit(owner.id, change);
    },
    open(peer, focus) {
      list.value = ensureConversation(list.value, identity.canonical(peer));
      if (focus) select(conversationId(peer));
    },
    select,
    close(id) {
      list.value = closeConversation(list.value, id);
      if (activeId.value === id) activeId.value = LOBBY;
    },
    reset() {
      list.value = [lobby()];
      activeId.value = LOBBY;
    },
    markSeen,
  };
}
