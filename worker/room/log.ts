// Structured event logs with context, never contents: no plaintext, ciphertext, keys or tokens.
// Fields are limited to names, codes, counts and reasons by the type below.

type Field = string | number | boolean | null | undefined;

export function logEvent(event: string, fields: Record<string, Field> = {}): void {
  console.log(JSON.stringify({ event, ...fields }));
}
