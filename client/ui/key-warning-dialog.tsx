// The loud "Room key changed" alert dialog: shows the pinned and the offered fingerprints and
// waits for "Trust new key" or "Cancel" before the handshake (and so the join) goes on
// (alert-dialog.tsx: modal, Escape cancels, so a key is never trusted by accident).

import { AlertDialog } from './alert-dialog';
import { FingerprintText } from './fingerprint-text';
import type { KeyChange } from './state/key-trust';

interface KeyWarningDialogProps {
  change: KeyChange;
  onTrust: () => void;
  onCancel: () => void;
}

export function KeyWarningDialog({ change, onTrust, onCancel }: KeyWarningDialogProps) {
  return (
    <AlertDialog
      id="key-warning"
      class="key-warning"
      title="Room key changed"
      text="This room's key is not the one this browser trusted before. The room may have a new key, or someone may be intercepting the connection. Trust the new key only if you expected the change."
      confirmLabel="Trust new key"
      onConfirm={onTrust}
      onCancel={onCancel}
    >
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
    </AlertDialog>
  );
}
