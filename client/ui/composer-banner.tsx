// The line above the composer while a reply or an edit is being written: "Replying to alice" with
// "Cancel reply", or "Editing your message" with "Cancel edit" (Escape in the box does the same).

interface ComposerBannerProps {
  /** The author of the message being answered. */
  replyingTo: string | null;
  editing: boolean;
  onCancelReply: () => void;
  onCancelEdit: () => void;
}

export function ComposerBanner({ replyingTo, editing, onCancelReply, onCancelEdit }: ComposerBannerProps) {
  if (editing) {
    return (
      <fieldset class="composer-banner" aria-label="Editing your message">
        <span class="composer-banner-text">Editing your message (Enter saves, Escape cancels)</span>
        <button type="button" class="button button--small" onClick={onCancelEdit}>
          Cancel edit
        </button>
      </fieldset>
    );
  }
  if (replyingTo === null) return null;
  return (
    <fieldset class="composer-banner" aria-label={`Replying to ${replyingTo}`}>
      <span class="composer-banner-text">
        Replying to <bdi>{replyingTo}</bdi>
      </span>
      <button type="button" class="button button--small" onClick={onCancelReply}>
        Cancel reply
      </button>
    </fieldset>
  );
}
