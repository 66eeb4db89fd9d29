// Turns each message from the room into ChatClient's events. Chat messages are tracked by the
// room's ids: a second copy is dropped, and a resumed join asks only for what came after the newest.
// Joins, roster changes and errors change the session, so the router hands those back to ChatClient.

import type { ServerMessageOf } from '#protocol/server-messages';
import type { ClientEvents, InboundMessage } from './client-events';
import { RoomError } from './room-error';
import type { SendQueue } from './send-queue';

export interface RouterHost {
  /** Echoes, acks and refusals settle the queued messages they answer. */
  readonly queue: SendQueue;
  emit<K extends keyof ClientEvents>(event: K, payload: ClientEvents[K]): void;
  joined(message: ServerMessageOf<'joined'>): void;
  presence(message: ServerMessageOf<'presence'>): void;
  roomError(error: RoomError): void;
}

export class MessageRouter {
  /**
   * The newest message id received live (history pages aside). The room's ids only grow along one
   * socket, so anything at or below it is a second copy; a resumed join asks for what came after it.
   */
  private lastId = 0;
  /** Set by the first page after a join: from then on a resume asks for `since` instead of a page. */
  private historyLoaded = false;

  constructor(private readonly host: RouterHost) {}

  /** What a resumed join adds to ask for the messages it missed (nothing before the first page). */
  resumeFields(): { since?: number } {
    return this.historyLoaded ? { since: this.lastId } : {};
  }

  /** A room message after the end-to-end layer (e2e/e2e-link.ts) opened what it could. */
  route(message: InboundMessage): void {
    switch (message.type) {
      case 'joined':
        this.host.joined(message);
        return;
      case 'presence':
        this.host.presence(message);
        return;
      case 'msg':
      case 'pm':
        if (message.cid !== undefined) this.host.queue.settle(message.cid);
        if (message.id <= this.lastId) return;
        this.lastId = message.id;
        this.host.emit('message', message);
        return;
      case 'reaction':
      case 'edited':
      case 'deleted':
        // Events share the messages' sequence: `seq` counts towards what a resume asks for.
        if (message.seq <= this.lastId) return;
        this.lastId = message.seq;
        this.host.emit('messageEvent', message);
        return;
      case 'history':
        if (message.before === undefined) {
          this.historyLoaded = true;
          for (const m of message.messages) this.lastId = Math.max(this.lastId, m.id);
        }
        this.host.emit('history', message);
        return;
      case 'search_results':
        this.host.emit('searchResults', message);
        return;
      case 'typing':
        this.host.emit('typing', message);
        return;
      case 'receipt':
        this.host.emit('receipt', message);
        return;
      case 'keys':
        // Taken in by the end-to-end layer before routing.
        return;
      case 'ack':
        if (this.host.queue.settle(message.cid)) this.host.emit('acked', message.cid);
        return;
      case 'error':
        this.host.roomError(
          new RoomError(message.code, message.message, message.cid, {
            fileId: message.fileId,
            ref: message.ref,
            retryMs: message.retryMs,
          }),
        );
        return;
      case 'room_settings':
      case 'role':
      case 'system':
      case 'moderated':
        this.host.emit('moderation', message);
        return;
      case 'room_key':
        // Taken in by SecureChannel (broadcast-receiver.ts); never routed.
        return;
      case 'file_ready':
      case 'file_ack':
      case 'file_stored':
      case 'file_offered':
      case 'file_queued':
      case 'file_declined':
      case 'file_delivered':
      case 'file_cancelled':
      case 'file_failed':
        this.host.emit('file', message);
        return;
      default:
        message satisfies never;
    }
  }
}
