// A value a test needs in order to go on. Where the worker or the client would narrow with a
// check, a test states what it expects: `must(x)` fails the test with a clear message where a
// `!` would only have hidden the missing value until something else broke. Runtime-neutral.

export function must<T>(value: T | null | undefined, what = 'a value'): T {
  if (value === null || value === undefined) throw new Error(`expected ${what}, got ${String(value)}`);
  return value;
}
