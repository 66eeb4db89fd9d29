// Keeps the resume token in sessionStorage, so reloading the page takes the name back. Per tab,
// and gone when the tab closes. With it, the end-to-end session id (client/core/e2e/e2e-link.ts),
// whose keys in IndexedDB open the session's private history. Read values are checked, never trusted.

import * as v from 'valibot';
import type { SimpleStorage } from './safe-storage';

const KEY = 'chatspace:resume';

const ResumeState = v.object({
  name: v.string(),
  token: v.string(),
  nextCid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  session: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/))),
});
export type ResumeState = v.InferOutput<typeof ResumeState>;

export function loadResume(storage: SimpleStorage): ResumeState | undefined {
  const raw = storage.getItem(KEY);
  if (raw === null) return undefined;
  try {
    const parsed = v.safeParse(ResumeState, JSON.parse(raw));
    if (parsed.success) return parsed.output;
  } catch {
    // Not JSON: fall through and forget it.
  }
  storage.removeItem(KEY);
  return undefined;
}

export function saveResume(storage: SimpleStorage, state: ResumeState | null): void {
  if (state) storage.setItem(KEY, JSON.stringify(state));
  else storage.removeItem(KEY);
}
