// What the composer's actions do: send what it holds (a Lobby message, or a whisper by /w or in a
// private tab), offer picked files, and turn keystrokes into typing hints. The comfort checks say
// why not before the room would refuse. A model the chat store holds; it places the rows it queues.
// Tested in test/unit/client/ui/state/composer-actions.test.ts.

import type { ReadonlySignal } from '@preact/signals';
import { ERROR_MESSAGES } from '#protocol/errors';
import { nameKey } from '#protocol/username';
import type { ChatClient, ConnectionStatus } from '../../core/chat-client';
import { parseComposerInput } from '../format/composer-input';
import type { ConversationExtras } from './conversation-extras';
import { type Conversations, conversationId, LOBBY } from './conversations';
import type { FileStore } from './file-store';
import type { Identity } from './identity';
import { appendLine, type LogLine } from './log-lines';
import type { MessageActions } from './message-actions';
import type { ToastList } from './toasts';

/** What the composer uses of the client: its two kinds of message (queued while offline). */
export type ComposerClient = Pick<ChatClient, 'sendPublic' | 'sendPrivate'>;

export interface ComposerDeps {
  readonly identity: Pick<Identity, 'me' | 'users' | 'canonical' | 'roomNow'>;
  readonly status: ReadonlySignal<ConnectionStatus>;
  /** Plain text goes to the open conversation's peer, or to the Lobby. */
  readonly conversations: Pick<Conversations, 'active' | 'open' | 'edit'>;
  readonly extras: Pick<ConversationExtras, 'typed' | 'sent'>;
  readonly files: Pick<FileStore, 'send'>;
  readonly toasts: Pick<ToastList, 'show'>;
  /** Saves what a reload needs to take the name back (the next cid among it). */
  remember(): void;
  /**
   * True when a private message to `to` must wait for the person to confirm (the peer's identity
   * changed after it was verified): it is then not sent, and the text stays in the box.
   */
  confirmFirst?(to: string): boolean;
  /** A Lobby message went out: slow mode's wait starts now, before the room's echo (moderation.ts). */
  sentPublic?(): void;
  /** Replies and edits (message-actions.ts): an edit in progress takes the text; a reply adds reply_to. */
  readonly messages?: Pick<MessageActions, 'editing' | 'saveEdit' | 'replyFor' | 'cancelReply'>;
}

export interface ComposerActions {
  typed(input: string): void;
  send(input: string): boolean;
  sendFiles(files: readonly File[], to: string | null): void;
  /** Whether files may go to `to` (null: the Lobby); says why not in a toast when they cannot. */
  canSendFilesTo(to: string | null): boolean;
}

const NOBODY_HERE = 'Nobody else is in the room to receive a file.';

export function createComposerActions(client: ComposerClient, deps: ComposerDeps): ComposerActions {
  const { identity, status, conversations, extras, files, toasts, remember } = deps;
  const { me, users, canonical } = identity;
  const { active, open: openConversation } = conversations;

  /** Adds the row of a message just queued, as 'sending'. */
  const queueLine = (id: string, line: Omit<LogLine, 'key' | 'at' | 'state'> & { cid: number }) =>
    conversations.edit(id, (lines) =>
      appendLine(lines, { ...line, key: `cid:${line.cid}`, at: identity.roomNow(), state: 'sending' }),
    );

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

  /** Where files for `to` go (null: the Lobby), or undefined after saying why they cannot. */
  const fileRecipient = (to: string | null): string | null | undefined => {
    if (to !== null) return privateRecipient(to) ?? undefined;
    // Comfort check: the room would store a Lobby file for nobody and delete it at once.
    if (status.value === 'connected' && users.value.length <= 1) {
      toasts.show(NOBODY_HERE);
      return undefined;
    }
    return null;
  };

  return {
    typed(input) {
      const intent = parseComposerInput(input, active.value.peer);
      if (intent.kind === 'public' && intent.text.trim() !== '') extras.typed(null);
      else if (intent.kind === 'private' && intent.text.trim() !== '') extras.typed(canonical(intent.to));
    },
    send(input) {
      const self = me.value;
      if (!self) return false;
      const messages = deps.messages;
      if (messages?.editing.peek()) return messages.saveEdit(input);
      const intent = parseComposerInput(input, active.value.peer);
      try {
        switch (intent.kind) {
          case 'empty':
            return false;
          case 'invalid':
            toasts.show(intent.message);
            return false;
          case 'public': {
            const replyTo = messages?.replyFor(LOBBY);
            const queued = client.sendPublic(intent.text, replyTo);
            extras.sent(null);
            deps.sentPublic?.();
            queueLine(LOBBY, { kind: 'public', from: self, text: intent.text, cid: queued.cid, replyTo });
            if (replyTo !== undefined) messages?.cancelReply();
            break;
          }
          case 'file':
            // The composer opens the file picker for these; nothing to send as text.
            return false;
          case 'private': {
            // No tab for a whisper that cannot go.
            const to = privateRecipient(intent.to);
            if (to === null || deps.confirmFirst?.(to)) return false;
            const replyTo = messages?.replyFor(conversationId(to));
            const queued = client.sendPrivate(to, intent.text, replyTo);
            if (replyTo !== undefined) messages?.cancelReply();
            extras.sent(to);
            openConversation(to, true);
            queueLine(conversationId(to), {
              kind: 'private',
              from: self,
              to,
              text: intent.text,
              cid: queued.cid,
              replyTo,
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
    canSendFilesTo(to) {
      return fileRecipient(to) !== undefined;
    },
    sendFiles(picked, to) {
      if (!me.value || picked.length === 0) return;
      const recipient = fileRecipient(to);
      // A private file to an identity that changed after it was verified waits for the same
      // confirmation as a message; pick the file again once it is given.
      if (recipient !== undefined && recipient !== null && deps.confirmFirst?.(recipient)) return;
      if (recipient !== undefined) void files.send(picked, recipient);
    },
  };
}
