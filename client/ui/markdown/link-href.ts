// Which autolinked text becomes a link: only http:, https: and mailto: targets; anything else
// (javascript:, data:, vbscript:, xmpp:, a URL that does not parse) stays text. Pure; used by
// parse-markdown.ts and tested in test/unit/client/ui/markdown/link-href.test.ts.

export const LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** The kind of literal autolink GFM found: `https://…`, `www.…`, or `alice@example.com`. */
export type AutolinkKind = 'http' | 'www' | 'email';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** The href for autolinked `text`, or null when it must stay text. */
export function linkHref(text: string, kind: AutolinkKind): string | null {
  let candidate = text;
  if (!HAS_SCHEME.test(text)) {
    if (kind === 'www') candidate = `http://${text}`;
    else if (kind === 'email') candidate = `mailto:${text}`;
    else return null;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return LINK_SCHEMES.has(url.protocol) ? url.href : null;
}
