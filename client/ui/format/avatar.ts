// A sender's initials avatar: up to two initials from the name (`bob_smith` → BS, `AliceSmith` →
// AS, `carol` → C) and one of AVATAR_COLOURS colours, chosen by a hash of the name (ignoring case,
// as usernames do) so everyone sees the same person in the same colour. The colours are
// `--avatar-N` in client/styles.css, AA-checked with their text in test/unit/client/theme-contrast.test.ts.

/** How many avatar colours styles.css defines (`.avatar--0` … `.avatar--7`). */
export const AVATAR_COLOURS = 8;

export function initials(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter((word) => word !== '');
  return words
    .slice(0, 2)
    .map((word) => [...word][0] ?? '')
    .join('')
    .toUpperCase();
}

/** FNV-1a over the lower-cased name's UTF-16 units, reduced to a colour index. */
export function avatarColour(name: string): number {
  let hash = 0x811c9dc5;
  for (const unit of name.toLowerCase()) {
    hash ^= unit.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS;
}
