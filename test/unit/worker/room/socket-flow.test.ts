// Unit tests for worker/room/socket-flow.ts and flow-limits.ts: the window, the cap and the ack
// timeout at their edges, ack verdicts, and whom the room sheds past its cap.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../../worker/config';
import { flowLimits } from '../../../../worker/room/flow-limits';
import {
  ackVerdict,
  newFlow,
  overCap,
  type SocketFlow,
  timedOut,
  toShed,
  windowOpen,
} from '../../../../worker/room/socket-flow';

const limits = {
  windowBytes: 1000,
  socketCapBytes: 4000,
  roomCapBytes: 64 * 1024 * 1024,
  ackTimeoutMs: 20_000,
  pageBytes: 256 * 1024,
};

function flow(fields: Partial<SocketFlow>): SocketFlow {
  return { ...newFlow(), hi: 7, ...fields };
}

describe('the window', () => {
  it('is open just below the window and closed when unacknowledged plus queued bytes reach it exactly', () => {
    expect(windowOpen(flow({ sent: 600, acked: 100, queued: 499 }), limits)).toBe(true);
    expect(windowOpen(flow({ sent: 600, acked: 100, queued: 500 }), limits)).toBe(false);
    expect(windowOpen(flow({ sent: 1000 }), limits)).toBe(false);
  });
});

describe('the cap', () => {
  it('allows a socket to reach its cap exactly, and closes it one byte past', () => {
    expect(overCap(flow({ sent: 2000, acked: 0, queued: 1000, held: 1000 }), limits)).toBe(false);
    expect(overCap(flow({ sent: 2000, acked: 0, queued: 1000, held: 1001 }), limits)).toBe(true);
  });

  it('does not count held file chunks, which the download window bounds', () => {
    expect(overCap(flow({ sent: 1000, heldChunks: 10_000 }), limits)).toBe(false);
  });
});

describe('the ack timeout', () => {
  it('fires exactly at the timeout while data is outstanding, and never when nothing is', () => {
    const f = flow({ sent: 10, progressAt: 1_000 });
    expect(timedOut(f, limits, 1_000 + 19_999)).toBe(false);
    expect(timedOut(f, limits, 1_000 + 20_000)).toBe(true);
    expect(timedOut(flow({ sent: 10, acked: 10, progressAt: 0 }), limits, 1e9)).toBe(false);
  });
});

describe('ack verdicts', () => {
  it('advances up to exactly what was sent, refuses more, and calls other epochs and repeats stale', () => {
    const f = flow({ sent: 500, acked: 100 });
    expect(ackVerdict(f, 7, 500)).toBe('advance');
    expect(ackVerdict(f, 7, 101)).toBe('advance');
    expect(ackVerdict(f, 7, 501)).toBe('bad');
    expect(ackVerdict(f, 7, 100)).toBe('stale');
    expect(ackVerdict(f, 6, 300)).toBe('stale');
    expect(ackVerdict(newFlow(), 0, 0)).toBe('stale');
  });
});

describe('the room cap', () => {
  it('sheds the biggest consumers first until the sum is within the cap, and nobody at exactly the cap', () => {
    const costs = new Map([
      ['a', 10],
      ['b', 50],
      ['c', 30],
      ['d', 20],
    ]);
    const cost = (s: string) => costs.get(s) ?? 0;
    expect(toShed([...costs.keys()], cost, 110)).toEqual([]);
    expect(toShed([...costs.keys()], cost, 109)).toEqual(['b']);
    expect(toShed([...costs.keys()], cost, 60)).toEqual(['b']);
    expect(toShed([...costs.keys()], cost, 59)).toEqual(['b', 'c']);
    expect(toShed([...costs.keys()], cost, 29)).toEqual(['b', 'c', 'd']);
  });
});

describe('flowLimits', () => {
  const limitsOf = (env: Record<string, string>) => flowLimits(parseConfig(env).config);
  const defaults = {
    windowBytes: 1024 * 1024,
    socketCapBytes: 4 * 1024 * 1024,
    roomCapBytes: 64 * 1024 * 1024,
    ackTimeoutMs: 20_000,
    pageBytes: 256 * 1024,
  };

  it('reads the vars, keeps defaults for missing or bad ones, and never puts a cap below the window', () => {
    expect(limitsOf({})).toEqual(defaults);
    expect(limitsOf({ FLOW_WINDOW_BYTES: 'x', FLOW_ACK_TIMEOUT_MS: '-5', FLOW_PAGE_BYTES: '1.5' })).toEqual(
      defaults,
    );
    const small = limitsOf({ FLOW_WINDOW_BYTES: '8000000', FLOW_SOCKET_CAP_BYTES: '1000' });
    expect(small.socketCapBytes).toBe(8_000_000);
    expect(small.roomCapBytes).toBeGreaterThanOrEqual(small.socketCapBytes);
    expect(limitsOf({ FLOW_PAGE_BYTES: '10' }).pageBytes).toBe(4096);
  });
});
