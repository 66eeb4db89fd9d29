// Asks before a message is deleted: "Delete this message?" with "Delete message" and "Cancel".
// A modal <dialog> (focus stays inside; Escape cancels), as key-warning-dialog.tsx.

import { useEffect, useRef } from 'preact/hooks';

interface DeleteDialogProps {
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteDialog({ onConfirm, onCancel }: DeleteDialogProps) {
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
      aria-labelledby="delete-title"
      aria-describedby="delete-text"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id="delete-title">Delete this message?</h2>
      <p id="delete-text">Everyone will see "message deleted" in its place. This cannot be undone.</p>
      <div class="dialog-actions">
        <button type="button" class="button button--danger" onClick={onConfirm}>
          Delete message
        </button>
        <button type="button" class="button" ref={cancelButton} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
