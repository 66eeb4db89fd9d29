// Trust on first use for the room key: the first fingerprint seen for an origin is pinned; a
// later, different one is reported as changed so the UI can warn before joining.

export type PinVerdict = 'first-use' | 'match' | 'changed';

export interface PinStore {
  get(origin: string): string | null;
  set(origin: string, fingerprint: string): void;
}

export function checkPin(store: PinStore, origin: string, fingerprint: string): PinVerdict {
  const pinned = store.get(origin);
  if (pinned === null) {
    store.set(origin, fingerprint);
    return 'first-use';
  }
  return pinned === fingerprint ? 'match' : 'changed';
}

export function storagePinStore(storage: Pick<Storage, 'getItem' | 'setItem'>): PinStore {
  const key = (origin: string) => `chatspace:pin:${origin}`;
  return {
    get: (origin) => storage.getItem(key(origin)),
    set: (origin, fingerprint) => storage.setItem(key(origin), fingerprint),
  };
}
