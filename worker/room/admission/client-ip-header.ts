// How the worker tells the room who is connecting: it copies CF-Connecting-IP into this header,
// overwriting whatever the client sent, so the room can count sockets per IP (admission-check.ts).
// Absent only where Cloudflare's edge is not in front (local tests): such sockets have no per-IP count.

export const CLIENT_IP_HEADER = 'X-ChatSpace-Client-IP';

/** The request the room gets: `request` with CLIENT_IP_HEADER set from CF-Connecting-IP, or removed. */
export function withClientIp(request: Request): Request {
  const headers = new Headers(request.headers);
  const ip = request.headers.get('CF-Connecting-IP')?.trim();
  if (ip) headers.set(CLIENT_IP_HEADER, ip);
  else headers.delete(CLIENT_IP_HEADER);
  return new Request(request, { headers });
}
