// The UI's state: signals fed by ChatClient events (status, roster, conversations, errors) and
// the actions components call (join, send, share files, open and close tabs). Components stay dumb.
// It holds small models and wires them together: identity.ts (who we are), conversations.ts (tabs,
// unread), message-feed.ts (the room's messages into rows), composer-actions.ts (what we send),
// message-actions.ts (reply, react, edit and delete).

import { effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { ChatClient, type ConnectionStatus, RoomError } from '../../core/chat-client';
import { idbKeyStore } from '../../core/e2e/idb-key-store';
import { memoryKeyStore } from '../../core/e2e/key-store';
import { FileTransfers } from '../../core/file-transfer/file-transfers';
import type { PinStore } from '../../core/fingerprint-pin';
import { HandshakeError } from '../../core/secure-channel';
import type { SocketFactory } from '../../core/socket-like';
import { presenceText } from '../format/log-line';
import { createComposerActions } from './composer-actions';
import { type ConversationExtras, createConversationExtras } from './conversation-extras';
import {
  type Conversation,
  conversationId,
  createConversations,
  droppedFileCards,
  LOBBY,
} from './conversations';
import { createDrafts, type Drafts } from './drafts';
import { createE2eTrust, type E2eTrust } from './e2e-trust';
import { createFileStore, type FileStore } from './file-store';
import { createIdentity } from './identity';
import { createKeyTrust, type KeyTrust } from './key-trust';
import { ackLine, appendLine, failLine, type LogLine } from './log-lines';
import { createMessageActions, type MessageActions } from './message-actions';
import { createMessageFeed } from './message-feed';
import { createModeration, type Moderation } from './moderation';
import { loadOwnerToken, saveOwnerToken } from './owner-tokens';
import { peerBookStorage } from './peer-book-storage';
import { createPreferences, type Preferences } from './preferences';
import { createRecentEmoji } from './recent-emoji';
import { loadResume, saveResume } from './resume-storage';
import type { SimpleStorage } from './safe-storage';
import { createSearchState, type SearchState } from './search-state';
import { createToasts, type ToastList } from './toasts';

export interface ChatStoreOptions {
  connect: SocketFactory;
  /** Per tab: the resume token. */
  session: SimpleStorage;
  /** Per origin: preferences. */
  local: SimpleStorage;
  /** Per room, outliving the tab: the owner token (owner-tokens.ts). Default: none kept. */
  owned?: SimpleStorage;
  pins: PinStore;
  origin: string;
  /** The person can see the page (visible and focused); unread counts ask. Default: always. */
  attending?: ReadonlySignal<boolean>;
  /** The page's preferences, when several rooms' stores share them (room-sessions.ts). */
  prefs?: Preferences;
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
  /** End-to-end encryption of private conversations: labels, safety numbers, verification. */
  readonly e2e: E2eTrust;
  /** A private send held back until the person confirms a changed identity (the peer's name). */
  readonly confirmPeer: Signal<string | null>;
  readonly prefs: Preferences;
  readonly files: FileStore;
  /** Files offered to us, as they arrive (each once, even if the room repeats it after a rejoin). */
  readonly fileOffers: Pick<FileTransfers, 'on'>;
  /** Typing indicators and read receipts. */
  readonly extras: ConversationExtras;
  readonly search: SearchState;
  /** Reply, react, edit and delete on a message (message-actions.ts). */
  readonly messages: MessageActions;
  /** The room's settings, our role, mute and slow mode, and the owner actions (moderation.ts). */
  readonly moderation: Moderation;
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
  /** `adminToken`: the room admin's ADMIN_TOKEN (may mention @everyone); blank for everyone else. */
  join(name: string, adminToken?: string): Promise<void>;
  /** We joined with an admin token the room accepted: `@everyone` is ours to use. */
  isAdmin(): boolean;
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

/** Refusals the composer explains itself (moderation.ts `hold`). */
const HELD: ReadonlySet<string> = new Set(['muted', 'slow_mode']);

const NOT_TRUSTED_LOGIN =
  "You did not trust the room's new key, so you are not connected. Press Join to decide again.";
const NOT_TRUSTED_CHAT =
  "You did not trust the room's new key, so you are disconnected. Reload the page to decide again.";

export function createChatStore(options: ChatStoreOptions): ChatStore {
  const status = signal<ConnectionStatus>('idle');
  const loginError = signal<string | null>(null);
  const joining = signal(false);
  const toasts = createToasts();
  const prefs = options.prefs ?? createPreferences(options.local);
  const drafts = createDrafts(options.session);
  const resume = loadResume(options.session);
  const identity = createIdentity(resume?.name ?? null);
  const { me, users, isMe } = identity;
  let systemSeq = 0;

  const keyTrust = createKeyTrust(options.pins, options.origin, () => {
    if (me.value) toasts.show(NOT_TRUSTED_CHAT);
    else loginError.value = NOT_TRUSTED_LOGIN;
  });

  const client = new ChatClient({
    connect: options.connect,
    verifyRoom: keyTrust.verifyRoom,
    ...(resume ? { resume } : {}),
    e2e: {
      // Private keys stay non-extractable CryptoKeys in IndexedDB; without it, for this page load only.
      keyStore: typeof indexedDB === 'undefined' ? memoryKeyStore() : idbKeyStore(),
      peerStorage: (sessionId) => peerBookStorage(options.session, sessionId),
    },
  });
  client.ownerToken = options.owned ? loadOwnerToken(options.owned) : null;
  const e2e = createE2eTrust(client.e2e);
  const confirmPeer = signal<string | null>(null);
  const remember = () => saveResume(options.session, client.resumeState());

  const extras = createConversationExtras(client);
  const search = createSearchState(client);
  const conversations = createConversations({
    attending: options.attending ?? signal(true),
    identity,
    extras,
  });

  const transfers = new FileTransfers(client);
  const files: FileStore = createFileStore(transfers, {
    me: () => me.value,
    alert: toasts.show,
    place(card, peer, mine) {
      if (peer !== null) conversations.open(peer, mine);
      else if (mine) conversations.select(LOBBY);
      const id = peer === null ? LOBBY : conversationId(peer);
      const line: LogLine = {
        key: card.id,
        kind: card.to === null ? 'public' : 'private',
        at: identity.roomNow(),
        from: card.from,
        ...(card.to === null ? {} : { to: card.to }),
        text: card.name,
        file: card.id,
      };
      conversations.edit(id, (lines) => appendLine(lines, line), !mine);
    },
  });

  // A file card lives as long as its row: closing a tab, a new identity or the bound on a log's
  // length drops the card too (stopping a transfer still running).
  let shown = conversations.list.peek();
  effect(() => {
    const next = conversations.list.value;
    const dropped = droppedFileCards(shown, next);
    shown = next;
    if (dropped.length > 0) files.forget(dropped);
  });

  /** Replaces every conversation (a new identity): their drafts and file cards go too. */
  const resetConversations = () => {
    drafts.clear();
    conversations.reset();
  };

  const addSystemLine = (id: string, text: string) =>
    conversations.edit(id, (lines) =>
      appendLine(lines, { key: `sys:${++systemSeq}`, kind: 'system', at: identity.roomNow(), text }),
    );

  const moderation = createModeration({
    sendOwner: (frame) => client.sendOwner(frame),
    roomNow: identity.roomNow,
    alert: toasts.show,
    systemLine: (text) => addSystemLine(LOBBY, text),
  });
  client.on('moderation', moderation.receive);
  client.on('message', (entry) => {
    if (entry.type === 'msg' && isMe(entry.from)) moderation.sentPublic(entry.at);
  });
  client.on('ended', (why) => {
    // Kicked, banned or the room closed: no name here any more; the login screen says why.
    if (why === 'room_closed' && options.owned) saveOwnerToken(options.owned, null);
    loginError.value = moderation.endedText(why);
    me.value = null;
    users.value = [];
    resetConversations();
    saveResume(options.session, null);
  });

  client.on('status', (next) => {
    status.value = next;
  });
  client.on('joined', (joined) => {
    const fresh = me.value === null || !isMe(joined.name);
    identity.joined(joined.name, joined.at, client.users);
    moderation.joined(joined);
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
      // Published keys are the end-to-end layer's (client/core/e2e/e2e-link.ts), not a roster change.
      if (change.change === 'keys') continue;
      if (change.change === 'leave') extras.left(change.name);
      const text = presenceText(
        change.name,
        change.change,
        change.change === 'leave' ? change.reason : undefined,
      );
      addSystemLine(LOBBY, text);
      const id = conversationId(change.name);
      if (!isMe(change.name) && conversations.list.value.some((c) => c.id === id)) addSystemLine(id, text);
    }
  });
  client.e2e.on('identityChanged', ({ name }) => {
    const id = conversationId(name);
    if (conversations.list.value.some((c) => c.id === id)) addSystemLine(id, `${name}'s identity changed`);
  });
  client.on('acked', (cid) => conversations.editPending(cid, (lines) => ackLine(lines, cid)));
  client.on('failed', (error) => {
    conversations.editPending(error.cid, (lines) => failLine(lines, error.cid, error.message));
    moderation.refused(error.code, error.retryMs);
    // A mute or slow mode shows in the composer with the time left, not as a toast.
    if (!HELD.has(error.code)) toasts.show(error.message);
  });
  // After every other listener (the file transfers may recover from it first, room-error.ts).
  client.on('error', (error) => {
    moderation.refused(error.code, error.retryMs);
    queueMicrotask(() => {
      if (!error.recovered && !HELD.has(error.code)) toasts.show(error.message);
    });
  });
  client.on('nameLost', (name) => {
    me.value = null;
    users.value = [];
    resetConversations();
    saveResume(options.session, null);
    loginError.value = `Someone else took the name ${name} while you were away. Pick a name to join again.`;
  });

  const feed = createMessageFeed(client, { conversations, identity, extras, toasts });
  const recent = createRecentEmoji(options.local);
  const messages = createMessageActions(client, { identity, conversations, toasts, recent });
  // An edit belongs to the conversation it began in: another tab's composer starts empty.
  effect(() => {
    if (conversations.activeId.value !== messages.editing.peek()?.conversation) messages.cancelEdit();
  });
  const composer = createComposerActions(client, {
    identity,
    status,
    conversations,
    extras,
    files,
    toasts,
    remember,
    messages,
    confirmFirst(to) {
      if (!e2e.mustConfirm(to)) return false;
      confirmPeer.value = to;
      return true;
    },
    sentPublic: () => moderation.sentPublic(identity.roomNow()),
  });

  return {
    client,
    status,
    me,
    users,
    conversations: conversations.list,
    activeId: conversations.activeId,
    active: conversations.active,
    loginError,
    joining,
    toasts,
    keyTrust,
    e2e,
    confirmPeer,
    prefs,
    files,
    fileOffers: transfers,
    extras,
    search,
    messages,
    moderation,
    drafts,
    lobbyMore: feed.lobbyMore,
    loadingOlder: feed.loadingOlder,
    isMe,
    start() {
      void client.connect().catch(() => undefined);
    },
    loadOlder: feed.loadOlder,
    typed: composer.typed,
    markSeen: conversations.markSeen,
    async join(name, adminToken = '') {
      if (joining.value) return;
      joining.value = true;
      loginError.value = null;
      client.adminToken = adminToken.trim() || null;
      // The ADMIN_TOKEN owns every room: it proves ownership where no owner token is kept.
      const owned = options.owned ? loadOwnerToken(options.owned) : null;
      client.ownerToken = owned ?? client.adminToken;
      try {
        await client.join(name.trim()).catch((error: unknown) => {
          // A kept owner token this room no longer knows (closed, then made again): forget it, join.
          if (!(error instanceof RoomError) || error.code !== 'not_owner' || !owned) throw error;
          if (options.owned) saveOwnerToken(options.owned, null);
          client.ownerToken = client.adminToken;
          return client.join(name.trim());
        });
      } catch (error) {
        client.adminToken = null;
        client.ownerToken = options.owned ? loadOwnerToken(options.owned) : null;
        const refused = error instanceof HandshakeError && error.reason === 'fingerprint';
        if (!refused) loginError.value = error instanceof Error ? error.message : 'Could not join the room.';
      } finally {
        joining.value = false;
      }
    },
    isAdmin: () => client.adminToken !== null,
    send(input) {
      // Muted: nothing goes (the composer is disabled). Slow mode: the Lobby waits; the text stays.
      const held = moderation.hold.peek();
      if (held && (held.muted || conversations.activeId.peek() === LOBBY)) return false;
      return composer.send(input);
    },
    sendFiles: composer.sendFiles,
    canSendFilesTo: composer.canSendFilesTo,
    openConversation: (peer) => {
      conversations.open(peer, true);
      e2e.ensureKeys(peer);
    },
    selectConversation: conversations.select,
    closeConversation: conversations.close,
  };
}
