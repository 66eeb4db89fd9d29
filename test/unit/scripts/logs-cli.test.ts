// The CLI prints events: `npm run logs` (scripts/logs.ts, run with tsx as npm would) against a small
// fake admin API in this process. It prints a table oldest first, passes the filters on, finds the
// token in .dev.vars, follows new events until Ctrl-C, and says clearly what is wrong on 401, 404
// or when nothing answers. (test/browser/logs-cli.test.ts runs it against the real room.)

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEvent, AuditEventsPage } from '#protocol/audit-events';
import { freePort } from '../../support/free-port';
import { must } from '../../support/must';

const ROOT = resolve(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SCRIPT = join(ROOT, 'scripts/logs.ts');
const TOKEN = 'cli-test-token';

function event(id: number, fields: Partial<AuditEvent> = {}): AuditEvent {
  return {
    id,
    at: Date.UTC(2026, 4, 1, 12, 0, id),
    kind: 'join',
    user: `user${id}`,
    peer: null,
    size: null,
    code: null,
    ref: null,
    detail: null,
    ...fields,
  };
}

interface FakeApi {
  url: string;
  requests: URL[];
  server: Server;
}

/** An admin API that answers `answer(url)` to requests with the right token, 401 otherwise. */
async function fakeApi(answer: (url: URL) => { status: number; body: unknown }): Promise<FakeApi> {
  const requests: URL[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push(url);
    const reply =
      req.headers.authorization === `Bearer ${TOKEN}`
        ? answer(url)
        : { status: 401, body: { error: 'unauthorized', message: 'no' } };
    res.writeHead(reply.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  servers.push(server);
  return { url: `http://127.0.0.1:${port}`, requests, server };
}

const servers: Server[] = [];
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env = { ...process.env, ...options.env };
  if (!options.env?.ADMIN_TOKEN) delete env.ADMIN_TOKEN;
  const child = spawn(TSX, [SCRIPT, ...args], {
    cwd: options.cwd ?? ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const started = start(args, options);
  const code = await started.exited;
  return { code, stdout: started.stdout(), stderr: started.stderr() };
}

/** A temporary project directory, for the .dev.vars lookup. */
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'chatspace-logs-'));
  dirs.push(dir);
  return dir;
}

const page = (events: AuditEvent[], next: number | null = null): AuditEventsPage => ({ events, next });

// Each run starts tsx, which takes a second or two on a busy machine.
describe('npm run logs', { timeout: 60_000 }, () => {
  it('prints the events as a table, oldest first, with sizes and details', async () => {
    const api = await fakeApi(() => ({
      status: 200,
      body: page([
        event(3, { kind: 'private_message', user: 'alice', peer: 'bob', size: 4 }),
        event(2, { kind: 'leave', user: 'carol', code: 'timeout', detail: { members: 2 } }),
        event(1, {
          kind: 'file_uploaded',
          user: 'alice',
          size: 1536,
          ref: 'f00d',
          detail: { type: 'image/png' },
        }),
      ]),
    }));
    const { code, stdout } = await run(['--url', api.url, '--token', TOKEN]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TIME\s+KIND\s+USER\s+PEER\s+SIZE\s+CODE\s+DETAIL$/);
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/file_uploaded\s+alice\s+1\.5 KB\s+ref=f00d type=image\/png$/);
    expect(lines[2]).toMatch(/leave\s+carol\s+timeout\s+members=2$/);
    expect(lines[3]).toMatch(/private_message\s+alice\s+bob\s+4 chars$/);
    // Columns line up: every KIND starts where the header's does.
    const kindAt = must(lines[0]).indexOf('KIND');
    for (const line of lines.slice(1)) expect(line.slice(kindAt)).toMatch(/^[a-z_]+ /);
  });

  it('passes --since, --kind, --user and --limit on as the API query', async () => {
    const api = await fakeApi(() => ({ status: 200, body: page([]) }));
    const before = Date.now();
    const { code, stderr } = await run([
      '--url',
      api.url,
      '--token',
      TOKEN,
      '--since',
      '2h',
      '--kind',
      'join,leave',
      '--kind',
      'message',
      '--user',
      'Alice',
      '--limit',
      '7',
    ]);
    expect(code).toBe(0);
    expect(stderr).toContain('(no events match)');
    const query = must(api.requests[0]).searchParams;
    expect(must(api.requests[0]).pathname).toBe('/api/admin/events');
    expect(query.get('kind')).toBe('join,leave,message');
    expect(query.get('user')).toBe('Alice');
    expect(query.get('limit')).toBe('7');
    const since = Number(query.get('since'));
    expect(since).toBeGreaterThanOrEqual(before - 2 * 3_600_000 - 1_000);
    expect(since).toBeLessThanOrEqual(Date.now() - 2 * 3_600_000);
  });

  it('reads the room --room names from /api/admin/rooms/<room>/events, and says when there is no such room', async () => {
    const api = await fakeApi((url) =>
      url.pathname === '/api/admin/rooms/general/events'
        ? { status: 200, body: page([event(1)]) }
        : { status: 404, body: { error: 'unknown_room', message: 'There is no such room.' } },
    );
    const general = await run(['--url', api.url, '--token', TOKEN, '--room', 'general']);
    expect(general.code).toBe(0);
    expect(general.stdout).toContain('user1');
    expect(must(api.requests[0]).pathname).toBe('/api/admin/rooms/general/events');

    const missing = await run(['--url', api.url, '--token', TOKEN, '--room', 'nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('There is no room "nowhere"');
  });

  it('takes the token from $ADMIN_TOKEN, or else from ADMIN_TOKEN in .dev.vars', async () => {
    const api = await fakeApi(() => ({ status: 200, body: page([event(1)]) }));
    expect((await run(['--url', api.url], { env: { ADMIN_TOKEN: TOKEN } })).stdout).toContain('user1');

    const dir = await tempDir();
    await writeFile(join(dir, '.dev.vars'), `# local secrets\nOTHER=1\nADMIN_TOKEN="${TOKEN}"\n`);
    const fromFile = await run(['--url', api.url], { cwd: dir });
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toContain('user1');
  });

  it('follows new events by cursor until Ctrl-C', async () => {
    let polls = 0;
    const api = await fakeApi((url) => {
      const after = url.searchParams.get('after');
      if (after === null) return { status: 200, body: page([event(2), event(1)]) };
      polls++;
      // The third event turns up on the second poll; the cursor then moves past it.
      if (after === '2' && polls >= 2) return { status: 200, body: page([event(3, { user: 'late' })]) };
      return { status: 200, body: page([]) };
    });
    const follow = start(['--url', api.url, '--token', TOKEN, '--follow', '--interval', '0.05']);
    await expect.poll(follow.stdout, { timeout: 20_000 }).toContain('late');
    await expect
      .poll(() => api.requests.some((u) => u.searchParams.get('after') === '3'), { timeout: 20_000 })
      .toBe(true);
    follow.child.kill('SIGINT');
    expect(await follow.exited).toBe(0);
    const rows = follow.stdout().trimEnd().split('\n').slice(1);
    expect(rows.map((row) => /user\d|late/.exec(row)?.[0])).toEqual(['user1', 'user2', 'late']);
  });

  it('says the token was refused on 401, and that the admin API is off on 404', async () => {
    const api = await fakeApi(() => ({
      status: 404,
      body: { error: 'not_found', message: 'No such API endpoint.' },
    }));
    const refused = await run(['--url', api.url, '--token', 'wrong']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The admin token was refused (401)');

    const off = await run(['--url', api.url, '--token', TOKEN]);
    expect(off.code).toBe(1);
    expect(off.stderr).toContain('The admin API is switched off (404)');
  });

  it('says when nothing answers, when there is no token, and when an option is wrong', async () => {
    const unreachable = await run(['--url', `http://127.0.0.1:${await freePort()}`, '--token', TOKEN]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/Could not reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);

    const none = await run(['--url', 'http://127.0.0.1:9'], { cwd: await tempDir() });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no admin token');

    const bad = await run(['--kind', 'chat', '--token', TOKEN]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--kind chat: expected one of');
  });
});
