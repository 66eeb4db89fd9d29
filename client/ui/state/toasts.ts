// Error toasts: a short, bounded list; each hides itself after a while or when dismissed.

import { type Signal, signal } from '@preact/signals';

export interface Toast {
  id: number;
  message: string;
}

export const TOAST_MS = 8_000;
const MAX_TOASTS = 3;

export interface ToastList {
  items: Signal<Toast[]>;
  show(message: string): void;
  dismiss(id: number): void;
}

export function createToasts(hideAfterMs = TOAST_MS): ToastList {
  const items = signal<Toast[]>([]);
  let nextId = 1;
  const dismiss = (id: number) => {
    items.value = items.value.filter((t) => t.id !== id);
  };
  return {
    items,
    dismiss,
    show(message) {
      const id = nextId++;
      // The same message again replaces the old toast rather than stacking up.
      const others = items.value.filter((t) => t.message !== message);
      items.value = [...others.slice(-(MAX_TOASTS - 1)), { id, message }];
      setTimeout(() => dismiss(id), hideAfterMs);
    },
  };
}
