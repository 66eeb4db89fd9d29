// Where a run writes its files: bench/results/ (git-ignored), all named after the run's start time.

import { join } from 'node:path';
import { REPO_ROOT } from './server';

export const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
export const RUN_STAMP = new Date().toISOString().replace(/[:.]/g, '-');
