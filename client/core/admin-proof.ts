// The room admin's proof in the join frame: the deployment's ADMIN_TOKEN, which the person typed on
// the login screen. Kept in memory only, like the /admin page does, and sent with every join (a
// reconnect too) inside the encrypted channel; the room then lets this socket mention @everyone.

/** The join frame's `admin` field, or nothing for everyone else. */
export function adminField(token: string | null): { admin?: string } {
  return token ? { admin: token } : {};
}
