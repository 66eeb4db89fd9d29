// The deployment's ADMIN_TOKEN: whether it is usable (long enough to be unguessable) and a
// constant-time comparison with a presented token. Used by the admin API's gate
// (worker/http/admin-auth.ts) and by the room, for an admin's join (worker/room/room-rules.ts).

const encoder = new TextEncoder();

/** A shorter ADMIN_TOKEN switches the admin API off: it could be guessed. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

let warnedShortToken = false;

/** The configured token, or null when the admin API is off (none, or too short). */
export function usableAdminToken(configured: string | undefined): string | null {
  const token = configured?.trim();
  if (!token) return null;
  if (token.length >= MIN_ADMIN_TOKEN_LENGTH) return token;
  if (!warnedShortToken) {
    warnedShortToken = true;
    // The length only, never the token.
    console.warn(
      JSON.stringify({
        event: 'admin_token_too_short',
        minimum: MIN_ADMIN_TOKEN_LENGTH,
        message: `ADMIN_TOKEN is shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters: the admin API is off.`,
      }),
    );
  }
  return null;
}

/**
 * Hashing first makes both sides 32 bytes, so neither an early length check nor where the first
 * difference lies can show in the time taken; the loop then looks at every byte whatever it finds.
 */
export async function tokensEqual(presented: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(presented), sha256(expected)]);
  let difference = 0;
  // Both are 32 bytes: the `?? 0` never applies.
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

async function sha256(token: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(token)));
}
