// Modules that exist only in the Vite build (scripts/emoji-plugins.ts).

declare module 'virtual:emoji-shortcodes' {
  /** [shortcode, emoji] pairs, GitHub's shortcodes from the emojibase data, in the picker's order. */
  const pairs: readonly (readonly [string, string])[];
  export default pairs;
}
