// Vite plugin: after `vite build`, prints every JavaScript chunk with its gzipped size and the
// first-load total against the budget (scripts/bundle-budget.ts).

import type { Plugin } from 'vite';
import { bundleReport, type ChunkInfo, formatReport } from './bundle-budget.ts';

export function bundleSizeReport(): Plugin {
  return {
    name: 'chatspace:bundle-size-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkInfo[] = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? [output] : [],
      );
      // Printed directly: `npm run build` runs Vite at --logLevel warn, which hides its own table.
      console.log(`\n${formatReport(bundleReport(chunks))}\n`);
    },
  };
}
