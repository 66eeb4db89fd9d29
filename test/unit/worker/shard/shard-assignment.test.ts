// The sharded-room prototype's pure parts: the front worker's shard choice (worker/shard/shard-assignment.ts)
// and the ROOM_SHARDS setting (worker/shard/shard-settings.ts).

import { describe, expect, it } from 'vitest';
import { shardFor } from '../../../../worker/shard/shard-assignment';
import { shardCount } from '../../../../worker/shard/shard-settings';

describe('the front worker assigns a socket to a shard', () => {
  it('always picks the same shard for the same member', () => {
    expect(shardFor('alice', 16)).toBe(shardFor('alice', 16));
  });

  it('spreads a thousand members over four shards within a fifth of even', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 1000; i++)
      counts[shardFor(`member${i}`, 4)] = (counts[shardFor(`member${i}`, 4)] ?? 0) + 1;
    for (const count of counts) expect(Math.abs(count - 250)).toBeLessThan(50);
  });

  it('refuses a shard count below one', () => {
    expect(() => shardFor('alice', 0)).toThrow(RangeError);
  });
});

describe('ROOM_SHARDS', () => {
  it('is 0, the normal room, when unset, blank or not a whole number from 0 to 64', () => {
    for (const value of [undefined, '', ' ', '-1', '65', '2.5', 'four'])
      expect(shardCount({ ROOM_SHARDS: value })).toBe(0);
  });

  it('reads K from a string or a number', () => {
    expect(shardCount({ ROOM_SHARDS: '4' })).toBe(4);
    expect(shardCount({ ROOM_SHARDS: 16 })).toBe(16);
  });
});
