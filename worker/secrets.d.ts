// Secrets are not in wrangler.toml, so `wrangler types` cannot see them: declare them here.
// Set them with `wrangler secret put NAME`, or locally in .dev.vars.
declare namespace Cloudflare {
  interface Env {
    /** PKCS#8 PEM of the room's RSA-OAEP key (`npm run keygen`). Unset: generated and kept in SQLite. */
    ROOM_PRIVATE_KEY?: string;
    /**
     * Bearer token for /api/admin/* (the audit log API, `npm run logs`, the /admin page).
     * Unset: the admin API answers 404, as if it did not exist.
     */
    ADMIN_TOKEN?: string;
    /** "off" silences the room's event logs (the worker tests set it). Parsed in worker/config.ts. */
    LOG_EVENTS?: string;
  }
}
