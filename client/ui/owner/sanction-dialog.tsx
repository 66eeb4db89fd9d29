// Asks an owner for the details of a kick, ban or mute of one member: a "Duration" (ban and mute:
// 10 minutes to 7 days) and an optional "Reason", shown to that person only. A modal <dialog>, as
// delete-dialog.tsx; Escape cancels. Lazily loaded with the owner's roster actions.

import { useEffect, useRef, useState } from 'preact/hooks';
import { REASON_MAX } from '#protocol/moderation-messages';
import { durationText, SANCTION_MINUTES } from './sanction-choices';

export type Sanction = 'kick' | 'ban' | 'mute';

const VERB: Record<Sanction, string> = { kick: 'Kick', ban: 'Ban', mute: 'Mute' };

interface SanctionDialogProps {
  action: Sanction;
  name: string;
  onConfirm: (details: { minutes: number; reason: string }) => void;
  onCancel: () => void;
}

export function SanctionDialog({ action, name, onConfirm, onCancel }: SanctionDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [minutes, setMinutes] = useState<number>(SANCTION_MINUTES[0]);
  const [reason, setReason] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    return () => element.close();
  }, []);

  const verb = VERB[action];
  return (
    <dialog
      ref={dialog}
      class="confirm-dialog"
      aria-labelledby="sanction-title"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          onConfirm({ minutes, reason: reason.trim() });
        }}
      >
        <h2 id="sanction-title">
          {verb} <bdi>{name}</bdi>?
        </h2>
        {action !== 'kick' && (
          <>
            <label class="field-label" for="sanction-minutes">
              Duration
            </label>
            <select
              id="sanction-minutes"
              class="text-input"
              value={String(minutes)}
              onChange={(event) => setMinutes(Number(event.currentTarget.value))}
            >
              {SANCTION_MINUTES.map((m) => (
                <option key={m} value={String(m)}>
                  {durationText(m)}
                </option>
              ))}
            </select>
          </>
        )}
        <label class="field-label" for="sanction-reason">
          Reason (optional, shown to <bdi>{name}</bdi> only)
        </label>
        <input
          id="sanction-reason"
          class="text-input"
          maxLength={REASON_MAX}
          value={reason}
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <div class="dialog-actions">
          <button type="submit" class="button button--danger">
            {`${verb} ${name}`}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
