// The pure admission decisions: the caps read from the vars, the refusal for a full room or a
// busy IP, and the deadline each socket still has to meet.

import { describe, expect, it } from 'vitest';
import { HANDSHAKE_DEADLINE_MS, JOIN_DEADLINE_MS } from '#protocol/limits';
import { parseConfig } from '../../../../../worker/config';
import { admissionRefusal, countOpenSockets } from '../../../../../worker/room/admission/admission-check';
import {
  admissionSettingsFrom,
  DEFAULT_MAX_MEMBERS,
  DEFAULT_MAX_SOCKETS_PER_IP,
} from '../../../../../worker/room/admission/admission-settings';
import { deadlineOf } from '../../../../../worker/room/admission/socket-deadlines';

const settings = { maxMembers: 3, maxSocketsPerIp: 2 };

describe('admission settings', () => {
  it('reads positive whole numbers and falls back to the defaults for anything else', () => {
    expect(admissionSettingsFrom(parseConfig({ MAX_MEMBERS: '10', MAX_SOCKETS_PER_IP: '4' }).config)).toEqual(
      {
        maxMembers: 10,
        maxSocketsPerIp: 4,
      },
    );
    for (const bad of [undefined, '', '0', '-3', '2.5', 'many']) {
      expect(
        admissionSettingsFrom(parseConfig({ MAX_MEMBERS: bad, MAX_SOCKETS_PER_IP: bad }).config),
      ).toEqual({
        maxMembers: DEFAULT_MAX_MEMBERS,
        maxSocketsPerIp: DEFAULT_MAX_SOCKETS_PER_IP,
      });
    }
  });
});

describe('admission refusal', () => {
  it('admits below both caps, refuses a full room with 503 and a busy IP with 429, both with Retry-After', () => {
    expect(admissionRefusal({ sockets: 2, socketsFromIp: 1 }, settings)).toBeNull();
    expect(admissionRefusal({ sockets: 3, socketsFromIp: 0 }, settings)).toMatchObject({
      status: 503,
      error: 'room_full',
    });
    const busy = admissionRefusal({ sockets: 2, socketsFromIp: 2 }, settings);
    expect(busy).toMatchObject({ status: 429, error: 'too_many_connections' });
    expect(busy?.retryAfterS).toBeGreaterThan(0);
  });

  it('applies no per-IP cap to a request that carried no client IP', () => {
    expect(admissionRefusal({ sockets: 2, socketsFromIp: null }, settings)).toBeNull();
  });

  it('counts only sockets the room has not let go, and those with the same IP digest', () => {
    const socket = (ip: string | undefined, closed = false) => ({
      closed,
      att: ip === undefined ? {} : { ip },
    });
    const sockets = [socket('a'), socket('a', true), socket('b'), socket(undefined), null];
    expect(countOpenSockets(sockets as never, 'a')).toEqual({ sockets: 3, socketsFromIp: 1 });
    expect(countOpenSockets(sockets as never, undefined)).toEqual({ sockets: 3, socketsFromIp: null });
  });
});

describe('socket deadlines', () => {
  it('is the handshake deadline until the key exchange is done, then the join deadline, then none', () => {
    const connectedAt = 1_000;
    expect(deadlineOf({ connectedAt, authed: false })).toEqual({
      stage: 'handshake',
      at: connectedAt + HANDSHAKE_DEADLINE_MS,
    });
    expect(deadlineOf({ connectedAt, authed: true })).toEqual({
      stage: 'join',
      at: connectedAt + JOIN_DEADLINE_MS,
    });
    expect(deadlineOf({ connectedAt, authed: true, name: 'alice' })).toBeNull();
  });
});
