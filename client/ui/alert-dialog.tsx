// One modal alert dialog for every "are you sure?" in the app (delete-dialog.tsx,
// key-warning-dialog.tsx, owner/close-room-dialog.tsx): a <dialog> opened with showModal(), so focus
// stays inside and the page behind is inert; focus starts on "Cancel", and Escape means Cancel.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface AlertDialogProps {
  /** Prefix of the title's and text's ids, unique on the page. */
  id: string;
  class: string;
  title: string;
  text: ComponentChildren;
  /** The dangerous action's label, e.g. "Delete message". */
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Shown between the text and the buttons. */
  children?: ComponentChildren;
}

export function AlertDialog(props: AlertDialogProps) {
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
      class={props.class}
      aria-labelledby={`${props.id}-title`}
      aria-describedby={`${props.id}-text`}
      onCancel={(event) => {
        // Escape means Cancel: never confirm by accident.
        event.preventDefault();
        props.onCancel();
      }}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p id={`${props.id}-text`}>{props.text}</p>
      {props.children}
      <div class="dialog-actions">
        <button type="button" class="button button--danger" onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
        <button type="button" class="button" ref={cancelButton} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
