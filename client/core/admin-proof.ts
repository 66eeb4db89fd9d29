// The proofs a join frame carries: the deployment's ADMIN_TOKEN, which the person typed on the login
// screen (kept in memory only, like the /admin page does), and the room's owner token (POST
// /api/rooms gave it to the room's creator; client/ui/state/owner-tokens.ts keeps it). Both go with
// every join, a resume too, inside the encrypted channel (docs/protocol.md section 4.2).

/** The join frame's `admin` and `owner` fields, each only when there is a token. */
export function proofFields(
  admin: string | null,
  owner: string | null = null,
): { admin?: string; owner?: string } {
  return { ...(admin ? { admin } : {}), ...(owner ? { owner } : {}) };
}
