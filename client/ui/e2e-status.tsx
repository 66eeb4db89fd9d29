// The end-to-end line of a private conversation's header: a lock and "End-to-end encrypted" only
// while its messages really go sealed (the peer's keys are known and checked), else a plain note;
// "Verified" once the safety numbers were compared; the "Verify safety number" button and dialog,
// and the confirm step before sending to an identity that changed after it was verified.

import { useCallback, useState } from 'preact/hooks';
import { lazyComponent } from './lazy-component';
import { useStore } from './state/store-context';

const SafetyNumberDialog = lazyComponent(() =>
  import('./safety-number-dialog').then((m) => m.SafetyNumberDialog),
);

export function E2eStatus({ peer }: { peer: string }) {
  const store = useStore();
  const { e2e } = store;
  const [verifying, setVerifying] = useState(false);
  void e2e.version.value;
  const sealed = e2e.sealed(peer);
  const verified = e2e.verified(peer);
  const load = useCallback(() => e2e.safetyNumber(peer), [e2e, peer]);
  return (
    <div class="e2e-status">
      {sealed ? (
        <span class="e2e-label">
          <span aria-hidden="true">🔒 </span>End-to-end encrypted{verified ? ' · Verified' : ''}
        </span>
      ) : (
        <span class="e2e-label e2e-label--plain">Not sealed: the room can read these messages</span>
      )}
      {sealed && (
        <button type="button" class="button button--small" onClick={() => setVerifying(true)}>
          Verify safety number
        </button>
      )}
      {verifying && (
        <SafetyNumberDialog
          peer={peer}
          verified={verified}
          load={load}
          onVerified={() => e2e.markVerified(peer)}
          onClose={() => setVerifying(false)}
        />
      )}
      {store.confirmPeer.value !== null && (
        <IdentityConfirm
          peer={store.confirmPeer.value}
          onSend={() => {
            const name = store.confirmPeer.value;
            if (name) e2e.confirmSend(name);
            store.confirmPeer.value = null;
          }}
          onCancel={() => {
            store.confirmPeer.value = null;
          }}
        />
      )}
    </div>
  );
}

/** "bob's identity changed since you verified it": send to the new identity, or not. */
function IdentityConfirm({
  peer,
  onSend,
  onCancel,
}: {
  peer: string;
  onSend: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="alertdialog" aria-labelledby="identity-confirm-text" class="identity-confirm">
      <p id="identity-confirm-text">
        {peer}'s identity changed since you verified it. Your message was not sent. Compare safety numbers
        again, or choose "Send to the new identity" and press Send again.
      </p>
      <div class="dialog-actions">
        <button type="button" class="button button--danger" onClick={onSend}>
          Send to the new identity
        </button>
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
