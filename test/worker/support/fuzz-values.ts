// Values inside fuzz frames (support/fuzz-frames.ts) that are built only when a frame is sent: long
// strings, deep nesting, the sender's clock. Each prints short (fc.toStringMethod) in a failure report.

import fc from 'fast-check';

/** A long string, built only when the frame is sent and printed short in a counterexample. */
export class Repeat {
  constructor(
    readonly unit: string,
    readonly times: number,
  ) {}
  toJSON(): string {
    return this.unit.repeat(this.times);
  }
  [fc.toStringMethod](): string {
    return `Repeat(${JSON.stringify(this.unit)} × ${this.times})`;
  }
}

/** A value nested `depth` levels deep in arrays or objects. */
export class Nested {
  constructor(
    readonly shape: 'array' | 'object',
    readonly depth: number,
  ) {}
  toJSON(): unknown {
    let value: unknown = 0;
    for (let i = 0; i < this.depth; i++) value = this.shape === 'array' ? [value] : { a: value };
    return value;
  }
  [fc.toStringMethod](): string {
    return `Nested(${this.shape} × ${this.depth})`;
  }
}

/** The sender's clock when the frame is sent, plus an offset: a `ts` the room may accept. */
export class ClockOffset {
  constructor(readonly offsetMs: number) {}
  toJSON(): number {
    return Date.now() + this.offsetMs;
  }
  [fc.toStringMethod](): string {
    return `ClockOffset(${this.offsetMs})`;
  }
}

/** Raw JSON-ish text nested `depth` levels deep, too deep for a stringified value. */
export class DeepText {
  constructor(
    readonly open: string,
    readonly close: string,
    readonly depth: number,
    readonly closed: boolean,
  ) {}
  toString(): string {
    return this.open.repeat(this.depth) + (this.closed ? this.close.repeat(this.depth) : '');
  }
  [fc.toStringMethod](): string {
    return `DeepText(${this.open} × ${this.depth}${this.closed ? ' closed' : ''})`;
  }
}

/** A public message whose plaintext is exactly `bytes` long: at, or just over, the frame limit. */
export class FrameFiller {
  constructor(readonly bytes: number) {}
  toString(): string {
    const head = '{"type":"msg","cid":1,"text":"';
    const tail = '","ts":0}';
    return head + 'x'.repeat(this.bytes - head.length - tail.length) + tail;
  }
  [fc.toStringMethod](): string {
    return `FrameFiller(${this.bytes} bytes)`;
  }
}

/** `$NOW` in a `text` frame is replaced with the sender's clock when it is sent. */
export const NOW_TOKEN = '$NOW';
