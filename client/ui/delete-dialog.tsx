// Asks before a message is deleted: "Delete this message?" with "Delete message" and "Cancel"
// (alert-dialog.tsx: modal, Escape cancels).

import { AlertDialog } from './alert-dialog';

interface DeleteDialogProps {
  onConfirm: () => void;
  onCancel: () => void;
}

export function DeleteDialog({ onConfirm, onCancel }: DeleteDialogProps) {
  return (
    <AlertDialog
      id="delete"
      class="confirm-dialog"
      title="Delete this message?"
      text={'Everyone will see "message deleted" in its place. This cannot be undone.'}
      confirmLabel="Delete message"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
