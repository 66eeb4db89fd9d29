// One file in a conversation: name, size and type, the transfer's status and progress, what
// recipients did with it, and its buttons: Accept/Decline for an offer, Cancel while it runs (with
// Accept again once the room refused a start for a moment), then Download (and a preview) once
// verified. Every name renders as text, never as markup.

import { FilePreview } from './file-preview';
import { FileProgress } from './file-progress';
import { answerAsStatus, fileStatusText } from './format/file-card-text';
import { formatBytes } from './format/file-size';
import type { FileCard as Card, FileStore } from './state/file-store';

export type FileActions = Pick<FileStore, 'accept' | 'decline' | 'cancel'>;

const RUNNING = new Set<Card['phase']>([
  'queued',
  'hashing',
  'offering',
  'sending',
  'paused',
  'checking',
  'receiving',
  'throttled',
  'retry',
]);
const WITH_PROGRESS = new Set<Card['phase']>([
  'sending',
  'receiving',
  'paused',
  'checking',
  'queued',
  'throttled',
  'retry',
]);
/** A download the room refused to start for now: Accept again (enabled once 'retry'), or Cancel. */
const ACCEPT_AGAIN = new Set<Card['phase']>(['throttled', 'retry']);

export function FileCard({ card, actions }: { card: Card; actions: FileActions }) {
  // A stored private file can still be withdrawn until its recipient answers.
  const withdrawable =
    card.direction === 'out' && card.phase === 'stored' && card.to !== null && !card.answered;
  const running = RUNNING.has(card.phase) || withdrawable;
  // Once its recipient answered, a private file's status is that answer: not repeated as a note.
  const notes = answerAsStatus(card) === null ? card.notes : card.notes.slice(0, -1);
  const verb = card.direction === 'out' ? 'Upload' : 'Download';
  return (
    <div class={`file-card file-card--${card.direction} file-card--${card.phase}`}>
      <p class="file-name">{card.name}</p>
      <p class="file-meta">
        {formatBytes(card.size)} · {card.mime}
        {card.e2e && (
          <>
            {' · '}
            <span class="file-sealed">
              <span aria-hidden="true">🔒 </span>Sealed end to end
            </span>
          </>
        )}
      </p>
      {/* Polite: "Waiting for a free download slot…" and the like are announced, not shouted. */}
      <p class="file-status" aria-live="polite">
        {fileStatusText(card)}
      </p>
      {card.progress && WITH_PROGRESS.has(card.phase) && (
        <FileProgress progress={card.progress} label={`${verb} of ${card.name}`} />
      )}
      {card.error && <p class="file-error">{card.error}</p>}
      {notes.map((note, index) => (
        // Notes only ever append, so their position is their identity.
        <p key={index} class="file-note">
          {note}
        </p>
      ))}
      {card.blob && <FilePreview blob={card.blob} name={card.name} />}
      {(card.phase === 'offered' || running) && (
        <div class="file-actions">
          {card.phase === 'offered' ? (
            <>
              <button type="button" class="button button--primary" onClick={() => actions.accept(card.id)}>
                Accept
              </button>
              <button type="button" class="button" onClick={() => actions.decline(card.id)}>
                Decline
              </button>
            </>
          ) : (
            <>
              {ACCEPT_AGAIN.has(card.phase) && (
                <button
                  type="button"
                  class="button button--primary"
                  disabled={card.phase !== 'retry'}
                  onClick={() => actions.accept(card.id)}
                >
                  Accept
                </button>
              )}
              <button type="button" class="button" onClick={() => actions.cancel(card.id)}>
                Cancel
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
