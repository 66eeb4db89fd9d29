// Decides whether a WebSocket upgrade may proceed, by its Origin header: the page's own origin
// and the ALLOWED_ORIGINS list pass. A request without Origin is not from a browser page
// (browsers always send one on WebSocket upgrades), so cross-site hijacking cannot use it.

export function parseAllowList(value: string | undefined): Set<string> {
  return new Set(
    (value ?? '')
      .split(',')
      .map((s) => s.trim().replace(/\/+$/, '').toLowerCase())
      .filter((s) => s.length > 0),
  );
}

export function originAllowed(
  origin: string | null,
  requestUrl: string,
  allowList: ReadonlySet<string>,
): boolean {
  if (origin === null) return true;
  if (origin === new URL(requestUrl).origin) return true;
  return allowList.has(origin);
}
