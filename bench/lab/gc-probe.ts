// `--gc-probe`: while a file transfer runs, asks the room's V8 isolate for a full garbage
// collection every GC_EVERY_MS through wrangler's inspector. workerd's RSS growth then shows what
// a transfer keeps alive, apart from chunk buffers that are garbage but not yet collected.

import type { DevServer } from '../server';
import { InspectorProfiler } from './profiler';

export const GC_EVERY_MS = 50;

/** Runs `run`; when `enabled`, with the room's isolate collected every GC_EVERY_MS meanwhile. */
export async function withForcedGc<T>(
  server: DevServer,
  enabled: boolean,
  run: () => Promise<T>,
): Promise<T> {
  if (!enabled) return run();
  const inspector = await InspectorProfiler.connect(server.inspectorPort);
  let collecting = false;
  const timer = setInterval(() => {
    if (collecting) return; // one at a time: a slow collection must not pile up requests
    collecting = true;
    inspector
      .collectGarbage()
      .catch(() => undefined)
      .finally(() => {
        collecting = false;
      });
  }, GC_EVERY_MS);
  try {
    return await run();
  } finally {
    clearInterval(timer);
    inspector.close();
  }
}
