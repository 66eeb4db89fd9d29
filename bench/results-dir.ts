// Where a run writes its files: bench/results/ (git-ignored), all named after the run's start time;
// and the one way every mode writes its JSON report there.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server';

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
export const RUN_STAMP = new Date().toISOString().replace(/[:.]/g, '-');

/** Writes `report` as bench/results/<stamp><suffix>.json (suffix "" or e.g. "-rooms") and says where. */
export function writeResults(suffix: string, report: object): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${RUN_STAMP}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
  return file;
}
