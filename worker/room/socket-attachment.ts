// What each socket remembers across hibernation, stored with serializeAttachment and checked
// with a schema when read back. Small and versioned: raw key bytes, not a CryptoKey.

import * as v from 'valibot';

const Attachment = v.object({
  v: v.literal(1),
  /** base64url challenge from the hello frame. */
  challenge: v.string(),
  /** Raw AES-256 key bytes, once the key frame has been unwrapped. */
  key: v.optional(v.instance(Uint8Array)),
  /** The challenge came back inside the first encrypted frame. */
  authed: v.boolean(),
  /** Next client→server sequence number expected. */
  recv: v.number(),
  /** Display name once joined. */
  name: v.optional(v.string()),
  /** The session that owns this name's private history; kept across resumes (see handlers/join.ts). */
  session: v.optional(v.string()),
  /**
   * A resume replay still running (handlers/history.ts): every stored message after `after` the
   * session may see is still to come, page by page as the client acknowledges. Kept here so that an
   * eviction mid-replay loses nothing.
   */
  replay: v.optional(
    v.object({
      after: v.pipe(v.number(), v.integer(), v.minValue(0)),
      /** The `since` it began at: events about later messages are not replayed (they come with them). */
      since: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
    }),
  ),
  /** The join proved the deployment's ADMIN_TOKEN (handlers/join.ts): a yes or no, never the token. */
  admin: v.optional(v.boolean()),
  /** The socket proved it owns the room (moderation/owner-proof.ts): a yes, never the token. */
  owner: v.optional(v.boolean()),
  /** Highest client message id handled, to drop resends after a reconnect. */
  lastCid: v.number(),
  connectedAt: v.number(),
  /** Keyed digest of the client's IP (admission/ip-digest.ts), to count sockets per IP; never the IP. */
  ip: v.optional(v.string()),
  /** Last frame from the client (heartbeats are tracked by the runtime instead). */
  lastSeen: v.number(),
});

export type SocketAttachment = v.InferOutput<typeof Attachment>;

export function newAttachment(challenge: string, now: number, ip?: string): SocketAttachment {
  return {
    v: 1,
    challenge,
    authed: false,
    recv: 0,
    lastCid: -1,
    connectedAt: now,
    lastSeen: now,
    ...(ip === undefined ? {} : { ip }),
  };
}

/** Returns null for a socket whose attachment is missing or not ours (it is then closed). */
export function readAttachment(ws: WebSocket): SocketAttachment | null {
  const result = v.safeParse(Attachment, ws.deserializeAttachment());
  return result.success ? result.output : null;
}

export function writeAttachment(ws: WebSocket, attachment: SocketAttachment): void {
  ws.serializeAttachment(attachment);
}
