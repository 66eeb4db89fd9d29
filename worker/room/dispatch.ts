// Routes a checked message from a socket that has finished the key exchange to its handler.
// The `never` default makes adding a message type without a handler a compile error. Every
// message but `join` needs a joined socket: it is narrowed to JoinedSocket here, once.

import type { ClientMessage } from '../protocol/client-messages';
import type { FileClientMessage } from '../protocol/file-messages';
import { handleDownloadAck, handleFileAccept } from './files/download';
import { handleFileCancel, handleFileOutcome } from './files/file-outcome';
import { handleFileOffer, handleFileResume } from './files/upload';
import { handlePrivate, handlePublic } from './handlers/chat';
import { handleHistory, handleSearch } from './handlers/history';
import { handleJoin } from './handlers/join';
import { handleKeysRequest, handlePublishKeys } from './handlers/keys';
import { handleEdit, handleReact } from './handlers/message-events';
import { handleModeration } from './handlers/moderation';
import { handleReceipt } from './handlers/receipts';
import { handleTyping } from './handlers/typing';
import { isJoined, type JoinedSocket } from './joined-socket';
import type { LiveSocket } from './live-socket';
import { handleDeleteRequest } from './moderation/owner-delete';
import { postingRefusal } from './moderation/posting-guard';
import type { RoomContext } from './room-context';

export async function handleChatFrame(
  room: RoomContext,
  live: LiveSocket,
  msg: ClientMessage,
): Promise<void> {
  switch (msg.type) {
    case 'auth':
      return room.outbox.error(live, 'bad_field', { detail: 'the key exchange is already complete' });
    case 'join':
      return handleJoin(room, live, msg);
    case 'msg':
    case 'pm':
      if (!isJoined(live)) return room.outbox.error(live, 'not_joined', { cid: msg.cid });
      return msg.type === 'msg' ? handlePublic(room, live, msg) : handlePrivate(room, live, msg);
    case 'history':
    case 'search':
    case 'typing':
    case 'receipt':
    case 'publish_keys':
    case 'keys':
      if (!isJoined(live)) return room.outbox.error(live, 'not_joined');
      return handleConversationMessage(room, live, msg);
    case 'react':
    case 'edit':
    case 'delete':
      if (!isJoined(live)) return room.outbox.error(live, 'not_joined');
      if (msg.type !== 'delete' && refusedPosting(room, live)) return;
      return handleMessageEvent(room, live, msg);
    case 'owner':
    case 'topic':
    case 'visibility':
    case 'kick':
    case 'ban':
    case 'unban':
    case 'mute':
    case 'unmute':
    case 'slow_mode':
    case 'close_room':
      if (!isJoined(live)) return room.outbox.error(live, 'not_joined');
      return handleModeration(room, live, msg);
    case 'file_offer':
    case 'file_resume':
    case 'file_accept':
    case 'file_ack':
    case 'file_done':
    case 'file_decline':
    case 'file_cancel':
      if (!isJoined(live)) return room.outbox.error(live, 'not_joined');
      if (msg.type === 'file_offer' && refusedPosting(room, live, { ref: msg.ref })) return;
      return handleFileMessage(room, live, msg);
    default: {
      const unreachable: never = msg;
      return unreachable;
    }
  }
}

/** A muted member's edit, reaction or file offer is refused (moderation/posting-guard.ts). */
function refusedPosting(room: RoomContext, live: JoinedSocket, about: { ref?: number } = {}): boolean {
  const refusal = postingRefusal(room.moderation, live, false, room.now());
  if (refusal)
    room.outbox.error(live, refusal.code, { retryMs: refusal.retryMs, detail: refusal.detail, ...about });
  return refusal !== null;
}

type ConversationMessage = Extract<
  ClientMessage,
  { type: 'history' | 'search' | 'typing' | 'receipt' | 'publish_keys' | 'keys' }
>;

/** History, search, typing, receipts and end-to-end keys from a joined socket. */
async function handleConversationMessage(
  room: RoomContext,
  live: JoinedSocket,
  msg: ConversationMessage,
): Promise<void> {
  switch (msg.type) {
    case 'history':
      return handleHistory(room, live, msg);
    case 'search':
      return handleSearch(room, live, msg);
    case 'typing':
      return handleTyping(room, live, msg);
    case 'receipt':
      return handleReceipt(room, live, msg);
    case 'publish_keys':
      return handlePublishKeys(room, live, msg);
    case 'keys':
      return handleKeysRequest(room, live, msg);
    default: {
      const unreachable: never = msg;
      return unreachable;
    }
  }
}

/** Reactions, edits and deletions from a joined socket (handlers/message-events.ts; an owner's delete: moderation/owner-delete.ts). */
function handleMessageEvent(
  room: RoomContext,
  live: JoinedSocket,
  msg: Extract<ClientMessage, { type: 'react' | 'edit' | 'delete' }>,
): void {
  switch (msg.type) {
    case 'react':
      handleReact(room, live, msg);
      return;
    case 'edit':
      handleEdit(room, live, msg);
      return;
    case 'delete':
      handleDeleteRequest(room, live, msg);
      return;
    default:
      msg satisfies never;
  }
}

/** File messages from a joined socket (worker/room/files). */
function handleFileMessage(room: RoomContext, live: JoinedSocket, msg: FileClientMessage): Promise<void> {
  switch (msg.type) {
    case 'file_offer':
      return handleFileOffer(room, live, msg);
    case 'file_resume':
      return handleFileResume(room, live, msg);
    case 'file_accept':
      return handleFileAccept(room, live, msg);
    case 'file_ack':
      return handleDownloadAck(room, live, msg);
    case 'file_done':
    case 'file_decline':
      return handleFileOutcome(room, live, msg);
    case 'file_cancel':
      return handleFileCancel(room, live, msg);
    default: {
      const unreachable: never = msg;
      return unreachable;
    }
  }
}
