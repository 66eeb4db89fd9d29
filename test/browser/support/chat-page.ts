// One person in the chat, driven through a real Chromium page: the UI contract's accessible
// names (login form, tabs, roster, log, composer with "Attach file", status) as locators, plus
// the few actions the tests repeat. Each ChatPage has its own browser context, so storage is
// never shared.

import { type BrowserContext, errors, type Locator, type Page } from 'playwright-core';
import { PageProblems } from './page-problems';

/** How long to wait for something the UI should show "soon" (generous for a loaded 2-core CI box). */
export const UI_TIMEOUT_MS = 20_000;

/**
 * How long a page load or reload may take. Loading is not what the tests judge, and on a 2-core
 * machine running several Chromium pages, workerd and wrangler's proxy at once it can stall.
 */
export const NAVIGATION_TIMEOUT_MS = 60_000;

/** Options for `expect.poll` that match UI_TIMEOUT_MS. */
export const eventually = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

const exact = (name: string) => ({ name, exact: true });

export class ChatPage {
  /** The username this page joined with, once it has. */
  name: string | null = null;
  private closed = false;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly watcher: PageProblems,
    readonly label: string,
  ) {}

  // Login screen.
  get usernameField(): Locator {
    return this.page.getByRole('textbox', exact('Username'));
  }
  get joinButton(): Locator {
    return this.page.getByRole('button', exact('Join'));
  }
  /** Error messages: rejection reasons on the login screen and error toasts. */
  get alerts(): Locator {
    return this.page.getByRole('alert');
  }

  // Chat view.
  get tablist(): Locator {
    return this.page.getByRole('tablist');
  }
  tab(name: string): Locator {
    return this.tablist.getByRole('tab', exact(name));
  }
  closeTabButton(peer: string): Locator {
    return this.page.getByRole('button', exact(`Close conversation with ${peer}`));
  }
  get roster(): Locator {
    return this.page.getByRole('list', exact('Online users'));
  }
  /** The roster button that opens a private conversation with `name`. */
  rosterButton(name: string): Locator {
    return this.roster.getByRole('button', exact(name));
  }
  /** The active conversation's message log (hidden tabs' logs are not in the accessibility tree). */
  get log(): Locator {
    return this.page.getByRole('log');
  }
  get composer(): Locator {
    return this.page.getByRole('textbox', exact('Message'));
  }
  /** The composer's file input ("Attach file"): `attachFile.setInputFiles(...)` picks files. */
  get attachFile(): Locator {
    return this.page.getByLabel('Attach file', { exact: true });
  }
  get sendButton(): Locator {
    return this.page.getByRole('button', exact('Send'));
  }
  get status(): Locator {
    return this.page.getByRole('status');
  }
  get emojiButton(): Locator {
    return this.page.getByRole('button', exact('Emoji'));
  }
  get emojiPicker(): Locator {
    return this.page.getByRole('dialog', exact('Emoji picker'));
  }
  /** The composer's shortcode suggestions (`:` and two letters). */
  get shortcodeList(): Locator {
    return this.page.getByRole('listbox', exact('Emoji shortcodes'));
  }
  get settingsButton(): Locator {
    return this.page.getByRole('button', exact('Settings'));
  }
  /** A setting's checkbox in the Settings panel ("Dark mode", "Sound", …); see `openSettings`. */
  setting(name: 'Dark mode' | 'Sound' | 'Desktop notifications' | '12-hour clock'): Locator {
    return this.page.getByRole('checkbox', exact(name));
  }
  get twelveHourClock(): Locator {
    return this.setting('12-hour clock');
  }

  /** Opens the Settings panel (top bar) unless it is open already. */
  async openSettings(): Promise<void> {
    if ((await this.settingsButton.getAttribute('aria-expanded')) !== 'true')
      await this.settingsButton.click();
    await this.page.getByRole('group', exact('Settings')).waitFor();
  }

  /** The unread badge's accessible text on tab `name` ("3 unread"), or null when it has none. */
  unreadText(name: string): Promise<string | null> {
    return this.tab(name).evaluate((tab) => {
      const id = tab.getAttribute('aria-describedby');
      return id ? (document.getElementById(id)?.textContent ?? null) : null;
    });
  }

  /** Types a name and presses Join, without waiting for the outcome. */
  async tryJoin(name: string): Promise<void> {
    await this.usernameField.fill(name);
    await this.joinButton.click();
  }

  /** Joins as `name` and waits for the chat view (the Lobby tab) and the Connected status. */
  async join(name: string): Promise<this> {
    await this.tryJoin(name);
    await this.tab('Lobby').waitFor({ timeout: UI_TIMEOUT_MS });
    await this.page
      .getByRole('status')
      .filter({ hasText: /^Connected$/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    this.name = name;
    return this;
  }

  /** Sends `text` from the composer with Enter, in whatever tab is active. */
  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press('Enter');
  }

  /** The active log's message rows (its children), each as its exact text content. */
  get rows(): Locator {
    return this.log.locator(':scope > *');
  }

  /** The text of every row in the active log, oldest first. */
  lines(): Promise<string[]> {
    return this.rows.allTextContents();
  }

  /** Console errors matching `pattern` are expected on this page (they stay out of `problems`). */
  allowConsoleErrors(pattern: RegExp): void {
    this.watcher.allow(pattern);
  }

  /** Console errors, uncaught exceptions, crashes and dialogs seen so far. */
  get problems(): readonly string[] {
    return this.watcher.problems;
  }

  /**
   * Waits until this page's roster lists `name` (also when the roster is folded away on a phone).
   * A page that is closed, or not connected, is not waited for.
   */
  async waitForRosterName(name: string): Promise<void> {
    if (this.closed || this.page.isClosed() || this.name === null) return;
    if ((await this.status.textContent()) !== 'Connected') return;
    await this.page.waitForFunction(
      (wanted) =>
        [...(document.getElementById('roster')?.querySelectorAll('li') ?? [])].some((item) =>
          item.textContent?.includes(wanted),
        ),
      name,
      { timeout: UI_TIMEOUT_MS },
    );
  }

  /**
   * What the page shows right now, in a few lines: for the report of a failed test, so that a
   * failure on a CI machine says which screen the person was looking at.
   */
  async snapshot(): Promise<string> {
    if (this.closed || this.page.isClosed()) return `${this.label}: closed`;
    try {
      const shown = await this.page.evaluate(() => {
        const text = (selector: string) =>
          [...document.querySelectorAll(selector)].map((e) => e.textContent?.trim() ?? '').filter(Boolean);
        return {
          url: location.pathname,
          status: text('[role="status"]').join(' | '),
          tabs: text('[role="tab"]').join(', '),
          alerts: text('[role="alert"]').join(' | '),
          dialogs: text('dialog[open], [role="dialog"]').join(' | '),
          login: document.querySelector('input[autocomplete="username"], #username') !== null,
          lines: text('[role="log"] > *').slice(-3),
        };
      });
      return `${this.label} (${this.name ?? 'not joined'}): ${JSON.stringify(shown)}`;
    } catch (error) {
      return `${this.label}: could not read the page (${error instanceof Error ? error.message : String(error)})`;
    }
  }

  /** Closes this person's browser context (their tab goes away). Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.close();
  }
}

export async function openChatPage(context: BrowserContext, url: string, label: string): Promise<ChatPage> {
  const watcher = new PageProblems();
  await PageProblems.prepare(context);
  const page = await context.newPage();
  page.setDefaultTimeout(UI_TIMEOUT_MS);
  page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
  watcher.watch(page, label);
  await loadWithRetry(page, url, label);
  return new ChatPage(context, page, watcher, label);
}

/** How long one attempt at a first page load may take before it is tried again. */
const FIRST_LOAD_ATTEMPT_MS = 25_000;

/**
 * Loads `url`, trying once more if the first load stalls. On a loaded CI box a request through
 * wrangler dev's proxy has been seen to hang until the test's own timeout; a second request goes
 * through. Both attempts together stay under the browser tests' 60 s test timeout, so a real
 * failure is reported as a failed load rather than a timed-out test.
 */
async function loadWithRetry(page: Page, url: string, label: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: FIRST_LOAD_ATTEMPT_MS });
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
    console.error(
      `${label}: the page load of ${url} stalled for ${FIRST_LOAD_ATTEMPT_MS} ms; trying once more`,
    );
    await page.goto(url, { waitUntil: 'load', timeout: FIRST_LOAD_ATTEMPT_MS });
  }
}
