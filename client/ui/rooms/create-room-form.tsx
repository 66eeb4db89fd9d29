// The "Create room" form: a "Room name" (checked by the same rules as the server's, which has the
// last word) and an "Unlisted" checkbox. A created room opens at once, its owner token kept (the
// creator owns it); a refusal shows its reason.

import { useState } from 'preact/hooks';
import { ROOM_ERRORS, SLUG_MAX, slugProblem } from '#protocol/room-address';
import { createRoom } from '../../core/rooms-api';

export function CreateRoomForm({ open }: { open: (url: string, ownerToken: string) => void }) {
  const [slug, setSlug] = useState('');
  const [unlisted, setUnlisted] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const problem = unlisted ? null : slugProblem(slug);
    if (problem) {
      setError(ROOM_ERRORS[problem]);
      return;
    }
    setBusy(true);
    const outcome = await createRoom(unlisted ? { unlisted } : { slug, unlisted });
    setBusy(false);
    if (outcome.ok) open(outcome.url, outcome.ownerToken);
    else setError(outcome.message);
  };

  return (
    <form
      class="card rooms-card"
      aria-labelledby="create-room-title"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id="create-room-title">Create room</h2>
      <label class="field-label" for="room-name">
        Room name
      </label>
      <input
        id="room-name"
        class="text-input"
        autocapitalize="off"
        spellcheck={false}
        maxLength={SLUG_MAX}
        value={slug}
        disabled={unlisted}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'create-room-error room-name-hint' : 'room-name-hint'}
        onInput={(event) => {
          setSlug(event.currentTarget.value);
          setError(null);
        }}
      />
      <p id="room-name-hint" class="hint">
        1–{SLUG_MAX} lowercase letters, digits or "-". It becomes the link: /r/name.
      </p>
      <div class="setting">
        <input
          id="room-unlisted"
          type="checkbox"
          checked={unlisted}
          aria-describedby="room-unlisted-hint"
          onChange={(event) => {
            setUnlisted(event.currentTarget.checked);
            setError(null);
          }}
        />
        <label for="room-unlisted">Unlisted</label>
        <p id="room-unlisted-hint" class="setting-hint">
          Not in the list: only people with its link, which nobody can guess, can join.
        </p>
      </div>
      {error && (
        <p id="create-room-error" role="alert" class="form-error">
          {error}
        </p>
      )}
      <button type="submit" class="button" disabled={busy}>
        Create
      </button>
    </form>
  );
}
