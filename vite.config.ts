// Builds the Preact client from client/ into dist/client, which wrangler serves as static assets:
// the chat page and, as a second entry, the /admin page. The emoji picker, its data and the
// shortcode table are lazy chunks and assets of this build; the build prints every chunk's
// gzipped size against the chat page's first-load budget.

import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { bundleSizeReport } from './scripts/bundle-report-plugin.ts';
import { cspSafeEmojiPicker, emojiShortcodes } from './scripts/emoji-plugins.ts';

export default defineConfig({
  root: 'client',
  plugins: [preact(), emojiShortcodes(), cspSafeEmojiPicker(), bundleSizeReport()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    // No inline polyfill script: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
    target: 'es2022',
    // Two pages: the chat (index.html) and the operator's /admin page, whose code the chat never loads.
    rolldownOptions: {
      input: {
        index: resolve(import.meta.dirname, 'client/index.html'),
        admin: resolve(import.meta.dirname, 'client/admin.html'),
      },
    },
  },
});
