// The "Verify safety number" dialog of a private conversation: the 60-digit safety number (12 groups
// of 5, the same on both sides) to compare with the peer by another channel, and "Mark as verified".

import { useEffect, useRef, useState } from 'preact/hooks';

interface SafetyNumberDialogProps {
  peer: string;
  verified: boolean;
  load: () => Promise<string | null>;
  onVerified: () => void;
  onClose: () => void;
}

export function SafetyNumberDialog({ peer, verified, load, onVerified, onClose }: SafetyNumberDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [number, setNumber] = useState<string | null | undefined>(undefined);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    let live = true;
    void load().then((value) => {
      if (live) setNumber(value);
    });
    return () => {
      live = false;
      element?.close();
    };
  }, [load]);

  return (
    <dialog
      ref={dialog}
      class="safety-dialog"
      aria-labelledby="safety-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="safety-title">Safety number with {peer}</h2>
      <p>
        Compare this number with {peer}'s, in person or by a call you trust. If they match, no one (not even
        the room) is between you. It changes if either of you gets new keys.
      </p>
      {number === undefined ? (
        <p>Working out the safety number…</p>
      ) : number === null ? (
        <p>The safety number is not available yet: {peer}'s keys are not known.</p>
      ) : (
        <output aria-label="Safety number" class="safety-number">
          {number}
        </output>
      )}
      <p>{verified ? `You marked ${peer} as verified.` : `${peer} is not verified.`}</p>
      <div class="dialog-actions">
        {number && !verified && (
          <button type="button" class="button" onClick={onVerified}>
            Mark as verified
          </button>
        )}
        <button type="button" class="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
