// The CLI prints events from the real room: `npm run logs` (scripts/logs.ts) against the wrangler dev
// of the browser tests, after a headless client (the same core as the UI, over `ws`) joined and spoke.

import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ChatClient } from '../../client/core/chat-client';
import type { SocketLike } from '../../client/core/socket-like';
import { uniqueName } from './support/names';
import { adminToken, baseUrl } from './support/provided';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

describe('npm run logs against the running room', () => {
  it("prints a user's join and message (by size only), filtered by user", async () => {
    const name = uniqueName('cli');
    const text = 'seen by the log, but not its words';
    const client = new ChatClient({
      connect: () => new WebSocket(`${baseUrl().replace(/^http/, 'ws')}/ws`) as unknown as SocketLike,
    });
    try {
      await client.join(name);
      const echo = new Promise((done) => client.on('message', (m) => m.text === text && done(m)));
      client.sendPublic(text);
      await echo;
    } finally {
      client.close();
    }

    const { stdout } = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/logs.ts', '--url', baseUrl(), '--token', adminToken(), '--user', name, '--since', '10m'],
      { cwd: ROOT, timeout: 60_000 },
    );
    const rows = stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^TIME\s+KIND\s+USER/);
    const kinds = rows.slice(1).map((row) => row.split(/\s{2,}/)[1]);
    expect(kinds.slice(0, 2)).toEqual(['join', 'message']);
    expect(rows.find((row) => /\bmessage\b/.test(row))).toContain(`${name}`);
    expect(rows.find((row) => /\bmessage\b/.test(row))).toContain(`${text.length} chars`);
    expect(stdout).not.toContain(text);
  });
});
