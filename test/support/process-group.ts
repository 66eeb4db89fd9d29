// Process-group handling for servers that tests start (wrangler dev and the workerd it spawns):
// kill a whole group, wait until it is really gone, and a watchdog that kills the group if the
// Node process that started it dies without cleaning up (a crash, SIGKILL, a killed test worker).

import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';

/** Sends `signal` to every process in group `pgid`; a group that is already gone is not an error. */
export function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * Whether any live (non-zombie) process is still in group `pgid`. Reads /proc on Linux because
 * `kill(-pgid, 0)` also counts zombies, and a container's PID 1 does not always reap orphans
 * such as a workerd whose wrangler parent has died.
 */
export function groupAlive(pgid: number): boolean {
  if (process.platform !== 'linux') {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  }
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we looked
    }
    // Format: pid (comm) state ppid pgrp ...; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** Polls until group `pgid` has no live process; false if it is still alive after `timeoutMs`. */
export async function waitForGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await delay(50);
  }
  return true;
}

/** SIGTERM to the group, then SIGKILL if it has not gone within `graceMs`. */
export async function stopGroup(pgid: number, graceMs = 5_000): Promise<void> {
  killGroup(pgid, 'SIGTERM');
  if (await waitForGroupExit(pgid, graceMs)) return;
  killGroup(pgid, 'SIGKILL');
  if (!(await waitForGroupExit(pgid, 5_000))) {
    throw new Error(`process group ${pgid} survived SIGKILL`);
  }
}

export interface GroupGuard {
  /** Stops the watchdog without touching the group (call before stopping the group yourself). */
  release(): void;
}

/**
 * Starts a watchdog that SIGKILLs group `pgid` as soon as this Node process goes away. It blocks
 * reading a pipe from us: the pipe only reaches end-of-file when our side closes, which the
 * kernel does even when we are SIGKILLed. It runs in its own group, so Ctrl-C does not take it down
 * before it has done its job.
 */
export function guardGroup(pgid: number): GroupGuard {
  const watchdog = spawn('/bin/sh', ['-c', `read -r _ignored; kill -9 -${pgid} 2>/dev/null; exit 0`], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  (watchdog.stdin as unknown as Socket).unref();
  watchdog.stdin?.on('error', () => undefined);
  // Belt and braces for an orderly exit that skipped our teardown.
  const onExit = () => killGroup(pgid, 'SIGKILL');
  process.once('exit', onExit);
  return {
    release() {
      process.off('exit', onExit);
      if (watchdog.pid !== undefined) killGroup(watchdog.pid, 'SIGKILL');
    },
  };
}
