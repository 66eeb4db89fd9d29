// Patterns for message rows as the UI contract spells them, e.g.
// `(Global) (alice) (14:23:15): text`, `(Private) (alice → bob) (14:23:15): text` and
// `(System) (14:23:15): bob joined`. Times are HH:MM:SS unless `clock` says 12-hour (hh:mm AM/PM).

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** HH:MM:SS, 00–23 hours. */
export const TIME_24 = '(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d';
/** hh:mm AM/PM, 01–12 hours. */
export const TIME_12 = '(?:0[1-9]|1[0-2]):[0-5]\\d (?:AM|PM)';

type Clock = '24h' | '12h';

const time = (clock: Clock) => (clock === '24h' ? TIME_24 : TIME_12);

export function publicLine(from: string, text: string, clock: Clock = '24h'): RegExp {
  return new RegExp(`^\\(Global\\) \\(${escapeRegExp(from)}\\) \\(${time(clock)}\\): ${escapeRegExp(text)}$`);
}

export function privateLine(from: string, to: string, text: string, clock: Clock = '24h'): RegExp {
  return new RegExp(
    `^\\(Private\\) \\(${escapeRegExp(from)} → ${escapeRegExp(to)}\\) \\(${time(clock)}\\): ${escapeRegExp(text)}$`,
  );
}

/** The start of a Lobby row whose body is not text (a file card): `(Global) (alice) (14:23:15): `. */
export function publicLead(from: string, clock: Clock = '24h'): RegExp {
  return new RegExp(`^\\(Global\\) \\(${escapeRegExp(from)}\\) \\(${time(clock)}\\): `);
}

/** The start of a private row whose body is not text: `(Private) (alice → bob) (14:23:15): `. */
export function privateLead(from: string, to: string, clock: Clock = '24h'): RegExp {
  return new RegExp(
    `^\\(Private\\) \\(${escapeRegExp(from)} → ${escapeRegExp(to)}\\) \\(${time(clock)}\\): `,
  );
}

export function systemLine(text: string, clock: Clock = '24h'): RegExp {
  return new RegExp(`^\\(System\\) \\(${time(clock)}\\): ${escapeRegExp(text)}$`);
}

/** How many of `lines` match `pattern`. */
export function countMatching(lines: readonly string[], pattern: RegExp): number {
  return lines.filter((line) => pattern.test(line)).length;
}

/** The `(HH:MM:SS)` or `(hh:mm AM)` part of a row. */
export function timeOf(line: string): string {
  const match = /\) \(([^()]+)\): /.exec(line);
  if (!match?.[1]) throw new Error(`no time in row: ${line}`);
  return match[1];
}
