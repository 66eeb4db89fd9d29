// The first-load JavaScript budget: which chunks index.html loads before anything is lazily
// imported, their gzipped sizes, and the table `npm run build` prints. Shared by the Vite plugin
// (scripts/bundle-report-plugin.ts) and the unit test that fails the build over budget.

import { gzipSync } from 'node:zlib';

/** 60 kB of gzipped JavaScript for the first page load (kB = 1,000 bytes). */
export const INITIAL_JS_BUDGET_BYTES = 60_000;

/** The fields of a Rollup/Rolldown output chunk the report needs. */
export interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  facadeModuleId: string | null;
  /** Static imports: loaded with the chunk. */
  imports: readonly string[];
  /** `import()`ed chunks: loaded only when the code asks for them. */
  dynamicImports: readonly string[];
}

export interface ChunkSize {
  fileName: string;
  bytes: number;
  gzipBytes: number;
  /** Loaded by index.html on the first page load. */
  initial: boolean;
}

export interface BundleReport {
  chunks: ChunkSize[];
  initialGzipBytes: number;
  budgetBytes: number;
  withinBudget: boolean;
}

/** The entry chunk of `page` (index.html by default; other HTML entries are other pages). */
function entryChunk(chunks: readonly ChunkInfo[], page: string): ChunkInfo {
  const entries = chunks.filter(
    (c) => c.isEntry && c.facadeModuleId?.replaceAll('\\', '/').endsWith(`/${page}`),
  );
  const [entry] = entries;
  if (!entry || entries.length !== 1) {
    throw new Error(`expected one entry chunk for ${page}, found ${entries.length}`);
  }
  return entry;
}

/** The entry chunk and everything it imports statically, transitively. */
export function initialChunkNames(chunks: readonly ChunkInfo[], page = 'index.html'): Set<string> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const initial = new Set<string>();
  const visit = (chunk: ChunkInfo) => {
    if (initial.has(chunk.fileName)) return;
    initial.add(chunk.fileName);
    for (const name of chunk.imports) {
      const imported = byName.get(name);
      if (imported) visit(imported);
    }
  };
  visit(entryChunk(chunks, page));
  return initial;
}

export function gzipBytes(code: string): number {
  return gzipSync(code, { level: 9 }).length;
}

export function bundleReport(
  chunks: readonly ChunkInfo[],
  budgetBytes = INITIAL_JS_BUDGET_BYTES,
): BundleReport {
  const initial = initialChunkNames(chunks);
  const sizes = chunks
    .map((c) => ({
      fileName: c.fileName,
      bytes: Buffer.byteLength(c.code),
      gzipBytes: gzipBytes(c.code),
      initial: initial.has(c.fileName),
    }))
    .sort((a, b) => Number(b.initial) - Number(a.initial) || b.gzipBytes - a.gzipBytes);
  const initialGzipBytes = sizes.filter((c) => c.initial).reduce((sum, c) => sum + c.gzipBytes, 0);
  return { chunks: sizes, initialGzipBytes, budgetBytes, withinBudget: initialGzipBytes <= budgetBytes };
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

/** The table `npm run build` prints. */
export function formatReport(report: BundleReport): string {
  const rows = report.chunks.map((c) => [
    c.fileName,
    c.initial ? 'first load' : 'lazy',
    kB(c.bytes),
    kB(c.gzipBytes),
  ]);
  const header = ['JavaScript chunk', 'loaded', 'size', 'gzip'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  const verdict = report.withinBudget ? 'within budget' : 'OVER BUDGET';
  return [
    line(header),
    ...rows.map(line),
    `First-load JavaScript: ${kB(report.initialGzipBytes)} gzipped of a ${kB(report.budgetBytes)} budget (${verdict}).`,
  ].join('\n');
}
