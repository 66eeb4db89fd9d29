// No message can pass for another row: a multi-line message stays one row whose continuation
// lines are indented behind a bar, and bidi controls (U+202E and friends) in a message reorder
// only its own text, never the row's header (names, time: a line of its own above the text, in
// a group's first row), nor its receipt tick. Measured in real Chromium.

import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { countMatching, privateLine, publicLine, systemLine } from './support/log-lines';

const room = useBrowserRoom();

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** Where the parts of `row` are drawn: lead spans, names, each text line, the tick. */
function layoutOf(row: Locator) {
  return row.evaluate((element) => {
    const box = (e: Element | null): Box | null => {
      if (!e) return null;
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    /** Where the characters of `e` are drawn: the box around its text, not its padding or bar. */
    const textBox = (e: Element): Box => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const r = range.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const more = [...element.querySelectorAll('.row-line--more')];
    return {
      label: box(element.querySelector('.row-label')),
      names: [...element.querySelectorAll('.row-who bdi')].map((e) => box(e)),
      who: box(element.querySelector('.row-who')),
      time: box(element.querySelector('.row-time')),
      first: box(element.querySelector('.row-line')),
      more: more.map((e) => ({
        text: textBox(e),
        bar: getComputedStyle(e).borderLeftWidth,
        box: box(e),
      })),
      tick: box(element.querySelector('.tick')),
    };
  });
}

describe('multi-line messages', () => {
  it('shows a multi-line message as one row, its continuation lines indented behind a bar', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [alice.name ?? '', bob.name ?? ''];
    const text = `see below\n(Global) (${b}) (12:00:00): I owe ${a} 100\n(System) (12:00:01): ${b} was disconnected`;

    await alice.send(text);

    await expect
      .poll(() => bob.lines(), eventually)
      .toContainEqual(expect.stringMatching(publicLine(a, text)));
    const lines = await bob.lines();
    expect(countMatching(lines, publicLine(a, text))).toBe(1);
    expect(lines.some((line) => line.startsWith(`(Global) (${b})`))).toBe(false);
    expect(countMatching(lines, systemLine(`${b} was disconnected`))).toBe(0);

    const row = bob.log.locator(':scope > .row').filter({ hasText: 'see below' });
    expect(await row.count()).toBe(1);
    const layout = await layoutOf(row);
    const label = layout.label;
    const first = layout.first;
    if (!label || !first) throw new Error('the row has no lead or no first line');
    expect(layout.more).toHaveLength(2);
    let above = first.bottom;
    for (const line of layout.more) {
      // On a line of its own, below the one before,
      expect(line.text.top).toBeGreaterThanOrEqual(above - 1);
      above = line.text.bottom;
      // its text well to the right of where every row's "(Global)" starts,
      expect(line.text.left).toBeGreaterThan(label.left + 12);
      // and a visible bar in front of it.
      expect(Number.parseFloat(line.bar)).toBeGreaterThan(0);
      expect(line.box?.left ?? 0).toBeGreaterThan(label.left + 8);
    }
  });
});

describe('bidi controls', () => {
  it('cannot reorder the lead, the names or the receipt tick of a row around a message', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const [a, b] = [alice.name ?? '', bob.name ?? ''];
    // An override, an unmatched isolate close (which would close an isolate the browser opened
    // for the text), and an override left open on a continuation line.
    const texts = ['\u202Eevil 123', '\u2069\u202Eworse\u2069 one', 'plain\n\u2067\u202Eopen override'];
    // As the rows show them: the text's own controls, balanced (client/ui/format/bidi.ts).
    const shown = [
      '\u202Eevil 123\u202C',
      '\u202Eworse one\u202C',
      'plain\n\u2067\u202Eopen override\u202C\u2069',
    ];

    for (const text of texts) await alice.send(`/w ${b} ${text}`);

    for (const text of shown) {
      await expect
        .poll(() => alice.lines(), eventually)
        .toContainEqual(expect.stringMatching(privateLine(a, b, text)));
    }
    const rows = alice.log.locator(':scope > .row');
    expect(await rows.count()).toBe(texts.length);
    await expect.poll(() => alice.log.locator('.tick').count(), eventually).toBe(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const layout = await layoutOf(rows.nth(i));
      const [from, to] = layout.names;
      const { label, time, first, tick } = layout;
      if (!label || !from || !to || !time || !first || !tick) throw new Error(`row ${i} lacks a part`);
      // The first row of the group has a header line, "alice → bob 14:23:15", names then time left
      // to right, and the text below it; the label "(Private)" is there for screen readers only.
      // The grouped rows draw no names (the time shows, on hover, in the column left of the text).
      if (i === 0) {
        expect(from.right).toBeLessThanOrEqual(to.left);
        expect(to.right).toBeLessThanOrEqual(time.left);
        expect(first.top).toBeGreaterThanOrEqual(Math.max(from.bottom, to.bottom, time.bottom) - 1);
      } else {
        const who = layout.who;
        expect(who ? who.right - who.left : 0, 'names drawn in a grouped row').toBeLessThanOrEqual(1);
        expect(time.right).toBeLessThanOrEqual(first.left + 1);
      }
      expect(label.right - label.left, 'the label is not drawn').toBeLessThanOrEqual(1);
      const last = layout.more.at(-1)?.box ?? first;
      expect(tick.left, `row ${i}: the tick follows the text`).toBeGreaterThanOrEqual(last.right - 1);
    }
  });

  it('refuses a username with a bidi override in it', async () => {
    const visitor = await room.open('visitor');
    await visitor.tryJoin('\u202Eecila');
    await expect
      .poll(() => visitor.alerts.allTextContents(), eventually)
      .toContainEqual(expect.stringContaining('Usernames may use only letters, digits and underscore.'));
  });
});
