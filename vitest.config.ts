// Four test projects: pure unit tests in Node, worker integration tests inside workerd
// (@cloudflare/vitest-plugin), the sharded-room prototype's tests inside workerd (its own wrangler
// config), and browser tests that drive real Chromium against `wrangler dev`.

import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The room's structured event logs (worker/room/log.ts) are noise in test output.
    onConsoleLog: (log) => !log.startsWith('{"event"'),
    // A room's reports to the RoomDirectory are fire-and-forget by design (worker/room/
    // directory-reporter.ts): when a worker test file ends while one is still on its way, the pool
    // tears the file's isolate down under it and reports "Closing rpc while "resolve" was pending"
    // after every test has passed. That teardown error alone is not a failure of the code under test;
    // every other unhandled error still fails the run.
    onUnhandledError: (error) =>
      !(error.name === 'EnvironmentTeardownError' && error.message.includes('Closing rpc while')),
    projects: [
      {
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                RATE_LIMIT_PER_SEC: '50',
                RATE_LIMIT_BURST: '60',
                LOG_EVENTS: 'off',
                // The admin API is on for these tests (it is off without a token, or with one under 32
                // characters); tests read it from env.
                ADMIN_TOKEN: 'worker-tests-admin-token-0123456789abcdef',
                // A low room-wide socket cap, so that the admission test can reach it quickly.
                MAX_MEMBERS: '60',
                // Sockets in the key exchange at once: low for the admission test, above the per-IP
                // default (20) so that the per-IP cap is met first, and under MAX_MEMBERS.
                MAX_PENDING_HANDSHAKES: '30',
                // A low row cap, so that the retention test can reach it quickly.
                AUDIT_MAX_ROWS: '1000',
                // A small staged-bytes allowance (30 MiB), so that the quota test needs no big offers.
                MAX_STAGED_BYTES_PER_USER: String(30 * 1024 * 1024),
                // A low reaction cap (default 20), so that the cap test reaches it with a few reactions.
                MAX_REACTIONS_PER_MESSAGE: '6',
                // A short ack timeout, so that the slow-consumer test need not wait 20 s; three times the clients'
                // 2 s ack delay (FLOW_ACK_DELAY_MS), so that a loaded machine does not close readers that keep up.
                FLOW_ACK_TIMEOUT_MS: '6000',
                // Replays a failed run of the room fuzz test (test/worker/room-fuzz.test.ts); empty: a new seed.
                FUZZ_SEED: process.env.FUZZ_SEED ?? '',
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          exclude: ['test/worker/shard/**'],
          testTimeout: 30_000,
        },
      },
      {
        // The sharded-room prototype (docs/scaling.md), with its own bench-only wrangler config.
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.sharded.toml' },
            miniflare: { bindings: { ROOM_SHARDS: '4', LOG_EVENTS: 'off' } },
          }),
        ],
        test: { name: 'shard', include: ['test/worker/shard/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // What a page shows "soon" may take seconds on a loaded 2-core CI box (UI_TIMEOUT_MS).
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
