// Per-test-file harness: one Chromium, and fresh pages (one browser context each) for every
// person a test needs. `useBrowserRoom()` registers the hooks: launch before the file, close
// every page after each test and fail it on console errors, close the browser after the file.

import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launchChromium } from './browser';
import { type ChatPage, openChatPage } from './chat-page';
import { uniqueName } from './names';
import { baseUrl } from './provided';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1100, height: 800 } };

export class BrowserRoom {
  private browser: Browser | null = null;
  private pages: ChatPage[] = [];

  async launch(): Promise<void> {
    this.browser = await launchChromium();
  }

  /**
   * A fresh page at the app's start (the login screen), in its own browser context. `device`
   * overrides the desktop-sized default (e.g. playwright-core's `devices['Pixel 7']`).
   */
  async open(label: string, device: BrowserContextOptions = DESKTOP): Promise<ChatPage> {
    if (!this.browser) throw new Error('the browser is not running: use useBrowserRoom()');
    const context = await this.browser.newContext(device);
    try {
      const page = await openChatPage(context, baseUrl(), label);
      this.pages.push(page);
      return page;
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /** A fresh page at another path of the app (e.g. "/admin"), watched and closed like the others. */
  async openAt(path: string, label: string): Promise<ChatPage> {
    if (!this.browser) throw new Error('the browser is not running: use useBrowserRoom()');
    const context = await this.browser.newContext(DESKTOP);
    try {
      const page = await openChatPage(context, `${baseUrl()}${path}`, label);
      this.pages.push(page);
      return page;
    } catch (error) {
      await context.close();
      throw error;
    }
  }

  /**
   * Opens a page and joins as a fresh name based on `base` (e.g. "alice" → "alice_k3x9"), then
   * waits until everyone already in has it in their roster: a whisper sent at once must not race
   * the roster update (the client refuses a name it does not know to be online).
   */
  async join(base: string, device?: BrowserContextOptions): Promise<ChatPage> {
    const name = uniqueName(base);
    const page = await this.open(name, device);
    await page.join(name);
    await Promise.all(
      this.pages.filter((other) => other !== page).map((other) => other.waitForRosterName(name)),
    );
    return page;
  }

  /** What each open page shows, one line each (see ChatPage.snapshot). */
  snapshots(): Promise<string[]> {
    return Promise.all(this.pages.map((page) => page.snapshot()));
  }

  /** Closes every page this test opened and returns the problems they saw. */
  async closePages(): Promise<string[]> {
    const pages = this.pages;
    this.pages = [];
    const problems = pages.flatMap((page) => page.problems);
    await Promise.allSettled(pages.map((page) => page.close()));
    return problems;
  }

  async close(): Promise<void> {
    await this.closePages();
    await this.browser?.close();
    this.browser = null;
  }
}

export function useBrowserRoom(): BrowserRoom {
  const room = new BrowserRoom();
  beforeAll(() => room.launch());
  afterEach(async (context) => {
    // A failed test's report says what each person's page was showing when it failed.
    if (context.task.result?.state === 'fail') {
      console.error(
        `Pages at the failure of "${context.task.name}":\n${(await room.snapshots()).join('\n')}`,
      );
    }
    const problems = await room.closePages();
    expect(problems, 'console errors, page errors or dialogs').toEqual([]);
  });
  afterAll(() => room.close());
  return room;
}
