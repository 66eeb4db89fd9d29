// The worker bundled once, for a `wrangler dev` that must not rebuild during a long test run.
// `wrangler dev` watches every source file of the worker with esbuild and rebuilds on a change;
// on a loaded 2-core machine such a rebuild has crashed esbuild ("all goroutines are asleep"),
// taking the server and every remaining browser test with it. So the browser tests bundle the
// worker here (`wrangler deploy --dry-run`, the deploy's own build) and run it with `no_bundle`
// from a config in the run's directory, which nothing else touches.

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Bundles the worker of `root` into `dir` and writes `dir`/wrangler.toml: the project's config
 * with `main` set to that bundle (not rebuilt) and the static assets taken from `assetsDir`.
 * Returns the config's path, for `wrangler dev --config`.
 */
export async function prebuildWorker(root: string, dir: string, assetsDir: string): Promise<string> {
  const outdir = join(dir, 'worker');
  await run(
    process.execPath,
    [resolve(root, 'node_modules/wrangler/bin/wrangler.js'), 'deploy', '--dry-run', '--outdir', outdir],
    {
      cwd: root,
      env: { ...process.env, CLOUDFLARE_CF_FETCH_ENABLED: 'false', WRANGLER_SEND_METRICS: 'false' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  const config = rewrite(readFileSync(join(root, 'wrangler.toml'), 'utf8'), [
    [/^main = ".*"$/m, `main = ${JSON.stringify(join(outdir, 'index.js'))}\nno_bundle = true`],
    [/^directory = ".*"$/m, `directory = ${JSON.stringify(assetsDir)}`],
  ]);
  const path = join(dir, 'wrangler.toml');
  writeFileSync(path, config);
  return path;
}

function rewrite(text: string, edits: [RegExp, string][]): string {
  let out = text;
  for (const [pattern, replacement] of edits) {
    if (!pattern.test(out)) throw new Error(`wrangler.toml has no line matching ${pattern}`);
    out = out.replace(pattern, replacement);
  }
  return out;
}
