// The first-load JavaScript budget (scripts/bundle-budget.ts): a real production build of the
// client, in memory, must load at most 60 kB of gzipped JavaScript before anything lazy, and the
// emoji picker and shortcode table must be lazy chunks. Also the chunk-graph logic on its own.

import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  bundleReport,
  type ChunkInfo,
  formatReport,
  INITIAL_JS_BUDGET_BYTES,
  initialChunkNames,
} from '../../../scripts/bundle-budget';

const ROOT = process.cwd();

function chunk(fileName: string, code: string, more: Partial<ChunkInfo> = {}): ChunkInfo {
  return { fileName, code, isEntry: false, facadeModuleId: null, imports: [], dynamicImports: [], ...more };
}

describe('initialChunkNames', () => {
  it("counts index.html's entry and its static imports, not lazy chunks or another page's entry", () => {
    const chunks = [
      chunk('index.js', 'x', {
        isEntry: true,
        facadeModuleId: '/app/client/index.html',
        imports: ['shared.js'],
        dynamicImports: ['picker.js'],
      }),
      chunk('shared.js', 'x', { imports: ['deep.js'] }),
      chunk('deep.js', 'x'),
      chunk('picker.js', 'x', { imports: ['shared.js'] }),
      chunk('admin.js', 'x', {
        isEntry: true,
        facadeModuleId: '/app/client/admin.html',
        imports: ['shared.js'],
      }),
    ];
    expect([...initialChunkNames(chunks)].sort()).toEqual(['deep.js', 'index.js', 'shared.js']);
  });

  it('refuses a bundle without exactly one index.html entry', () => {
    expect(() =>
      initialChunkNames([chunk('a.js', 'x', { isEntry: true, facadeModuleId: '/x/admin.html' })]),
    ).toThrow(/one entry chunk for index.html/);
  });

  it('reports over budget when the first load exceeds it', () => {
    const big = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(10);
    const report = bundleReport(
      [chunk('index.js', big, { isEntry: true, facadeModuleId: '/c/index.html' })],
      10,
    );
    expect(report.withinBudget).toBe(false);
    expect(formatReport(report)).toContain('OVER BUDGET');
  });
});

describe('the production build', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it(`loads at most ${INITIAL_JS_BUDGET_BYTES / 1000} kB of gzipped JavaScript first, with the emoji parts lazy`, async () => {
    // Vitest runs with NODE_ENV=test, and Vite keeps an existing NODE_ENV: without this the build
    // would be a development one (Preact's debug module included), not what `npm run build` serves.
    vi.stubEnv('NODE_ENV', 'production');
    const result = (await build({
      configFile: resolve(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      // In memory: the test neither needs nor disturbs dist/.
      build: { write: false, emptyOutDir: false },
    })) as Rolldown.RolldownOutput;
    const chunks = result.output.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
    const report = bundleReport(chunks);

    expect(report.initialGzipBytes, formatReport(report)).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
    const lazy = report.chunks.filter((c) => !c.initial).map((c) => c.fileName);
    expect(lazy).toContainEqual(expect.stringMatching(/emoji-picker-element/));
    expect(lazy).toContainEqual(expect.stringMatching(/emoji-shortcodes/));
    // The emoji data is a static asset of this build, fetched from our own origin.
    const assets = result.output.filter((o) => o.type === 'asset').map((o) => o.fileName);
    expect(assets).toContainEqual(expect.stringMatching(/^assets\/data-[\w-]+\.json$/));
  }, 120_000);
});
