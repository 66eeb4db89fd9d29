// Reads what the person typed in the composer: `/w name text` whispers to name, `/file` picks a
// file for the Lobby and `/filew name` one for name alone; any other `/word` is an unknown
// command (`//` sends a leading slash); plain text goes to the current conversation (the lobby or
// a private tab's peer). Pure, so it is unit-tested.

import { MAX_MESSAGE_CHARS } from '#protocol/limits';
import { countCodePoints } from '#protocol/message-text';

export type ComposerIntent =
  | { kind: 'empty' }
  | { kind: 'public'; text: string }
  | { kind: 'private'; to: string; text: string }
  /** Open the file picker for `to` (a username), or for the Lobby when null. */
  | { kind: 'file'; to: string | null }
  | { kind: 'invalid'; message: string };

const WHISPER = /^\/w(?:\s+(\S+)(?:\s+([\s\S]*))?)?$/i;
const WHISPER_PREFIX = /^\/w(?:\s|$)/i;

export const WHISPER_USAGE = 'To whisper, type /w name message.';

const FILE_COMMAND = /^\/file(w)?(?:\s+(\S+))?$/i;
const FILE_PREFIX = /^\/filew?(?:\s|$)/i;

export const FILE_USAGE = 'To share a file, type /file (everyone) or /filew name (one person).';

/** A word after a slash, then a space or the end: a command, not a path like /usr/bin. */
const COMMAND_WORD = /^\/([a-z]+)(?:\s|$)/i;

export function unknownCommand(command: string): string {
  return `There is no command /${command}. Commands: /w name message, /file, /filew name. To send text that starts with a slash, begin it with //.`;
}

/** `peer` is the private tab's username, or null in the lobby. */
export function parseComposerInput(input: string, peer: string | null): ComposerIntent {
  if (input.trim().length === 0) return { kind: 'empty' };
  if (WHISPER_PREFIX.test(input.trimStart())) {
    const match = WHISPER.exec(input.trim());
    const to = match?.[1];
    const text = match?.[2] ?? '';
    if (!to || text.trim().length === 0) return { kind: 'invalid', message: WHISPER_USAGE };
    return { kind: 'private', to, text };
  }
  if (FILE_PREFIX.test(input.trimStart())) {
    const match = FILE_COMMAND.exec(input.trim());
    if (!match) return { kind: 'invalid', message: FILE_USAGE };
    const [, privately, to] = match;
    if (privately ? !to : to) return { kind: 'invalid', message: FILE_USAGE };
    return { kind: 'file', to: to ?? null };
  }
  const start = input.trimStart();
  // "//text" sends "/text".
  const text = start.startsWith('//') ? start.slice(1) : input;
  if (text === input) {
    const command = COMMAND_WORD.exec(start);
    if (command) return { kind: 'invalid', message: unknownCommand(command[1] ?? '') };
  }
  return peer === null ? { kind: 'public', text } : { kind: 'private', to: peer, text };
}

/** The counter shown near the limit: null while far from it. */
export function charCounter(
  text: string,
  showFrom = MAX_MESSAGE_CHARS - 500,
): { used: number; max: number; over: boolean } | null {
  // Cheap bound first: n UTF-16 units hold at most n code points.
  if (text.length < showFrom) return null;
  const used = countCodePoints(text);
  if (used < showFrom) return null;
  return { used, max: MAX_MESSAGE_CHARS, over: used > MAX_MESSAGE_CHARS };
}
