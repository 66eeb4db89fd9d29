// The /admin page driven through Chromium: its accessible names ("Admin token", "Sign in", the
// "Room" picker, the "Audit events" table, the "Kind" filter, the per-hour chart) as locators, and
// the steps the tests repeat.

import type { Locator, Page } from 'playwright-core';
import { must } from '../../support/must';
import type { ChatPage } from './chat-page';

const exact = (name: string) => ({ name, exact: true });

export class AdminPage {
  readonly page: Page;

  /** `tab` is a page the harness opened at /admin (BrowserRoom.openAt), so it is watched and closed. */
  constructor(tab: ChatPage) {
    this.page = tab.page;
  }

  get tokenField(): Locator {
    return this.page.getByLabel('Admin token', { exact: true });
  }
  get signInButton(): Locator {
    return this.page.getByRole('button', exact('Sign in'));
  }
  get alerts(): Locator {
    return this.page.getByRole('alert');
  }
  get table(): Locator {
    return this.page.getByRole('table', exact('Audit events'));
  }
  get roomPicker(): Locator {
    return this.page.getByRole('combobox', exact('Room'));
  }
  get kindFilter(): Locator {
    return this.page.getByRole('combobox', exact('Kind'));
  }
  get userFilter(): Locator {
    return this.page.getByRole('textbox', exact('User'));
  }
  get applyButton(): Locator {
    return this.page.getByRole('button', exact('Apply filters'));
  }
  get refreshButton(): Locator {
    return this.page.getByRole('button', exact('Refresh'));
  }
  get chart(): Locator {
    return this.page.getByRole('img', { name: /^Joins, messages and errors per hour/ });
  }

  async signIn(token: string): Promise<void> {
    await this.tokenField.fill(token);
    await this.signInButton.click();
  }

  /**
   * Presses "Apply filters" and waits for the page to show the answer: the events request it sent
   * (whose status is returned, so a failed load is reported as such) and the table no longer busy.
   */
  async applyFilters(): Promise<number> {
    return this.awaitEvents(() => this.applyButton.click());
  }

  /** Picks a room (by its option's value, the room's slug or ~<hex>) and waits for its events. */
  chooseRoom(room: string): Promise<number> {
    return this.awaitEvents(async () => {
      await this.roomPicker.selectOption(room);
    });
  }

  /** Does `action` and waits for the events request it sends (any room's) and the page no longer busy. */
  private async awaitEvents(action: () => Promise<void>): Promise<number> {
    const answer = this.page.waitForResponse((res) =>
      /^\/api\/admin(?:\/rooms\/[^/]+)?\/events$/.test(new URL(res.url()).pathname),
    );
    await action();
    const status = (await answer).status();
    await this.page.locator('main[aria-busy="false"]').waitFor();
    return status;
  }

  /** Each body row of the events table as its cells' texts: [time, kind, user, peer, size, code, details]. */
  async rows(): Promise<string[][]> {
    const rows = this.table.locator('tbody tr');
    const count = await rows.count();
    const cells: string[][] = [];
    for (let i = 0; i < count; i++) cells.push(await rows.nth(i).locator('td').allTextContents());
    return cells;
  }

  /** The kind column, top to bottom. */
  async kinds(): Promise<string[]> {
    return (await this.rows()).map((row) => must(row[1]));
  }
}
