// Error toasts: each message is its own role="alert"; a Dismiss button sits beside it.

import type { Toast } from './state/toasts';

interface ToastsProps {
  items: readonly Toast[];
  onDismiss: (id: number) => void;
}

export function Toasts({ items, onDismiss }: ToastsProps) {
  return (
    <div class="toasts">
      {items.map((toast) => (
        <div class="toast" key={toast.id}>
          <p role="alert" class="toast-text">
            {toast.message}
          </p>
          <button
            type="button"
            class="toast-dismiss"
            aria-label="Dismiss"
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
