// When a new message should make a sound or a desktop notification. Pure, so it is unit-tested;
// page/message-alerts.ts applies it to the messages the client receives.

/** At most one chime this often, so a busy Lobby does not ring continuously. */
export const CHIME_GAP_MS = 2_000;

export interface IncomingMessage {
  kind: 'public' | 'private';
  fromMe: boolean;
  /** It mentions us (mentioned.ts): it notifies like a private message, and rings even in a busy Lobby. */
  mention?: boolean;
}

export interface AlertContext {
  /** The page is visible and the window focused. */
  attending: boolean;
  soundOn: boolean;
  /** Opted in and the browser granted the permission. */
  notificationsOn: boolean;
  now: number;
  /** When the last chime played, or null if none has. */
  lastChimeAt: number | null;
}

export interface AlertDecision {
  chime: boolean;
  notify: boolean;
}

export function alertFor(message: IncomingMessage, context: AlertContext): AlertDecision {
  if (message.fromMe || context.attending) return { chime: false, notify: false };
  const quiet = context.lastChimeAt === null || context.now - context.lastChimeAt >= CHIME_GAP_MS;
  const mention = message.mention === true;
  return {
    // A mention is for us: the gap that quiets a busy Lobby must not swallow it.
    chime: context.soundOn && (quiet || mention),
    // Private messages and mentions only: the Lobby would notify for every line.
    notify: context.notificationsOn && (message.kind === 'private' || mention),
  };
}
