// Vite plugin: after `vite build`, prints every JavaScript chunk with its gzipped size and the
// first-load total against the budget (scripts/bundle-budget.ts). Quiet at --logLevel silent.

import type { Plugin } from 'vite';
import { bundleReport, type ChunkInfo, formatReport } from './bundle-budget.ts';

export function bundleSizeReport(): Plugin {
  let silent = false;
  return {
    name: 'chatspace:bundle-size-report',
    apply: 'build',
    configResolved(config) {
      silent = config.logLevel === 'silent';
    },
    generateBundle(_options, bundle) {
      if (silent) return;
      const chunks: ChunkInfo[] = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? [output] : [],
      );
      // Printed directly: `npm run build` runs Vite at --logLevel warn, which hides its own table.
      console.log(`\n${formatReport(bundleReport(chunks))}\n`);
    },
  };
}
