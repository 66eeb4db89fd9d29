// WCAG AA contrast for both themes: reads the palette from client/styles.css (each colour is
// `light-dark(light, dark)`) and checks every pairing the stylesheet uses, 4.5:1 for text and
// 3:1 for the parts of controls and the focus ring that people must see.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVATAR_COLOURS } from '../../../client/ui/format/avatar';
import { must } from '../../support/must';

const css = readFileSync(join(process.cwd(), 'client/styles.css'), 'utf8');
const rootBlock = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';

type Theme = 'light' | 'dark';
const palette = new Map<string, Record<Theme, string>>();
for (const match of rootBlock.matchAll(
  /--([\w-]+):\s*light-dark\(\s*(#[0-9a-f]{6})\s*,\s*(#[0-9a-f]{6})\s*\)/gi,
)) {
  palette.set(must(match[1]), { light: must(match[2]), dark: must(match[3]) });
}

/** WCAG 2 relative luminance of an sRGB colour `#rrggbb`. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = 4.5;
const UI = 3;

/** [foreground, background, minimum ratio]: what the stylesheet draws on what. */
const PAIRS: [string, string, number][] = [
  // Body text and secondary text on every surface they sit on.
  ...['bg', 'surface', 'surface-alt', 'private-bg', 'accent-soft'].map((bg): [string, string, number] => [
    'text',
    bg,
    TEXT,
  ]),
  ...['bg', 'surface', 'surface-alt', 'private-bg'].map((bg): [string, string, number] => [
    'muted',
    bg,
    TEXT,
  ]),
  ['system', 'bg', TEXT],
  // Message labels, links and buttons.
  ['public', 'bg', TEXT],
  ['private', 'private-bg', TEXT],
  ['accent', 'surface', TEXT],
  ['accent', 'accent-soft', TEXT],
  ['accent-text', 'accent', TEXT],
  ['on-private', 'private', TEXT],
  ['on-danger', 'danger', TEXT],
  // Errors and the connection status.
  ['danger', 'danger-bg', TEXT],
  ['danger', 'surface', TEXT],
  ['danger', 'surface-alt', TEXT],
  ['ok', 'surface', TEXT],
  ['ok', 'surface-alt', TEXT],
  ['warn', 'surface-alt', TEXT],
  // The initials avatars of message headers (client/ui/format/avatar.ts).
  ...Array.from({ length: AVATAR_COLOURS }, (_, i): [string, string, number] => [
    'on-avatar',
    `avatar-${i}`,
    TEXT,
  ]),
  // Non-text contrast: field borders, the focus ring, progress bars, badges, primary buttons.
  ['field-border', 'surface', UI],
  ...['bg', 'surface', 'surface-alt', 'private-bg', 'accent-soft'].map((bg): [string, string, number] => [
    'focus',
    bg,
    UI,
  ]),
  ['accent', 'accent-soft', UI],
  ['accent', 'surface', UI],
  ['private', 'surface', UI],
];

describe('the theme palette', () => {
  it('defines every colour for both themes with light-dark()', () => {
    expect(palette.size).toBeGreaterThan(15);
    const plain = [...rootBlock.matchAll(/--([\w-]+):\s*#/g)].map((m) => m[1]);
    expect(plain, 'colours without a dark variant').toEqual([]);
    for (const [fg, bg] of PAIRS) {
      expect(palette.has(fg), `--${fg}`).toBe(true);
      expect(palette.has(bg), `--${bg}`).toBe(true);
    }
  });

  it('uses no hard-coded colours outside the palette, so both themes cover everything', () => {
    const outsideRoot = css.replace(rootBlock, '');
    expect(outsideRoot.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([]);
  });

  describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
    it.each(PAIRS)('has --%s on --%s at %s:1 or more', (fg, bg, minimum) => {
      const ratio = contrastRatio(must(palette.get(fg))[theme], must(palette.get(bg))[theme]);
      expect(
        ratio,
        `${must(palette.get(fg))[theme]} on ${must(palette.get(bg))[theme]}`,
      ).toBeGreaterThanOrEqual(minimum);
    });
  });

  it('computes contrast the WCAG way (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});
