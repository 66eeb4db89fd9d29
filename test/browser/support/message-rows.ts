// A message row's controls as the UI contract names them: the actions "Reply", "React", "Edit" and
// "Delete" (shown on hover or focus), the reply quote, reaction chips and the quick reaction bar,
// and the CSS-drawn marks "(edited)" and "message deleted", which are not in the row's text.

import type { Locator } from 'playwright-core';
import type { ChatPage } from './chat-page';

const exact = (name: string) => ({ name, exact: true });

/** The active log's row whose text contains `text`. */
export function rowWith(chat: ChatPage, text: string): Locator {
  return chat.rows.filter({ hasText: text });
}

/** A row's action button; hovering the row first shows its actions. */
export async function action(row: Locator, name: 'Reply' | 'React' | 'Edit' | 'Delete'): Promise<Locator> {
  await row.hover();
  return row.getByRole('button', exact(name));
}

/** How many actions called `name` a hovered row offers (0: not offered). */
export async function actionCount(
  row: Locator,
  name: 'Reply' | 'React' | 'Edit' | 'Delete',
): Promise<number> {
  await row.hover();
  await row.getByRole('button', exact('Reply')).waitFor();
  return row.getByRole('button', exact(name)).count();
}

/** Opens the quick reaction bar on `row` and picks `emoji` from it. */
export async function reactWith(chat: ChatPage, row: Locator, emoji: string): Promise<void> {
  await (await action(row, 'React')).click();
  await chat.page
    .getByRole('dialog', exact('Add a reaction'))
    .getByRole('button', exact(`React with ${emoji}`))
    .click();
}

/** The accessible names of a row's reaction chips, with whether each is pressed (ours). */
export function chipsOf(row: Locator): Promise<{ name: string; pressed: boolean }[]> {
  return row.locator('.reaction').evaluateAll((chips) =>
    chips.map((chip) => ({
      name: chip.getAttribute('aria-label') ?? '',
      pressed: chip.getAttribute('aria-pressed') === 'true',
    })),
  );
}

/** The reply quote above a row (its accessible name says who and what it answers). */
export function quoteOf(row: Locator): Locator {
  return row.getByRole('button', { name: /^Reply to / });
}

/** The marks CSS draws on a row: "(edited)" and the tombstone "message deleted". */
export function marksOf(row: Locator): Promise<string[]> {
  return row.evaluate((element) => {
    const drawn = (selector: string, pseudo: '::before' | '::after') => {
      const mark = element.querySelector(selector);
      const content = mark ? getComputedStyle(mark, pseudo).content : 'none';
      return content === 'none' ? [] : [JSON.parse(content) as string];
    };
    return [...drawn(':scope > .row-edited', '::after'), ...drawn(':scope > .row-tombstone', '::before')].map(
      (t) => t.trim(),
    );
  });
}
