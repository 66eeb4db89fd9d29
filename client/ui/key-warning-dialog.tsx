// The loud "Room key changed" alert dialog: shows the pinned and the offered fingerprints and
// waits for "Trust new key" or "Cancel" before the handshake (and so the join) goes on.

import { useEffect, useRef } from 'preact/hooks';
import { FingerprintText } from './fingerprint-text';
import type { KeyChange } from './state/key-trust';

interface KeyWarningDialogProps {
  change: KeyChange;
  onTrust: () => void;
  onCancel: () => void;
}

export function KeyWarningDialog({ change, onTrust, onCancel }: KeyWarningDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    // A modal <dialog> keeps focus inside it and makes the page behind it inert.
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      class="key-warning"
      aria-labelledby="key-warning-title"
      aria-describedby="key-warning-text"
      onCancel={(event) => {
        // Escape means Cancel: never trust by accident.
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="key-warning-title">Room key changed</h2>
      <p id="key-warning-text">
        This room's key is not the one this browser trusted before. The room may have a new key, or someone
        may be intercepting the connection. Trust the new key only if you expected the change.
      </p>
      <dl class="fingerprints">
        <dt>Trusted before</dt>
        <dd>
          <FingerprintText value={change.pinned} />
        </dd>
        <dt>Offered now</dt>
        <dd>
          <FingerprintText value={change.offered} />
        </dd>
      </dl>
      <div class="dialog-actions">
        <button type="button" class="button button--danger" onClick={onTrust}>
          Trust new key
        </button>
        <button type="button" class="button" ref={cancelButton} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
