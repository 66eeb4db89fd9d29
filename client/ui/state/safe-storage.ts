// Web Storage that never throws: private modes and locked-down browsers refuse storage, and the
// chat must still work there (it just forgets across reloads).

export interface SimpleStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function safeStorage(get: () => Storage): SimpleStorage {
  const memory = new Map<string, string>();
  const attempt = <T>(use: (s: Storage) => T, fallback: () => T): T => {
    try {
      return use(get());
    } catch {
      return fallback();
    }
  };
  return {
    getItem: (key) =>
      attempt(
        (s) => s.getItem(key),
        () => memory.get(key) ?? null,
      ),
    setItem: (key, value) =>
      attempt(
        (s) => s.setItem(key, value),
        () => void memory.set(key, value),
      ),
    removeItem: (key) =>
      attempt(
        (s) => s.removeItem(key),
        () => void memory.delete(key),
      ),
  };
}
