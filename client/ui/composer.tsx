// The message composer: "Attach file", "Emoji", a multi-line box labelled "Message" and a Send
// button. Enter sends, Shift+Enter adds a line; a counter appears near the 4,000-character limit.
// `/file` and `/filew name` open the file picker for the Lobby or for name; a pasted image is
// sent to the open conversation. `:` and two letters suggest emoji shortcodes (see emoji/); every
// complete shortcode, pasted ones too, becomes its emoji when the message is sent (not in code).
// `@` suggests the online names to mention (see mentions/).
// Editing a message puts its text here (Up in an empty box edits our last one): Enter saves it
// through onSend, Escape cancels (or cancels a reply being written).

import { useEffect, useRef } from 'preact/hooks';
import { AttachButton } from './attach-button';
import { EmojiButton } from './emoji/emoji-button';
import { loadedShortcodes, loadShortcodes } from './emoji/load-shortcodes';
import { ShortcodeListbox } from './emoji/shortcode-listbox';
import { convertShortcodes, mayHaveShortcodes } from './emoji/shortcodes';
import { replaceRange } from './emoji/text-edit';
import { useShortcodeAutocomplete } from './emoji/use-shortcode-autocomplete';
import { charCounter, parseComposerInput } from './format/composer-input';
import { MentionListbox } from './mentions/mention-listbox';
import type { MentionCandidates } from './mentions/mention-query';
import { useMentionAutocomplete } from './mentions/use-mention-autocomplete';
import { useComposerText } from './use-composer-text';

interface ComposerProps {
  /** The private tab's peer, or null in the lobby. */
  peer: string | null;
  /** Returns true when the message went (or was queued), so the box can clear. */
  onSend: (text: string) => boolean;
  /** Offers files to `to` (a username), or to the Lobby when null. */
  onFiles: (files: File[], to: string | null) => void;
  /** Every edit of the text (typing indicators). */
  onTyping?: (text: string) => void;
  /** `/file` and `/filew name` check the recipient with this before the picker opens. */
  canSendFilesTo?: (to: string | null) => boolean;
  /** The conversation's unsent text when the composer opens, and where each change is kept. */
  draft?: { text: string; keep(text: string): void };
  /** Who `@` offers: the roster (never us), and `@everyone` for the room admin. */
  mentions?: MentionCandidates;
  /** The message being edited: its text fills the box; Enter saves it through onSend. */
  editing?: { id: number; text: string } | null;
  /** Up in an empty box: edit our last message here; false when there is none. */
  onEditLast?: () => boolean;
  /** Escape in the box: cancels an edit or a reply; false when there was neither. */
  onEscape?: () => boolean;
  /** Muted by a room owner: nothing can be typed or sent; the text already there stays. */
  disabled?: boolean;
  /** The id of the note saying why the composer holds (muted, slow mode). */
  heldBy?: string;
}

export const COMPOSER_INPUT_ID = 'message-input';
const SHORTCODES_ID = 'shortcode-suggestions';
const MENTIONS_ID = 'mention-suggestions';
const NO_MENTIONS: MentionCandidates = { names: [], me: null, everyone: false };

export function Composer(props: ComposerProps) {
  const { peer, onSend, onFiles, onTyping, canSendFilesTo, draft, mentions, editing, onEditLast, onEscape } =
    props;
  const { disabled = false, heldBy } = props;
  const input = useRef<HTMLTextAreaElement>(null);
  const composer = useComposerText(input, draft?.text);
  const { text } = composer;
  const keepDraft = draft?.keep;
  useEffect(() => keepDraft?.(text), [text, keepDraft]);
  const shortcodes = useShortcodeAutocomplete(composer, SHORTCODES_ID);
  const mentionList = useMentionAutocomplete(composer, mentions ?? NO_MENTIONS, MENTIONS_ID);
  /** The list on show, if any (a caret is after `:xx` or after `@name`, never both). */
  const openList = shortcodes.activeOptionId ? shortcodes : mentionList;
  const fileInput = useRef<HTMLInputElement>(null);
  /** Set by `/file` or `/filew name` until the picker closes; otherwise files go to `peer`. */
  const pickFor = useRef<{ to: string | null } | null>(null);
  const intent = parseComposerInput(text, peer);
  const counter = charCounter(intent.kind === 'public' || intent.kind === 'private' ? intent.text : text);
  /** A send waits for the shortcode table: a second Enter meanwhile must not send twice. */
  const loadingTable = useRef(false);
  const clear = () => composer.edit({ text: '', caret: 0 });

  // An edit that begins fills the box with the message's text; one cancelled empties it.
  const editingId = editing?.id ?? null;
  const editingText = useRef('');
  editingText.current = editing?.text ?? '';
  const wasEditing = useRef(false);
  useEffect(() => {
    if (editingId !== null) {
      composer.edit({ text: editingText.current, caret: editingText.current.length });
      input.current?.focus();
    } else if (wasEditing.current) clear();
    wasEditing.current = editingId !== null;
  }, [editingId]);

  const submit = () => {
    if (counter?.over) return;
    if (intent.kind === 'file' && !editing) {
      // Nobody to send to (or not online): say so now, not after a file was chosen; keep the text.
      if (canSendFilesTo && !canSendFilesTo(intent.to)) return;
      pickFor.current = { to: intent.to };
      clear();
      // Still inside the Enter or click that submitted, so the browser lets the picker open.
      fileInput.current?.click();
      return;
    }
    if (loadingTable.current) return;
    const table = loadedShortcodes();
    if (table || !mayHaveShortcodes(text)) {
      if (onSend(table ? convertShortcodes(table, text) : text)) clear();
      return;
    }
    // The table has not loaded (nothing was typed after a colon, or the text was pasted): load it,
    // then send. The box clears only if it still holds what was sent.
    const sent = text;
    const send = (converted: string) => {
      if (onSend(converted))
        composer.editLatest((now) => (now.text === sent ? { text: '', caret: 0 } : null));
    };
    loadingTable.current = true;
    loadShortcodes()
      .then(
        (loaded) => convertShortcodes(loaded, sent),
        () => sent,
      )
      .then((converted) => {
        loadingTable.current = false;
        send(converted);
      });
  };

  const takeTarget = (): string | null => {
    const target = pickFor.current;
    pickFor.current = null;
    return target ? target.to : peer;
  };

  /** Puts an emoji from the picker where the cursor was (replacing any selection). */
  const insertEmoji = (emoji: string) => {
    const box = input.current;
    if (!box) return;
    box.focus();
    composer.edit(replaceRange(text, box.selectionStart, box.selectionEnd, emoji));
  };

  const trackCaret = (event: { currentTarget: HTMLTextAreaElement }) =>
    composer.moved(event.currentTarget.selectionStart);

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <AttachButton
        inputRef={fileInput}
        onFiles={(files) => onFiles(files, takeTarget())}
        onCancel={() => {
          pickFor.current = null;
        }}
      />
      <EmojiButton onPick={insertEmoji} />
      <label class="visually-hidden" for={COMPOSER_INPUT_ID}>
        Message
      </label>
      <textarea
        ref={input}
        id={COMPOSER_INPUT_ID}
        class="composer-input"
        rows={1}
        value={text}
        placeholder={editing ? 'Edit your message' : peer ? `Message ${peer}` : 'Message everyone'}
        disabled={disabled}
        aria-describedby={`composer-hint composer-counter${heldBy ? ` ${heldBy}` : ''}`}
        aria-invalid={counter?.over ? true : undefined}
        aria-autocomplete="list"
        aria-controls={openList.activeOptionId ? openList.listboxId : undefined}
        aria-activedescendant={openList.activeOptionId}
        onInput={(event) => {
          shortcodes.onInput(event.currentTarget, (event as InputEvent).isComposing);
          onTyping?.(event.currentTarget.value);
        }}
        onKeyUp={trackCaret}
        onClick={trackCaret}
        onKeyDown={(event) => {
          if (shortcodes.onKeyDown(event) || mentionList.onKeyDown(event)) return;
          const plain =
            !event.isComposing && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey;
          if (
            plain &&
            ((event.key === 'ArrowUp' && text === '' && onEditLast?.()) ||
              (event.key === 'Escape' && onEscape?.()))
          ) {
            event.preventDefault();
            return;
          }
          // Not while an input method is composing: its Enter picks a candidate.
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          submit();
        }}
        onPaste={(event) => {
          const files = [...(event.clipboardData?.files ?? [])];
          if (files.length === 0) return;
          event.preventDefault();
          onFiles(files, peer);
        }}
      />
      <ShortcodeListbox autocomplete={shortcodes} />
      <MentionListbox autocomplete={mentionList} />
      <button type="submit" class="button button--primary composer-send" disabled={disabled || counter?.over}>
        Send
      </button>
      <p id="composer-hint" class="composer-hint">
        Enter sends, Shift+Enter adds a line, <kbd>/w name message</kbd> whispers, <kbd>/file</kbd> or{' '}
        <kbd>/filew name</kbd> shares a file.
      </p>
      <p id="composer-counter" class={`counter${counter?.over ? ' counter--over' : ''}`}>
        {counter ? `${counter.used.toLocaleString('en')} / ${counter.max.toLocaleString('en')}` : ''}
      </p>
    </form>
  );
}
