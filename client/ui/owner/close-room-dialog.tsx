// Asks before an owner closes the room for good: "Close this room?" with "Close room for everyone"
// and "Cancel" (alert-dialog.tsx: modal, Escape cancels).

import { AlertDialog } from '../alert-dialog';

interface CloseRoomDialogProps {
  onConfirm: () => void;
  onCancel: () => void;
}

export function CloseRoomDialog({ onConfirm, onCancel }: CloseRoomDialogProps) {
  return (
    <AlertDialog
      id="close-room"
      class="confirm-dialog"
      title="Close this room?"
      text="Everyone is disconnected, and its history, files and audit log are deleted. This cannot be undone."
      confirmLabel="Close room for everyone"
      onConfirm={onConfirm}
      onCancel={onCancel}
    />
  );
}
