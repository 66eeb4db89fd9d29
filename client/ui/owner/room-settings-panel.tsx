// The owner's "Room settings": "Topic" (saved with "Save topic"), "Public" (listed in the directory;
// a link room is always unlisted), "Slow mode" (off to 15 min) and "Close room", which asks first
// (close-room-dialog.tsx). Shown to owners only, behind a toggle in the chat view, lazily loaded.
// Every change goes to the room as an owner frame; the room's `room_settings` answer updates the view.

import { useState } from 'preact/hooks';
import type { ClientMessageOf } from '#protocol/client-messages';
import type { RoomSettings } from '#protocol/moderation-messages';
import { TOPIC_MAX } from '#protocol/moderation-messages';
import type { OwnerActionType } from '#protocol/moderation-requests';
import { CloseRoomDialog } from './close-room-dialog';
import { slowModeLabel, slowModeOptions } from './sanction-choices';

interface RoomSettingsPanelProps {
  id: string;
  settings: RoomSettings;
  /** A link room (/r/~<hex>) cannot be listed. */
  linkRoom: boolean;
  act: (frame: ClientMessageOf<OwnerActionType>) => boolean;
}

export function RoomSettingsPanel({ id, settings, linkRoom, act }: RoomSettingsPanelProps) {
  const [topic, setTopic] = useState(settings.topic);
  const [closing, setClosing] = useState(false);
  return (
    <section id={id} class="card room-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="room-settings-title">
        Room settings
      </h2>
      <form
        class="room-settings-row"
        onSubmit={(event) => {
          event.preventDefault();
          act({ type: 'topic', topic: topic.trim() });
        }}
      >
        <label class="field-label" for={`${id}-topic`}>
          Topic
        </label>
        <input
          id={`${id}-topic`}
          class="text-input"
          maxLength={TOPIC_MAX}
          value={topic}
          onInput={(event) => setTopic(event.currentTarget.value)}
        />
        <button type="submit" class="button button--small" disabled={topic.trim() === settings.topic}>
          Save topic
        </button>
      </form>
      <div class="setting">
        <input
          id={`${id}-listed`}
          type="checkbox"
          checked={settings.listed}
          disabled={linkRoom}
          aria-describedby={`${id}-listed-hint`}
          onChange={(event) => act({ type: 'visibility', listed: event.currentTarget.checked })}
        />
        <label for={`${id}-listed`}>Public</label>
        <p id={`${id}-listed-hint`} class="setting-hint">
          {linkRoom
            ? 'A room made by link is always unlisted.'
            : 'Listed in the directory. Unlisted: only people with the link find it.'}
        </p>
      </div>
      <div class="room-settings-row">
        <label class="field-label" for={`${id}-slow`}>
          Slow mode
        </label>
        <select
          id={`${id}-slow`}
          class="text-input"
          value={String(settings.slowModeS)}
          aria-describedby={`${id}-slow-hint`}
          onChange={(event) => act({ type: 'slow_mode', seconds: Number(event.currentTarget.value) })}
        >
          {slowModeOptions(settings.slowModeS).map((s) => (
            <option key={s} value={String(s)}>
              {slowModeLabel(s)}
            </option>
          ))}
        </select>
        <p id={`${id}-slow-hint`} class="setting-hint">
          At most one Lobby message per person in that time. Owners are exempt.
        </p>
      </div>
      <button type="button" class="button button--danger" onClick={() => setClosing(true)}>
        Close room
      </button>
      {closing && (
        <CloseRoomDialog
          onCancel={() => setClosing(false)}
          onConfirm={() => {
            setClosing(false);
            act({ type: 'close_room' });
          }}
        />
      )}
    </section>
  );
}
