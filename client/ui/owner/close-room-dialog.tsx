// Asks before an owner closes the room for good: "Close this room?" with "Close room for everyone"
// and "Cancel". A modal <dialog>, as delete-dialog.tsx; Escape cancels.

import { useEffect, useRef } from 'preact/hooks';

interface CloseRoomDialogProps {
  onConfirm: () => void;
  onCancel: () => void;
}

export function CloseRoomDialog({ onConfirm, onCancel }: CloseRoomDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (!element.open) element.showModal();
    cancelButton.current?.focus();
    return () => element.close();
  }, []);

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      class="confirm-dialog"
      aria-labelledby="close-room-title"
      aria-describedby="close-room-text"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="close-room-title">Close this room?</h2>
      <p id="close-room-text">
        Everyone is disconnected, and its history, files and audit log are deleted. This cannot be undone.
      </p>
      <div class="dialog-actions">
        <button type="button" class="button button--danger" onClick={onConfirm}>
          Close room for everyone
        </button>
        <button type="button" class="button" ref={cancelButton} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
