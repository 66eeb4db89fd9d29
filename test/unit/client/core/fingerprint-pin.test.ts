// Unit tests for client/core/fingerprint-pin.ts: trust on first use for the room key, pinned
// per origin, with a changed key reported (and never silently re-pinned).

import { describe, expect, it } from 'vitest';
import { checkPin, type PinStore, storagePinStore } from '../../../../client/core/fingerprint-pin';

const ORIGIN = 'https://chat.example.com';
const KEY_A = 'AA:BB:CC';
const KEY_B = 'DD:EE:FF';

function memoryStore(): PinStore & { pins: Map<string, string> } {
  const pins = new Map<string, string>();
  return { pins, get: (origin) => pins.get(origin) ?? null, set: (origin, fp) => void pins.set(origin, fp) };
}

describe('checkPin', () => {
  it('pins the first fingerprint seen for an origin and reports first-use', () => {
    const store = memoryStore();
    expect(checkPin(store, ORIGIN, KEY_A)).toBe('first-use');
    expect(store.pins.get(ORIGIN)).toBe(KEY_A);
  });

  it('reports a match when the same fingerprint comes back', () => {
    const store = memoryStore();
    checkPin(store, ORIGIN, KEY_A);
    expect(checkPin(store, ORIGIN, KEY_A)).toBe('match');
  });

  it('reports a changed fingerprint, and keeps the original pin', () => {
    const store = memoryStore();
    checkPin(store, ORIGIN, KEY_A);
    expect(checkPin(store, ORIGIN, KEY_B)).toBe('changed');
    expect(store.pins.get(ORIGIN)).toBe(KEY_A);
    expect(checkPin(store, ORIGIN, KEY_B)).toBe('changed');
    expect(checkPin(store, ORIGIN, KEY_A)).toBe('match');
  });

  it('keeps pins for different origins apart', () => {
    const store = memoryStore();
    checkPin(store, ORIGIN, KEY_A);
    expect(checkPin(store, 'http://localhost:8787', KEY_B)).toBe('first-use');
    expect(checkPin(store, ORIGIN, KEY_A)).toBe('match');
  });
});

describe('storagePinStore', () => {
  it('keeps pins in Web Storage under a namespaced key per origin', () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
    const store = storagePinStore(storage);
    expect(checkPin(store, ORIGIN, KEY_A)).toBe('first-use');
    expect([...data]).toEqual([[`chatspace:pin:${ORIGIN}`, KEY_A]]);
    expect(checkPin(storagePinStore(storage), ORIGIN, KEY_B)).toBe('changed');
  });
});
