// Trust on first use for the room key, with a person in the loop: the first fingerprint seen for
// this origin is pinned; a different one later raises the "Room key changed" dialog, and the
// handshake waits for the answer (ChatClient's `verifyRoom`).

import { type Signal, signal } from '@preact/signals';
import type { HelloFrame } from '#protocol/control-frames';
import { checkPin, type PinStore, type PinVerdict } from '../../core/fingerprint-pin';

export interface KeyChange {
  pinned: string;
  offered: string;
}

export interface KeyTrust {
  /** The fingerprint the room presented last. */
  fingerprint: Signal<string | null>;
  verdict: Signal<PinVerdict | null>;
  /** Set while the person has to decide. */
  warning: Signal<KeyChange | null>;
  verifyRoom(hello: HelloFrame): boolean | Promise<boolean>;
  trustNewKey(): void;
  cancel(): void;
}

export function createKeyTrust(pins: PinStore, origin: string, onCancel: () => void): KeyTrust {
  const fingerprint = signal<string | null>(null);
  const verdict = signal<PinVerdict | null>(null);
  const warning = signal<KeyChange | null>(null);
  let answer: ((trusted: boolean) => void) | null = null;

  const settle = (trusted: boolean) => {
    warning.value = null;
    const reply = answer;
    answer = null;
    reply?.(trusted);
  };

  return {
    fingerprint,
    verdict,
    warning,
    verifyRoom(hello) {
      fingerprint.value = hello.fingerprint;
      const pinned = pins.get(origin);
      const seen = checkPin(pins, origin, hello.fingerprint);
      verdict.value = seen;
      if (seen !== 'changed') return true;
      answer?.(false);
      return new Promise<boolean>((resolve) => {
        answer = resolve;
        warning.value = { pinned: pinned ?? '', offered: hello.fingerprint };
      });
    },
    trustNewKey() {
      const change = warning.value;
      if (!change) return;
      pins.set(origin, change.offered);
      verdict.value = 'match';
      settle(true);
    },
    cancel() {
      if (!warning.value) return;
      settle(false);
      onCancel();
    },
  };
}
