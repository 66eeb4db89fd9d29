// The chat screen: conversation tabs, the active conversation's log and composer, and the
// roster (beside it on wide screens, behind a "Show users" toggle on phones). Files dropped on
// the conversation go to it (everyone in the Lobby, the peer in a private tab). For a room owner,
// "Room settings" and each member's owner menu (owner/, lazily loaded); for everyone, what an owner
// did to us (a banner) and why the composer holds (muted, slow mode).

import { useEffect, useState } from 'preact/hooks';
import { nameKey } from '#protocol/username';
import { COMPOSER_INPUT_ID, Composer } from './composer';
import { ComposerBanner } from './composer-banner';
import { E2eStatus } from './e2e-status';
import { ExportButtons } from './export-buttons';
import { lazyComponent } from './lazy-component';
import { type LogMessageActions, MessageLog } from './message-log';
import { receiptState } from './receipt-tick';
import { Roster } from './roster';
import { SearchPanel } from './search-panel';
import type { LogLine } from './state/log-lines';
import { useRooms } from './state/rooms-context';
import { useStore } from './state/store-context';
import { TabStrip, tabId } from './tab-strip';
import { TypingIndicator } from './typing-indicator';
import { useFileDrop } from './use-file-drop';

const MemberActions = lazyComponent(() => import('./owner/member-actions').then((m) => m.MemberActions));
const RoomSettingsPanel = lazyComponent(() =>
  import('./owner/room-settings-panel').then((m) => m.RoomSettingsPanel),
);

const PANEL_ID = 'conversation-panel';
const ROOM_SETTINGS_ID = 'room-settings';
const HOLD_ID = 'composer-hold';
const ROSTER_ID = 'roster';

const focusComposer = () => requestAnimationFrame(() => document.getElementById(COMPOSER_INPUT_ID)?.focus());

export function ChatView({ me }: { me: string }) {
  const store = useStore();
  const [rosterOpen, setRosterOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const room = useRooms().sessions.current.value.room;
  const mod = store.moderation;
  const owner = mod.owner.value;
  const roomSettings = mod.settings.value;
  const notice = mod.notice.value;
  // Just joined (the login form, and the focus with it, is gone): what you type next is a message.
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) focusComposer();
  }, []);
  const active = store.active.value;
  const peer = active.peer;
  const peerOnline = peer === null || store.users.value.some((u) => nameKey(u) === nameKey(peer));
  const drop = useFileDrop((files) => store.sendFiles(files, peer));
  const hour12 = store.prefs.clock12h.value;
  const typists = store.extras.typing.value.get(peer === null ? null : nameKey(peer)) ?? [];
  const receipts = store.extras.receipts.value;
  const messages = store.messages;
  const replying = messages.replying.value;
  const replyHere = replying?.conversation === active.id ? replying : null;
  const editing = messages.editing.value;
  const editHere = editing?.conversation === active.id ? editing : null;
  // Muted: the composer is disabled everywhere. Slow mode holds the Lobby only.
  const hold = mod.hold.value;
  const holdHere = hold && (hold.muted || peer === null) ? hold : null;
  const logActions: LogMessageActions = {
    reply: messages.reply,
    edit: messages.edit,
    canEdit: messages.canEdit,
    react: messages.react,
    remove: messages.remove,
    recent: messages.recent,
    isMe: store.isMe,
    owner,
    focusComposer,
  };
  const receiptOf = (line: LogLine) =>
    line.kind === 'private' && line.id !== undefined && line.to !== undefined && store.isMe(line.from ?? '')
      ? receiptState(line.id, receipts.get(nameKey(line.to)))
      : null;

  return (
    <div class={`chat${rosterOpen ? ' chat--roster-open' : ''}`}>
      <div class="conversation-bar">
        <TabStrip
          conversations={store.conversations.value}
          activeId={active.id}
          panelId={PANEL_ID}
          onSelect={store.selectConversation}
          onClose={store.closeConversation}
        />
        <button
          type="button"
          class="button roster-toggle"
          aria-expanded={rosterOpen}
          aria-controls={ROSTER_ID}
          onClick={() => setRosterOpen(!rosterOpen)}
        >
          {rosterOpen ? 'Hide users' : 'Show users'}
        </button>
        {owner && roomSettings && (
          <button
            type="button"
            class="button"
            aria-expanded={settingsOpen}
            aria-controls={ROOM_SETTINGS_ID}
            onClick={() => setSettingsOpen(!settingsOpen)}
          >
            Room settings
          </button>
        )}
      </div>
      <div
        role="tabpanel"
        id={PANEL_ID}
        class={`panel${drop.over ? ' panel--drop' : ''}`}
        aria-labelledby={tabId(active.id)}
        {...drop.handlers}
      >
        {drop.over && (
          <p class="drop-hint" aria-hidden="true">
            {peer === null ? 'Drop to share with everyone' : `Drop to send to ${peer}`}
          </p>
        )}
        <div class="panel-tools">
          {peer === null && <SearchPanel search={store.search} hour12={hour12} />}
          <ExportButtons lines={active.lines} title={peer ?? 'Lobby'} hour12={hour12} />
        </div>
        {owner && roomSettings && settingsOpen && (
          <RoomSettingsPanel
            id={ROOM_SETTINGS_ID}
            settings={roomSettings}
            linkRoom={room.kind === 'unlisted'}
            act={mod.act}
          />
        )}
        {notice && (
          <div class="moderated-notice" role="alert">
            <p>{notice}</p>
            <button type="button" class="button button--small" onClick={mod.dismissNotice}>
              Dismiss
            </button>
          </div>
        )}
        {peer !== null && <E2eStatus peer={peer} />}
        {peer !== null && !peerOnline && <p class="panel-note">{peer} is offline.</p>}
        <MessageLog
          key={active.id}
          lines={active.lines}
          label={peer === null ? 'Lobby chat' : `Chat with ${peer}`}
          hour12={hour12}
          files={store.files}
          receiptOf={receiptOf}
          messages={logActions}
          {...(peer === null
            ? {
                more: store.lobbyMore.value,
                loadingOlder: store.loadingOlder.value,
                onLoadOlder: store.loadOlder,
              }
            : {})}
        />
        <TypingIndicator names={typists} />
        <ComposerBanner
          replyingTo={replyHere?.from ?? null}
          editing={editHere !== null}
          onCancelReply={() => {
            messages.cancelReply();
            focusComposer();
          }}
          onCancelEdit={() => {
            messages.cancelEdit();
            focusComposer();
          }}
        />
        {holdHere && (
          <p id={HOLD_ID} class="composer-hold" role="status">
            {holdHere.text}
          </p>
        )}
        <Composer
          key={active.id}
          disabled={holdHere?.muted === true}
          {...(holdHere ? { heldBy: HOLD_ID } : {})}
          peer={peer}
          onSend={store.send}
          onFiles={store.sendFiles}
          canSendFilesTo={store.canSendFilesTo}
          draft={{ text: store.drafts.get(active.id), keep: (text) => store.drafts.set(active.id, text) }}
          onTyping={store.typed}
          mentions={{ names: store.users.value, me, everyone: peer === null && store.isAdmin() }}
          editing={editHere}
          onEditLast={messages.editLast}
          onEscape={() => {
            if (messages.editing.peek()) messages.cancelEdit();
            else if (messages.replying.peek()) messages.cancelReply();
            else return false;
            return true;
          }}
        />
      </div>
      <Roster
        id={ROSTER_ID}
        users={store.users.value}
        me={me}
        onPick={(name) => {
          store.openConversation(name);
          setRosterOpen(false);
          focusComposer();
        }}
        {...(owner ? { memberExtra: (name: string) => <MemberActions name={name} act={mod.act} /> } : {})}
      />
    </div>
  );
}
