// `--rooms` (issue 14): the shapes compared, the slugs the bench creates, the open-loop schedule that
// spreads one total rate over the rooms, and how the rooms' parts of a window add up.

import { describe, expect, it } from 'vitest';
import { slugProblem } from '#protocol/room-address';
import { aggregate, messagesPerRoom, roomSlugs, roomsShape, slot } from '../../../bench/rooms-plan';

describe('bench --rooms plan', () => {
  it('compares 10 rooms of 100 with one room of 1,000, and 3 of 20 with one of 60 when quick', () => {
    expect(roomsShape(false)).toMatchObject({ rooms: 10, perRoom: 100, single: 1000 });
    expect(roomsShape(true)).toMatchObject({ rooms: 3, perRoom: 20, single: 60 });
  });

  it('picks a busy rate per room that makes about as many copies a second as the one room', () => {
    for (const quick of [false, true]) {
      const shape = roomsShape(quick);
      const oneRoom = shape.ratePerRoom * shape.rooms * (shape.single - 1);
      const manyRooms = shape.busyRatePerRoom * shape.rooms * (shape.perRoom - 1);
      expect(Math.abs(manyRooms - oneRoom) / oneRoom).toBeLessThan(0.1);
    }
    expect(roomsShape(false).busyRatePerRoom).toBe(10);
  });

  it('names distinct rooms with slugs the room API accepts', () => {
    const slugs = roomSlugs('many', 10);
    expect(new Set(slugs).size).toBe(10);
    for (const slug of slugs) expect(slugProblem(slug)).toBeNull();
    expect(slugs[3]).toBe('many-03');
  });

  it('deals one evenly spaced stream at the total rate to the rooms in turn', () => {
    // 10 rooms at 1 msg/s each: one send every 100 ms, room 0, 1, … 9, then room 0 again.
    expect(slot(0, 10, 1)).toEqual({ room: 0, seq: 0, dueMs: 0 });
    expect(slot(1, 10, 1)).toEqual({ room: 1, seq: 0, dueMs: 100 });
    expect(slot(10, 10, 1)).toEqual({ room: 0, seq: 1, dueMs: 1000 });
    expect(slot(23, 10, 1)).toEqual({ room: 3, seq: 2, dueMs: 2300 });
    // One room at the same total rate has the same due times.
    expect(slot(23, 1, 10)).toEqual({ room: 0, seq: 23, dueMs: 2300 });
  });

  it('sends at least one message per room however short the window', () => {
    expect(messagesPerRoom(1, 10_000)).toBe(10);
    expect(messagesPerRoom(10, 3_000)).toBe(30);
    expect(messagesPerRoom(1, 100)).toBe(1);
  });

  it('adds the rooms up: every sample in the percentiles, copies summed, the worst room kept apart', () => {
    const fast = { samples: Array.from({ length: 100 }, () => 10), expected: 100, received: 100 };
    const slow = {
      samples: Array.from({ length: 100 }, (_, i) => (i < 90 ? 10 : 500)),
      expected: 120,
      received: 100,
    };
    const result = aggregate([fast, slow], 2);
    expect(result.latency.count).toBe(200);
    expect(result.latency.p50).toBe(10);
    expect(result.latency.p99).toBe(500);
    expect(result.worstRoomP99).toBe(500);
    expect(result.expected).toBe(220);
    expect(result.received).toBe(200);
    expect(result.missing).toBe(20);
    expect(result.deliveriesPerSec).toBe(100);
  });

  it('gives no latency and no rate for a window with no samples and no time', () => {
    const result = aggregate([{ samples: [], expected: 10, received: 0 }], Number.NaN);
    expect(result.latency.p99).toBeNaN();
    expect(result.worstRoomP99).toBeNaN();
    expect(result.deliveriesPerSec).toBe(0);
    expect(result.missing).toBe(10);
  });
});
