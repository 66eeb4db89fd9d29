// The text of a bench message: a scenario tag and a sequence number the receivers parse back,
// padded to a typical chat-line length so that frames have a realistic size.

export const MESSAGE_CHARS = 80;
const FILLER = ' the quick brown fox jumps over the lazy dog'.repeat(4);

export function messageText(tag: string, seq: number): string {
  const head = `${tag}:${seq}:`;
  return head + FILLER.slice(0, Math.max(1, MESSAGE_CHARS - head.length));
}

/** The sequence number of a message sent with `tag`, or null for anything else. */
export function parseSeq(tag: string, text: string): number | null {
  if (!text.startsWith(`${tag}:`)) return null;
  const end = text.indexOf(':', tag.length + 1);
  const seq = Number(text.slice(tag.length + 1, end));
  return end > 0 && Number.isInteger(seq) ? seq : null;
}
