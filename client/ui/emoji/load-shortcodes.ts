// Loads the shortcode table on first use (a lazy chunk of about 15 kB gzipped, generated at build
// time from the local emoji data), once; a failed load is retried the next time it is asked for.

import { createShortcodeTable, type ShortcodeTable } from './shortcodes';

let loading: Promise<ShortcodeTable> | null = null;
let loaded: ShortcodeTable | null = null;

/** The table if it has loaded already (so a remounted composer does not wait for it again). */
export const loadedShortcodes = (): ShortcodeTable | null => loaded;

export function loadShortcodes(): Promise<ShortcodeTable> {
  loading ??= import('virtual:emoji-shortcodes').then(
    (module) => {
      loaded = createShortcodeTable(module.default);
      return loaded;
    },
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}
