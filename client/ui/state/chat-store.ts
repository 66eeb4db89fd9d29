// The UI's state: signals fed by ChatClient events (status, roster, conversations, errors) and
// the actions components call (join, send, share files, open and close tabs). Components stay dumb.

import { computed, effect, type ReadonlySignal, type Signal, signal } from '@preact/signals';
import { ERROR_MESSAGES } from '../../../worker/protocol/errors';
import { nameKey } from '../../../worker/protocol/username';
import { ChatClient, type ChatEntry, type ConnectionStatus } from '../../core/chat-client';
import { FileTransfers } from '../../core/file-transfer/file-transfers';
import type { PinStore } from '../../core/fingerprint-pin';
import type { SocketFactory } from '../../core/socket-like';
import { parseComposerInput } from '../format/composer-input';
import { presenceText } from '../format/log-line';
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
import { createFileStore, type FileStore } from './file-store';
import { mergeEarlier, messageLine, oldestId } from './history-lines';
import { createKeyTrust, type KeyTrust } from './key-trust';
import {
  ackLine,
  appendLine,
  droppedFiles,
  failLine,
  hasPending,
  type LogLine,
  settleLine,
} from './log-lines';
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
  openConversation(peer: string): void;
  selectConversation(id: string): void;
  closeConversation(id: string): void;
  isMe(name: string): boolean;
}

const NOBODY_HERE = 'Nobody else is in the room to receive a file.';
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
    () => conversations.value.find((c) => c.id === activeId.value) ?? conversations.value[0]!,
  );
  const loginError = signal<string | null>(null);
  const lobbyMore = signal(false);
  const loadingOlder = signal(false);
  const joining = signal(false);
  const toasts = createToasts();
  const prefs = createPreferences(options.local);
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

  const onMessage = (entry: ChatEntry) => {
    const line = messageLine(entry);
    const mine = isMe(entry.from);
    const id = entry.type === 'msg' ? LOBBY : conversationId(mine ? entry.to : entry.from);
    if (entry.type === 'pm') openConversation(mine ? entry.to : entry.from, false);
    extras.arrived(entry.from, entry.type === 'pm' ? entry.to : null, entry.id, mine);
    const cid = entry.cid;
    if (cid !== undefined) edit(id, (lines) => settleLine(lines, cid, { ...line, cid }));
    // A copy of a row we already show (e.g. a history page that overlapped) is dropped.
    else
      edit(id, (lines) => (lines.some((l) => l.key === line.key) ? lines : appendLine(lines, line)), !mine);
    if (id === activeId.value) markSeen();
  };

  /** Earlier messages: the page a join brings (Lobby and, after a reload, our private ones) or "Load older". */
  const onHistory = (entries: readonly ChatEntry[], more: boolean, olderPage: boolean) => {
    const byPlace = new Map<string, LogLine[]>();
    for (const entry of entries) {
      const mine = isMe(entry.from);
      const place = entry.type === 'msg' ? LOBBY : conversationId(mine ? entry.to : entry.from);
      if (entry.type === 'pm') {
        openConversation(mine ? entry.to : entry.from, false);
        if (!mine) extras.arrived(entry.from, entry.to, entry.id, false);
      }
      byPlace.set(place, [...(byPlace.get(place) ?? []), messageLine(entry, true)]);
    }
    for (const [place, lines] of byPlace) edit(place, (current) => mergeEarlier(current, lines));
    // `more` is about the Lobby's history, for the join page as for "Load older".
    lobbyMore.value = more;
    if (olderPage) loadingOlder.value = false;
  };

  /** Receipts say "seen" only while the conversation is really in front of the person. */
  // A declaration, not a const: markRead calls it from an effect that runs during set-up.
  function markSeen(): void {
    const peer = active.peek().peer;
    if (peer !== null && attending.peek()) extras.seen(peer);
  }

  /** Comfort checks for a private recipient (the room enforces both); null after saying why not. */
  const privateRecipient = (name: string): string | null => {
    const to = canonical(name);
    if (me.value !== null && nameKey(to) === nameKey(me.value)) {
      toasts.show(ERROR_MESSAGES.self_message);
      return null;
    }
    if (status.value === 'connected' && !users.value.some((u) => nameKey(u) === nameKey(to))) {
      toasts.show(`${ERROR_MESSAGES.unknown_user} (${to})`);
      return null;
    }
    return to;
  };

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
  client.on('history', (page) => onHistory(page.messages, page.more, page.before !== undefined));
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
  client.on('message', onMessage);
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
    lobbyMore,
    loadingOlder,
    isMe,
    start() {
      void client.connect().catch(() => undefined);
    },
    loadOlder() {
      const lobbyLines = conversations.value.find((c) => c.id === LOBBY)?.lines ?? [];
      const before = oldestId(lobbyLines);
      if (before === null || loadingOlder.value) return;
      if (client.loadOlder(before)) loadingOlder.value = true;
      else toasts.show('You are offline. Older messages load once the connection is back.');
    },
    typed(input) {
      const intent = parseComposerInput(input, active.value.peer);
      if (intent.kind === 'public' && intent.text.trim() !== '') extras.typed(null);
      else if (intent.kind === 'private' && intent.text.trim() !== '') extras.typed(canonical(intent.to));
    },
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
    send(input) {
      const self = me.value;
      if (!self) return false;
      const intent = parseComposerInput(input, active.value.peer);
      try {
        switch (intent.kind) {
          case 'empty':
            return false;
          case 'invalid':
            toasts.show(intent.message);
            return false;
          case 'public': {
            const queued = client.sendPublic(intent.text);
            extras.sent(null);
            queueLine(LOBBY, { kind: 'public', from: self, text: intent.text, cid: queued.cid });
            break;
          }
          case 'file':
            // The composer opens the file picker for these; nothing to send as text.
            return false;
          case 'private': {
            // No tab for a whisper that cannot go.
            const to = privateRecipient(intent.to);
            if (to === null) return false;
            const queued = client.sendPrivate(to, intent.text);
            extras.sent(to);
            openConversation(to, true);
            queueLine(conversationId(to), {
              kind: 'private',
              from: self,
              to,
              text: intent.text,
              cid: queued.cid,
            });
            break;
          }
          default:
            intent satisfies never;
        }
      } catch (error) {
        toasts.show(error instanceof Error ? error.message : 'The message could not be sent.');
        return false;
      }
      remember();
      return true;
    },
    sendFiles(picked, to) {
      if (!me.value || picked.length === 0) return;
      const recipient = to === null ? null : privateRecipient(to);
      if (to !== null && recipient === null) return;
      // Comfort check: the room would store a Lobby file for nobody and delete it at once.
      if (to === null && status.value === 'connected' && users.value.length <= 1) {
        toasts.show(NOBODY_HERE);
        return;
      }
      void files.send(picked, recipient);
    },
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
