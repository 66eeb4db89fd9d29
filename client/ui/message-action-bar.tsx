// A message's actions, "Reply", "React", "Edit" and "Delete" (the last two on our own messages
// only), shown while the row is hovered or holds focus (Tab from a focused row reaches them).
// Icon buttons named by aria-label, drawn with SVG: the row's text content stays
// `(Global) (alice) (14:23:15): text`.

import type { ComponentChildren } from 'preact';

interface MessageActionBarProps {
  canEdit: boolean;
  canDelete: boolean;
  onReply: () => void;
  /** Opens the quick reaction bar next to the React button. */
  onReact: (button: HTMLElement) => void;
  onEdit: () => void;
  onDelete: () => void;
}

function Action({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: (button: HTMLElement) => void;
  children: ComponentChildren;
}) {
  return (
    <button
      type="button"
      class="msg-action"
      aria-label={label}
      title={label}
      onClick={(event) => onClick(event.currentTarget)}
    >
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
        {children}
      </svg>
    </button>
  );
}

export function MessageActionBar({
  canEdit,
  canDelete,
  onReply,
  onReact,
  onEdit,
  onDelete,
}: MessageActionBarProps) {
  return (
    <fieldset class="msg-actions" aria-label="Message actions">
      <Action label="Reply" onClick={onReply}>
        <path d="M10 8 5 12l5 4M5 12h9a5 5 0 0 1 5 5v1" />
      </Action>
      <Action label="React" onClick={onReact}>
        <circle cx="12" cy="12" r="8" />
        <path d="M9 14.5a4 4 0 0 0 6 0M9.5 10h.01M14.5 10h.01" />
      </Action>
      {canEdit && (
        <Action label="Edit" onClick={onEdit}>
          <path d="m5 19 1-4L16 5l3 3L9 18l-4 1ZM14 7l3 3" />
        </Action>
      )}
      {canDelete && (
        <Action label="Delete" onClick={onDelete}>
          <path d="M5 7h14M10 7V5h4v2M7 7l1 12h8l1-12M10 11v5M14 11v5" />
        </Action>
      )}
    </fieldset>
  );
}
