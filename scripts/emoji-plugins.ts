// Vite plugins for the emoji features: the lazily imported shortcode table as a virtual module
// (built from the local emojibase data, so nothing comes from a CDN), and a build-time patch that
// lets emoji-picker-element run under our CSP (`style-src 'self'`, no 'unsafe-inline').

import type { Plugin } from 'vite';
import { readEmojiData, shortcodePairs } from './emoji-shortcode-table.ts';

export const SHORTCODES_MODULE = 'virtual:emoji-shortcodes';
const RESOLVED_SHORTCODES = `\0${SHORTCODES_MODULE}`;

/** `import pairs from 'virtual:emoji-shortcodes'`: [shortcode, emoji][] (see client/ui/emoji). */
export function emojiShortcodes(): Plugin {
  return {
    name: 'chatspace:emoji-shortcodes',
    resolveId: (id) => (id === SHORTCODES_MODULE ? RESOLVED_SHORTCODES : null),
    load(id) {
      if (id !== RESOLVED_SHORTCODES) return null;
      // JSON.parse of a string literal parses faster than the same data as an object literal.
      const json = JSON.stringify(shortcodePairs(readEmojiData()));
      return `export default JSON.parse(${JSON.stringify(json)});`;
    },
  };
}

/**
 * emoji-picker-element styles its shadow DOM with a <style> element and sets `style` attributes
 * with setAttribute; a CSP without 'unsafe-inline' blocks both. Constructed stylesheets and CSSOM
 * writes (`element.style.cssText`) are not inline styles, so the patch swaps in those. Each
 * replacement must match exactly once: an upgrade that changes the code fails the build instead
 * of shipping a picker without styles.
 */
const PICKER_PATCHES: readonly (readonly [string, string])[] = [
  [
    "const style = document.createElement('style');\n    style.textContent = baseStyles + EXTRA_STYLES;\n    this.shadowRoot.appendChild(style);",
    'const sheet = new CSSStyleSheet();\n    sheet.replaceSync(baseStyles + EXTRA_STYLES);\n    this.shadowRoot.adoptedStyleSheets = [sheet];',
  ],
  [
    'targetNode.setAttribute(attributeName, newValue);',
    "if (attributeName === 'style') targetNode.style.cssText = newValue;\n        else targetNode.setAttribute(attributeName, newValue);",
  ],
];

export function patchPickerSource(code: string): string {
  let patched = code;
  for (const [from, to] of PICKER_PATCHES) {
    const parts = patched.split(from);
    if (parts.length !== 2) {
      throw new Error(
        `emoji-picker-element changed: expected one occurrence of ${JSON.stringify(from)}, found ${parts.length - 1}`,
      );
    }
    patched = parts.join(to);
  }
  return patched;
}

export function cspSafeEmojiPicker(): Plugin {
  return {
    name: 'chatspace:csp-safe-emoji-picker',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]emoji-picker-element[\\/]picker\.js$/.test(id.split('?')[0] ?? '')) return null;
      return { code: patchPickerSource(code), map: null };
    },
  };
}
