// The pure admission decisions: the caps read from the vars, the refusal for a full room, a busy IP
// or too many key exchanges at once, and the deadline each socket still has to meet.

import { describe, expect, it } from 'vitest';
import { HANDSHAKE_DEADLINE_MS, JOIN_DEADLINE_MS } from '#protocol/limits';
import { parseConfig } from '../../../../../worker/config';
import {
  admissionRefusal,
  countOpenSockets,
  HANDSHAKE_BUSY_RETRY_AFTER_S,
} from '../../../../../worker/room/admission/admission-check';
import {
  admissionSettingsFrom,
  DEFAULT_MAX_MEMBERS,
  DEFAULT_MAX_PENDING_HANDSHAKES,
  DEFAULT_MAX_SOCKETS_PER_IP,
} from '../../../../../worker/room/admission/admission-settings';
import { deadlineOf } from '../../../../../worker/room/admission/socket-deadlines';

const settings = { maxMembers: 3, maxSocketsPerIp: 2, maxPendingHandshakes: 2 };

describe('admission settings', () => {
  it('reads positive whole numbers and falls back to the defaults for anything else', () => {
    const vars = { MAX_MEMBERS: '10', MAX_SOCKETS_PER_IP: '4', MAX_PENDING_HANDSHAKES: '7' };
    expect(admissionSettingsFrom(parseConfig(vars).config)).toEqual({
      maxMembers: 10,
      maxSocketsPerIp: 4,
      maxPendingHandshakes: 7,
    });
    for (const bad of [undefined, '', '0', '-3', '2.5', 'many']) {
      const badVars = { MAX_MEMBERS: bad, MAX_SOCKETS_PER_IP: bad, MAX_PENDING_HANDSHAKES: bad };
      expect(admissionSettingsFrom(parseConfig(badVars).config)).toEqual({
        maxMembers: DEFAULT_MAX_MEMBERS,
        maxSocketsPerIp: DEFAULT_MAX_SOCKETS_PER_IP,
        maxPendingHandshakes: DEFAULT_MAX_PENDING_HANDSHAKES,
      });
    }
  });

  it('holds at most about 21 MiB of sockets in the key exchange by default (about 217 KiB each in workerd)', () => {
    expect(DEFAULT_MAX_PENDING_HANDSHAKES * 217 * 1024).toBeLessThan(32 * 1024 * 1024);
  });
});

describe('admission refusal', () => {
  it('admits below both caps, refuses a full room with 503 and a busy IP with 429, both with Retry-After', () => {
    expect(admissionRefusal({ sockets: 2, socketsFromIp: 1, pending: 1 }, settings)).toBeNull();
    expect(admissionRefusal({ sockets: 3, socketsFromIp: 0, pending: 0 }, settings)).toMatchObject({
      status: 503,
      error: 'room_full',
    });
    const busy = admissionRefusal({ sockets: 2, socketsFromIp: 2, pending: 0 }, settings);
    expect(busy).toMatchObject({ status: 429, error: 'too_many_connections' });
    expect(busy?.retryAfterS).toBeGreaterThan(0);
  });

  it('applies no per-IP cap to a request that carried no client IP', () => {
    expect(admissionRefusal({ sockets: 2, socketsFromIp: null, pending: 0 }, settings)).toBeNull();
  });

  it('refuses one more socket while the key exchanges in progress reach the cap: 503 handshake_busy, retry after the deadline', () => {
    const roomy = { ...settings, maxMembers: 100, maxSocketsPerIp: 100 };
    expect(admissionRefusal({ sockets: 50, socketsFromIp: 50, pending: 1 }, roomy)).toBeNull();
    const refusal = admissionRefusal({ sockets: 50, socketsFromIp: 50, pending: 2 }, roomy);
    expect(refusal).toMatchObject({ status: 503, error: 'handshake_busy' });
    expect(refusal?.retryAfterS).toBe(HANDSHAKE_DEADLINE_MS / 1000);
    expect(HANDSHAKE_BUSY_RETRY_AFTER_S).toBe(10);
  });

  it('answers a full room before a busy IP, and a busy IP before busy key exchanges', () => {
    const all = { sockets: 3, socketsFromIp: 2, pending: 2 };
    expect(admissionRefusal(all, settings)?.error).toBe('room_full');
    expect(admissionRefusal({ ...all, sockets: 2 }, settings)?.error).toBe('too_many_connections');
    expect(admissionRefusal({ ...all, sockets: 2, socketsFromIp: 1 }, settings)?.error).toBe(
      'handshake_busy',
    );
  });

  it('counts only sockets the room has not let go, those with the same IP digest, and those not yet keyed', () => {
    const socket = (ip: string | undefined, authed: boolean, closed = false) => ({
      closed,
      att: ip === undefined ? { authed } : { ip, authed },
    });
    const sockets = [
      socket('a', true),
      socket('a', false, true),
      socket('b', false),
      socket(undefined, false),
      socket('a', true),
      null,
    ];
    expect(countOpenSockets(sockets, 'a')).toEqual({ sockets: 4, socketsFromIp: 2, pending: 2 });
    expect(countOpenSockets(sockets, undefined)).toEqual({ sockets: 4, socketsFromIp: null, pending: 2 });
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
