// The deployable bundle: `wrangler deploy --dry-run` must build the worker with the client
// assets, offline, and export the Durable Object classes that wrangler.toml binds (ChatRoom and
// RoomDirectory; the bundler may rename the second import of DurableObject, e.g. DurableObject2).
// Needs the client build in dist/client (`npm test` runs `npm run build` first).

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = process.cwd();

describe('the deploy bundle', () => {
  it('builds with wrangler deploy --dry-run and exports the ChatRoom and RoomDirectory classes', async () => {
    if (!existsSync(join(ROOT, 'dist/client/index.html'))) {
      throw new Error('dist/client/index.html is missing: run `npm run build` before the unit tests.');
    }
    const outdir = await mkdtemp(join(tmpdir(), 'chatspace-bundle-'));
    try {
      const result = await run('npx', ['wrangler', 'deploy', '--dry-run', '--outdir', outdir], {
        cwd: ROOT,
        timeout: 110_000,
        maxBuffer: 16 * 1024 * 1024,
        env: {
          ...process.env,
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
          WRANGLER_SEND_METRICS: 'false',
          CI: '1',
        },
      }).catch((error: Error & { code?: number; stdout?: string; stderr?: string }) => {
        throw new Error(
          `wrangler deploy --dry-run failed (exit ${error.code}):\n${error.stdout ?? ''}\n${error.stderr ?? ''}`,
        );
      });
      expect(result.stdout).toContain('--dry-run: exiting now.');

      const bundle = await readFile(join(outdir, 'index.js'), 'utf8');
      for (const name of ['ChatRoom', 'RoomDirectory']) {
        expect(bundle).toMatch(
          new RegExp(
            `\\b${name} = class extends DurableObject\\d*\\b|\\bclass ${name} extends DurableObject\\d*\\b`,
          ),
        );
        expect(bundle).toMatch(new RegExp(`export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`));
      }
      expect(bundle).toMatch(/export\s*\{[^}]*\bas default\b[^}]*\}/);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  }, 120_000);
});
