// Watches a page for things that must never happen in a healthy app: console errors (CSP
// violations show up there too), uncaught exceptions, crashes and JavaScript dialogs.
// Tests assert the list is empty when they close the page.

import type { BrowserContext, Page } from 'playwright-core';

// Runs in the page before its own scripts. Added through the DevTools protocol, so the page's
// CSP does not apply to it. Makes every CSP violation an explicit console error.
const REPORT_CSP_VIOLATIONS = `
document.addEventListener('securitypolicyviolation', (event) => {
  console.error('CSP violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'));
});
`;

export class PageProblems {
  readonly problems: string[] = [];
  /**
   * Console errors matching one of these (the message, then the resource in parentheses) are
   * expected, e.g. refused connections while the server is down.
   */
  private readonly allowed: RegExp[] = [];

  static async prepare(context: BrowserContext): Promise<void> {
    await context.addInitScript({ content: REPORT_CSP_VIOLATIONS });
  }

  watch(page: Page, label: string): void {
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const { url, lineNumber } = message.location();
      // A pattern sees the resource too: "Failed to load resource: … (http://…/api/rooms:0)".
      const text = `${message.text()}${url ? ` (${url}:${lineNumber})` : ''}`;
      if (this.allowed.some((pattern) => pattern.test(text))) return;
      this.record(`[${label}] console error: ${text}`);
    });
    page.on('pageerror', (error) => {
      this.record(`[${label}] uncaught exception: ${error.stack ?? error.message}`);
    });
    page.on('crash', () => {
      this.record(`[${label}] page crashed`);
    });
    page.on('dialog', (dialog) => {
      this.record(`[${label}] unexpected ${dialog.type()} dialog: ${dialog.message()}`);
      void dialog.dismiss().catch(() => undefined);
    });
  }

  /** Logs the problem at once (next to the test's other output) and keeps it for the assertion. */
  private record(problem: string): void {
    console.error(problem);
    this.problems.push(problem);
  }

  allow(pattern: RegExp): void {
    this.allowed.push(pattern);
  }
}
