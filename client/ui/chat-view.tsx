// The chat screen: conversation tabs, the active conversation's log and composer, and the
// roster (beside it on wide screens, behind a "Show users" toggle on phones). Files dropped on
// the conversation go to it (everyone in the Lobby, the peer in a private tab).

import { useState } from 'preact/hooks';
import { COMPOSER_INPUT_ID, Composer } from './composer';
import { MessageLog } from './message-log';
import { Roster } from './roster';
import { useStore } from './state/store-context';
import { TabStrip, tabId } from './tab-strip';
import { useFileDrop } from './use-file-drop';

const PANEL_ID = 'conversation-panel';
const ROSTER_ID = 'roster';

const focusComposer = () => requestAnimationFrame(() => document.getElementById(COMPOSER_INPUT_ID)?.focus());

export function ChatView({ me }: { me: string }) {
  const store = useStore();
  const [rosterOpen, setRosterOpen] = useState(false);
  const active = store.active.value;
  const peer = active.peer;
  const peerOnline = peer === null || store.users.value.some((u) => u.toLowerCase() === peer.toLowerCase());
  const drop = useFileDrop((files) => store.sendFiles(files, peer));

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
        {peer !== null && !peerOnline && <p class="panel-note">{peer} is offline.</p>}
        <MessageLog
          key={active.id}
          lines={active.lines}
          label={peer === null ? 'Lobby chat' : `Chat with ${peer}`}
          hour12={store.prefs.clock12h.value}
          files={store.files}
        />
        <Composer key={active.id} peer={peer} onSend={store.send} onFiles={store.sendFiles} />
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
      />
    </div>
  );
}
