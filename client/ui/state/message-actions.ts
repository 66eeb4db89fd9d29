// What the message actions do: reply (the composer's banner, then reply_to on the next message to
// that conversation), react (toggling our reaction; the quick bar's most-used emoji), edit (the
// message's text in the composer; Enter saves) and delete. A model the chat store holds; the
// composer's send asks it first. Tested in test/unit/client/ui/state/message-actions.test.ts.

import { type Signal, signal } from '@preact/signals';
import { ERROR_MESSAGES } from '#protocol/errors';
import { EDIT_WINDOW_MS } from '#protocol/message-events';
import { messageTextProblem } from '#protocol/message-text';
import type { ChatClient } from '../../core/chat-client';
import type { Conversations } from './conversations';
import type { Identity } from './identity';
import type { LogLine } from './log-lines';
import { canEdit, lastOwn } from './message-updates';
import type { RecentEmoji } from './recent-emoji';
import type { ToastList } from './toasts';

/** The message a reply answers, in conversation `conversation`. */
export interface ReplyTarget {
  readonly conversation: string;
  readonly id: number;
  readonly from: string;
}
/** The message being edited in the composer, and its text when the edit began. */
export interface EditTarget {
  readonly conversation: string;
  readonly id: number;
  readonly text: string;
}

export type ActionsClient = Pick<ChatClient, 'sendMessageEvent'>;

export interface MessageActionsDeps {
  readonly identity: Pick<Identity, 'isMe' | 'roomNow'>;
  readonly conversations: Pick<Conversations, 'active'>;
  readonly toasts: Pick<ToastList, 'show'>;
  readonly recent: RecentEmoji;
}

export interface MessageActions {
  readonly replying: Signal<ReplyTarget | null>;
  readonly editing: Signal<EditTarget | null>;
  readonly recent: RecentEmoji;
  reply(line: LogLine): void;
  cancelReply(): void;
  /** The id a message going to `conversation` answers, if a reply to it is being written. */
  replyFor(conversation: string): number | undefined;
  /** Whether the edit action applies to `line` now (ours, confirmed, not sealed, within 24 h). */
  canEdit(line: LogLine): boolean;
  edit(line: LogLine): void;
  /**
   * Up in an empty composer: edits our last message here. False when there is none, or it is past
   * the edit window; one sealed end to end cannot be edited by the room, and a toast says so.
   */
  editLast(): boolean;
  cancelEdit(): void;
  /** Saves the composer's text as the edit; true when the composer can clear. */
  saveEdit(text: string): boolean;
  /** Adds (`on`) or takes back our reaction. */
  react(line: LogLine, emoji: string, on: boolean): void;
  remove(line: LogLine): void;
}

const OFFLINE = 'You are offline. Try again once the connection is back.';

export function createMessageActions(client: ActionsClient, deps: MessageActionsDeps): MessageActions {
  const { identity, conversations, toasts, recent } = deps;
  const replying = signal<ReplyTarget | null>(null);
  const editing = signal<EditTarget | null>(null);
  const here = () => conversations.active.peek().id;
  const editable = (line: LogLine) => canEdit(line, identity.isMe, identity.roomNow(), EDIT_WINDOW_MS);
  const send = (event: Parameters<ActionsClient['sendMessageEvent']>[0]) => {
    if (client.sendMessageEvent(event)) return true;
    toasts.show(OFFLINE);
    return false;
  };
  const startEdit = (line: LogLine) => {
    if (line.id === undefined) return;
    replying.value = null;
    editing.value = { conversation: here(), id: line.id, text: line.text };
  };

  return {
    replying,
    editing,
    recent,
    reply(line) {
      if (line.id === undefined || line.from === undefined) return;
      editing.value = null;
      replying.value = { conversation: here(), id: line.id, from: line.from };
    },
    cancelReply() {
      replying.value = null;
    },
    replyFor(conversation) {
      const target = replying.peek();
      return target?.conversation === conversation ? target.id : undefined;
    },
    canEdit: editable,
    edit(line) {
      if (editable(line)) startEdit(line);
    },
    editLast() {
      const line = lastOwn(conversations.active.peek().lines, identity.isMe);
      if (!line) return false;
      if (editable(line)) startEdit(line);
      else if (line.sealed) toasts.show(ERROR_MESSAGES.sealed_message);
      else return false;
      return true;
    },
    cancelEdit() {
      editing.value = null;
    },
    saveEdit(text) {
      const target = editing.peek();
      if (!target) return false;
      if (text.trim() === '') {
        toasts.show('A message cannot be empty. Use Delete to remove it.');
        return false;
      }
      const problem = messageTextProblem(text);
      if (problem) {
        toasts.show(ERROR_MESSAGES[problem]);
        return false;
      }
      if (text !== target.text && !send({ type: 'edit', id: target.id, text })) return false;
      editing.value = null;
      return true;
    },
    react(line, emoji, on) {
      if (line.id === undefined || line.deleted) return;
      if (send({ type: 'react', id: line.id, emoji, on }) && on) recent.used(emoji);
    },
    remove(line) {
      if (line.id === undefined) return;
      if (editing.peek()?.id === line.id) editing.value = null;
      if (replying.peek()?.id === line.id) replying.value = null;
      send({ type: 'delete', id: line.id });
    },
  };
}
