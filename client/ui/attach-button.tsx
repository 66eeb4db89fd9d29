// The composer's "Attach file" control: a button-styled <label> around a visually hidden
// <input type="file">, so the input itself is the control named "Attach file" (keyboard and
// screen readers reach it; its label makes it look like a button).

import type { Ref } from 'preact';
import { acceptList } from './format/file-checks';

interface AttachButtonProps {
  inputRef: Ref<HTMLInputElement>;
  onFiles: (files: File[]) => void;
  /** The picker closed without a file. */
  onCancel: () => void;
}

export const ATTACH_INPUT_ID = 'attach-input';

export function AttachButton({ inputRef, onFiles, onCancel }: AttachButtonProps) {
  return (
    <label class="button attach" for={ATTACH_INPUT_ID} title="Attach file">
      <svg class="attach-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5" />
      </svg>
      <span class="visually-hidden">Attach file</span>
      <input
        ref={inputRef}
        id={ATTACH_INPUT_ID}
        type="file"
        class="visually-hidden"
        multiple
        accept={acceptList()}
        onChange={(event) => {
          const input = event.currentTarget;
          const files = [...(input.files ?? [])];
          // Cleared, so picking the same file again is a change too.
          input.value = '';
          if (files.length > 0) onFiles(files);
          else onCancel();
        }}
        onCancel={onCancel}
      />
    </label>
  );
}
