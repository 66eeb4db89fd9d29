// The UI's state: signals fed by ChatClient events (status, roster, conversations, errors) and
// the actions components call (join, send, share files, open and close tabs). Components stay dumb.
// The room's messages reach the conversations through message-feed.ts; composer-actions.ts sends.

import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { nameKey } from '#protocol/username';
import { ChatClient, type ConnectionStatus } from '../../core/chat-client';
import { FileTransfers } from '../../core/file-transfer/file-transfers';
import type { PinStore } from '../../core/fingerprint-pin';
import type { SocketFactory } from '../../core/socket-like';
import { presenceText } from '../format/log-line';
import { createComposerActions } from './composer-actions';
import { type ConversationExtras, createConversationExtras } from './conversation-extras';
import {
  type Conversation,
  closeConversation,
  conversationId,
  ensureConversation,
  LOBBY,
  lobby,
  updateConversation,
} from './conversations';
import { createDrafts, type Drafts } from './drafts';
import { createFileStore, type FileStore } from './file-store';
import { createKeyTrust, type KeyTrust } from './key-trust';
import { ackLine, appendLine, droppedFiles, failLine, hasPending, type LogLine } from './log-lines';
import { createMessageFeed } from './message-feed';
import { createPreferences, type Preferences } from './preferences';
import { loadResume, saveResume } from './resume-storage';
import type { SimpleStorage } from './safe-storage';
import { createSearchState, type SearchState } from './search-state';
import { createToasts, type ToastList } from './toasts';
import { countsAsUnread } from './unread';

export interface ChatStoreOptions {
  connect: SocketFactory;
  /** Per tab: the resume token. */
  session: SimpleStorage;
  /** Per origin: preferences. */
  local: SimpleStorage;
  pins: PinStore;
  origin: string;
  /** The person can see the page (visible and focused); unread counts ask. Default: always. */
  attending?: ReadonlySignal<boolean>;
}

export interface ChatStore {
  readonly client: ChatClient;
  readonly status: Signal<ConnectionStatus>;
  /** Our username once joined (or while taking it back after a reload). */
  readonly me: Signal<string | null>;
  readonly users: Signal<string[]>;
  readonly conversations: Signal<Conversation[]>;
  readonly activeId: Signal<string>;
  readonly active: ReadonlySignal<Conversation>;
  readonly loginError: Signal<string | null>;
  readonly joining: Signal<boolean>;
  readonly toasts: ToastList;
  readonly keyTrust: KeyTrust;
  readonly prefs: Preferences;
  readonly files: FileStore;
  /** Files offered to us, as they arrive (each once, even if the room repeats it after a rejoin). */
  readonly fileOffers: Pick<FileTransfers, 'on'>;
  /** Typing indicators and read receipts. */
  readonly extras: ConversationExtras;
  readonly search: SearchState;
  /** Unsent text per conversation, kept across tab switches and reloads. */
  readonly drafts: Drafts;
  /** Older Lobby messages exist in the room's history ("Load older"). */
  readonly lobbyMore: Signal<boolean>;
  /** A "Load older" page has been asked for and not answered yet. */
  readonly loadingOlder: Signal<boolean>;
  start(): void;
  loadOlder(): void;
  /** A keystroke in the composer (for typing indicators). */
  typed(input: string): void;
  /** The open conversation is on screen in a focused, visible window: its messages count as seen. */
  markSeen(): void;
  join(name: string): Promise<void>;
  /** Sends what the composer holds; true when it went (or was queued) and the box can clear. */
  send(input: string): boolean;
  /** Offers files to `to`, or to the Lobby when null (after the comfort checks). */
  sendFiles(files: readonly File[], to: string | null): void;
  /** Whether files may go to `to` (null: the Lobby); says why not when they cannot (before a picker opens). */
  canSendFilesTo(to: string | null): boolean;
  openConversation(peer: string): void;
  selectConversation(id: string): void;
  closeConversation(id: string): void;
  isMe(name: string): boolean;
}

const NOT_TRUSTED_LOGIN =
  "You did not trust the room's new key, so you are not connected. Press Join to decide again.";
const NOT_TRUSTED_CHAT =
  "You did not trust the room's new key, so you are disconnected. Reload the page to decide again.";

export function createChatStore(options: ChatStoreOptions): ChatStore {
  const status = signal<ConnectionStatus>('idle');
  const users = signal<string[]>([]);
  const conversations = signal<Conversation[]>([lobby()]);
  const activeId = signal(LOBBY);
  const active = computed(
    () => conversations.value.find((c) => c.id === activeId.value) ?? conversations.value[0] ?? lobby(),
  );
  const loginError = signal<string | null>(null);
  const joining = signal(false);
  const toasts = createToasts();
  const prefs = createPreferences(options.local);
  const drafts = createDrafts(options.session);
  const resume = loadResume(options.session);
  const me = signal<string | null>(resume?.name ?? null);
  const attending = options.attending ?? signal(true);
  /** Room clock minus ours, learned at join; dates the lines the room sends without a time. */
  let clockOffset = 0;
  let systemSeq = 0;

  const keyTrust = createKeyTrust(options.pins, options.origin, () => {
    if (me.value) toasts.show(NOT_TRUSTED_CHAT);
    else loginError.value = NOT_TRUSTED_LOGIN;
  });

  const client = new ChatClient({
    connect: options.connect,
    verifyRoom: keyTrust.verifyRoom,
    ...(resume ? { resume } : {}),
  });

  const isMe = (name: string) => me.value !== null && nameKey(name) === nameKey(me.value);
  const roomNow = () => Date.now() + clockOffset;
  const remember = () => saveResume(options.session, client.resumeState());
  const canonical = (name: string) => users.value.find((u) => nameKey(u) === nameKey(name)) ?? name;

  /** Changes one conversation's rows; `fromOthers` counts as unread when it is not in view. */
  const edit = (id: string, change: (lines: LogLine[]) => LogLine[], fromOthers = false) => {
    conversations.value = updateConversation(conversations.value, id, (c) => {
      const lines = change(c.lines);
      if (lines === c.lines) return c;
      // A row can only have gone if the log did not grow (the bound on its length dropped one).
      if (lines.length <= c.lines.length) files.forget(droppedFiles(c.lines, lines));
      const unread =
        fromOthers && countsAsUnread(id, activeId.value, attending.peek()) ? c.unread + 1 : c.unread;
      return { ...c, lines, unread };
    });
  };

  /** Replaces every conversation (a new identity): their file cards go too. */
  const resetConversations = () => {
    drafts.clear();
    files.forget(conversations.value.flatMap((c) => droppedFiles(c.lines, [])));
    conversations.value = [lobby()];
    activeId.value = LOBBY;
  };

  const openConversation = (peer: string, focus: boolean) => {
    conversations.value = ensureConversation(conversations.value, canonical(peer));
    if (focus) selectConversation(conversationId(peer));
  };

  const markRead = (id: string) => {
    // peek(): called from an effect below, which must depend on attention only.
    conversations.value = updateConversation(conversations.peek(), id, (c) =>
      c.unread === 0 ? c : { ...c, unread: 0 },
    );
    markSeen();
  };

  const selectConversation = (id: string) => {
    activeId.value = id;
    markRead(id);
  };

  // Back at the window: the open conversation has been seen (and its peer is told so).
  effect(() => {
    if (attending.value) markRead(activeId.peek());
  });

  /** Receipts say "seen" only while the conversation is really in front of the person. */
  // A declaration, not a const: markRead calls it from an effect that runs during set-up.
  function markSeen(): void {
    const peer = active.peek().peer;
    if (peer !== null && attending.peek()) extras.seen(peer);
  }

  const extras = createConversationExtras(client);
  const search = createSearchState(client);

  const transfers = new FileTransfers(client);
  const files: FileStore = createFileStore(transfers, {
    me: () => me.value,
    alert: toasts.show,
    place(card, peer, mine) {
      if (peer !== null) openConversation(peer, mine);
      else if (mine) selectConversation(LOBBY);
      const id = peer === null ? LOBBY : conversationId(peer);
      const line: LogLine = {
        key: card.id,
        kind: card.to === null ? 'public' : 'private',
        at: roomNow(),
        from: card.from,
        ...(card.to === null ? {} : { to: card.to }),
        text: card.name,
        file: card.id,
      };
      edit(id, (lines) => appendLine(lines, line), !mine);
    },
  });

  const addSystemLine = (id: string, text: string) =>
    edit(id, (lines) =>
      appendLine(lines, { key: `sys:${++systemSeq}`, kind: 'system', at: roomNow(), text }),
    );

  const withPending = (cid: number, change: (lines: LogLine[]) => LogLine[]) => {
    const owner = conversations.value.find((c) => hasPending(c.lines, cid));
    if (owner) edit(owner.id, change);
  };

  client.on('status', (next) => {
    status.value = next;
  });
  client.on('joined', (joined) => {
    const fresh = me.value === null || !isMe(joined.name);
    clockOffset = joined.at - Date.now();
    me.value = joined.name;
    users.value = client.users;
    loginError.value = null;
    if (fresh) {
      resetConversations();
      extras.reset();
      search.clear();
    }
    remember();
  });
  client.on('presence', (batch) => {
    users.value = client.users;
    for (const change of batch.changes) {
      if (change.change === 'leave') extras.left(change.name);
      const text = presenceText(
        change.name,
        change.change,
        change.change === 'leave' ? change.reason : undefined,
      );
      addSystemLine(LOBBY, text);
      if (!isMe(change.name) && conversations.value.some((c) => c.id === conversationId(change.name))) {
        addSystemLine(conversationId(change.name), text);
      }
    }
  });
  client.on('acked', (cid) => withPending(cid, (lines) => ackLine(lines, cid)));
  client.on('failed', (error) => {
    withPending(error.cid, (lines) => failLine(lines, error.cid, error.message));
    toasts.show(error.message);
  });
  client.on('error', (error) => toasts.show(error.message));
  client.on('nameLost', (name) => {
    me.value = null;
    users.value = [];
    resetConversations();
    saveResume(options.session, null);
    loginError.value = `Someone else took the name ${name} while you were away. Pick a name to join again.`;
  });

  const queueLine = (conversation: string, line: Omit<LogLine, 'key' | 'at' | 'state'> & { cid: number }) =>
    edit(conversation, (lines) =>
      appendLine(lines, { ...line, key: `cid:${line.cid}`, at: roomNow(), state: 'sending' }),
    );

  const feed = createMessageFeed(client, {
    conversations,
    activeId,
    toasts,
    extras,
    isMe,
    openConversation,
    edit,
    markSeen,
  });
  const composer = createComposerActions(client, {
    me,
    status,
    users,
    active,
    toasts,
    extras,
    files,
    canonical,
    openConversation,
    queueLine,
    remember,
  });

  return {
    client,
    status,
    me,
    users,
    conversations,
    activeId,
    active,
    loginError,
    joining,
    toasts,
    keyTrust,
    prefs,
    files,
    fileOffers: transfers,
    extras,
    search,
    drafts,
    lobbyMore: feed.lobbyMore,
    loadingOlder: feed.loadingOlder,
    isMe,
    start() {
      void client.connect().catch(() => undefined);
    },
    loadOlder: feed.loadOlder,
    typed: composer.typed,
    markSeen,
    async join(name) {
      if (joining.value) return;
      joining.value = true;
      loginError.value = null;
      try {
        await client.join(name.trim());
      } catch (error) {
        const refused = error instanceof Error && (error as { reason?: string }).reason === 'fingerprint';
        if (!refused) loginError.value = error instanceof Error ? error.message : 'Could not join the room.';
      } finally {
        joining.value = false;
      }
    },
    send: composer.send,
    sendFiles: composer.sendFiles,
    canSendFilesTo: composer.canSendFilesTo,
    openConversation: (peer) => openConversation(peer, true),
    selectConversation,
    closeConversation(id) {
      const closing = conversations.value.find((c) => c.id === id);
      if (closing && id !== LOBBY) files.forget(droppedFiles(closing.lines, []));
      conversations.value = closeConversation(conversations.value, id);
      if (activeId.value === id) activeId.value = LOBBY;
    },
  };
}
