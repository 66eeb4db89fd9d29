// The targets from issue 2 and the figures of Cloudflare's plain, unencrypted chat demo measured
// on the same 2-core machine, as the issue gives them.

export interface Target {
  /** As printed in the table. */
  text: string;
  reference: string;
  /** The group size the target is stated for; other sizes are shown without a verdict. */
  clients: number;
  pass: (value: number) => boolean;
}

export const TARGETS = {
  join: { text: '≤ 10 s', reference: '~9 s', clients: 1000, pass: (s) => s <= 10 },
  fanout: { text: '≥ 20,000/s', reference: '35,000–50,000/s', clients: 1000, pass: (r) => r >= 20_000 },
  p99Small: { text: 'p99 < 50 ms', reference: '—', clients: 100, pass: (ms) => ms < 50 },
  p99Large: { text: 'p99 < 150 ms', reference: '—', clients: 1000, pass: (ms) => ms < 150 },
  memory: { text: '≤ 500 KiB', reference: '~400 KiB', clients: 1000, pass: (kib) => kib <= 500 },
} satisfies Record<string, Target>;
