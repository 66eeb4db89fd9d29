// Structured event logs with context, never contents: no plaintext, ciphertext, keys or tokens.
// Fields are limited to names, codes, counts and reasons by the type below; an error is logged by
// its class name only (errorName).

type Field = string | number | boolean | null | undefined;

let enabled = true;

/** LOG_EVENTS=off silences the room (the worker tests use it; their output is the tests'). */
export function setEventLogging(on: boolean): void {
  enabled = on;
}

export function logEvent(event: string, fields: Record<string, Field> = {}): void {
  if (enabled) console.log(JSON.stringify({ event, ...fields }));
}

/** All a log may say about an error: its class (TypeError), never its message or stack. */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
