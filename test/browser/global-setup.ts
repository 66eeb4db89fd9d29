// Global setup for the browser project: checks that the client is built and that Chromium is
// there (browser tests are never skipped silently), starts `wrangler dev` on a random port with
// fresh state, on snapshots of the client and of the bundled worker (prebuilt-worker.ts), and
// provides its URL to the tests. Teardown stops wrangler and workerd.

import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findChromium } from '../../scripts/chromium';
import { startControlServer } from '../support/control-server';
import { freePort } from '../support/free-port';
import { prebuildWorker } from '../support/prebuilt-worker';
import { WranglerDev } from '../support/wrangler-dev';
import './support/provided';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = resolve(import.meta.dirname, '../..');
  if (!existsSync(join(root, 'dist/client/index.html'))) {
    throw new Error('dist/client/index.html is missing: run `npm run build` before the browser tests.');
  }
  const chromiumPath = findChromium();
  if (!chromiumPath) {
    throw new Error(
      'The browser tests need Chromium and none was found. Set CHROMIUM_PATH, install Debian\'s "chromium" ' +
        'package, or run `npx tsx scripts/ensure-chromium.ts` for the exact command.',
    );
  }

  // Fresh state for every run, and a snapshot of the built client so that a rebuild during the
  // run (which makes wrangler dev reload and drop every socket) cannot disturb it.
  const runDir = mkdtempSync(join(tmpdir(), 'chatspace-browser-'));
  const persistDir = join(runDir, 'state');
  const assetsDir = join(runDir, 'client');
  cpSync(join(root, 'dist/client'), assetsDir, { recursive: true });
  // The worker too, bundled once: wrangler dev then has no sources to watch and rebuild.
  const config = await prebuildWorker(root, runDir, assetsDir);
  // The admin API is on for these tests (a developer's own .dev.vars token is overridden).
  const adminToken = `browser-tests-${randomUUID()}`;
  const wrangler = new WranglerDev({
    port: await freePort(),
    persistDir,
    config,
    cwd: root,
    // Every page connects from 127.0.0.1: the per-IP socket cap (20 by default) must not count them together.
    vars: { ADMIN_TOKEN: adminToken, MAX_SOCKETS_PER_IP: '10000' },
  });
  const cleanUp = async () => {
    try {
      await wrangler.stop();
    } finally {
      rmSync(runDir, { recursive: true, force: true });
    }
  };
  try {
    await wrangler.start();
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const control = await startControlServer(wrangler);

  project.provide('baseUrl', wrangler.url);
  project.provide('persistDir', persistDir);
  project.provide('chromiumPath', chromiumPath);
  project.provide('controlUrl', control.url);
  project.provide('adminToken', adminToken);

  return async () => {
    try {
      await control.close();
    } finally {
      await cleanUp();
    }
  };
}
