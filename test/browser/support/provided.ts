// What test/browser/global-setup.ts hands to the browser tests through vitest's provide/inject.

import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The running app, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string;
    /** wrangler dev's --persist-to directory, fresh for each run. */
    persistDir: string;
    /** The Chromium binary that findChromium() chose. */
    chromiumPath: string;
    /** The control endpoint that stops and starts the server (test/support/control-server.ts). */
    controlUrl: string;
    /** The ADMIN_TOKEN wrangler dev runs with, for the /admin page and `npm run logs`. */
    adminToken: string;
  }
}

export const baseUrl = (): string => inject('baseUrl');
export const chromiumPath = (): string => inject('chromiumPath');
export const controlUrl = (): string => inject('controlUrl');
export const adminToken = (): string => inject('adminToken');
