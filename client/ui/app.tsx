// The app shell: header with the room's name and topic, the connection status and the settings;
// the room rail ("Rooms") once we are in a room; then the room on screen: its login screen (in the
// lobby's landing view beside the room directory and "Create room") or its chat view, plus the
// toasts and the "Room key changed" dialog. Every room has its own store (StoreContext).

import { useEffect } from 'preact/hooks';
import { DEFAULT_ROOM, roomFromPath } from '#protocol/room-address';
import { lazyComponent } from './lazy-component';
import { LoginScreen } from './login-screen';
import type { PageServices } from './page/page-services';
import { CreateRoomForm } from './rooms/create-room-form';
import { RoomDirectory } from './rooms/room-directory';
import { Settings } from './settings';
import { topicOf } from './state/directory-feed';
import { saveOwnerToken } from './state/owner-tokens';
import { roomScopedStorage } from './state/room-scope';
import { useRooms } from './state/rooms-context';
import { safeStorage } from './state/safe-storage';
import { StoreContext } from './state/store-context';
import { StatusIndicator } from './status-indicator';
import { Toasts } from './toasts';

const KeyWarningDialog = lazyComponent(() => import('./key-warning-dialog').then((m) => m.KeyWarningDialog));
const RoomRail = lazyComponent(() => import('./rooms/room-rail').then((m) => m.RoomRail));
// The chat view is most of the UI's code and nobody needs it before joining: it loads while the
// login screen shows (the first-load budget, docs/features.md).
const loadChatView = () => import('./chat-view');
const ChatView = lazyComponent(() => loadChatView().then((m) => m.ChatView));

export function App({ page }: { page: PageServices }) {
  const { sessions, directory } = useRooms();
  const open = sessions.sessions.value;
  const session = sessions.current.value;
  const store = session.store;
  const me = store.me.value;
  const warning = store.keyTrust.warning.value;
  const inAnyRoom = open.some((s) => s.store.me.value !== null);
  const lobby = session.room.kind === 'public' && session.room.slug === DEFAULT_ROOM;
  // The lobby alone keeps today's plain header; any other room, or several, name the one on screen.
  const named = !lobby || open.length > 1;
  const topic = topicOf(directory.rooms.value, session.room, me ? store.moderation.settings.value : null);
  useEffect(() => {
    void loadChatView().catch(() => undefined);
  }, []);
  const openCreated = (url: string, ownerToken: string) => {
    const room = roomFromPath(new URL(url, location.href).pathname);
    // Before the room opens: its first join already proves ownership.
    if (room !== null && typeof room !== 'string') {
      saveOwnerToken(
        roomScopedStorage(
          safeStorage(() => localStorage),
          room,
        ),
        ownerToken,
      );
    }
    // From the landing view, a plain page load (nothing to keep); beside other rooms, in place.
    if (!inAnyRoom || room === null || typeof room === 'string') location.assign(url);
    else sessions.show(room);
  };

  return (
    <StoreContext.Provider value={store}>
      <div class="app">
        <header class="topbar">
          <h1 class="brand">ChatSpace</h1>
          {(named || topic) && (
            <p class="room-name">
              {named && (
                <>
                  <a
                    href="/"
                    class="room-home"
                    aria-label="All rooms"
                    onClick={(event) => {
                      if (!inAnyRoom) return;
                      event.preventDefault();
                      sessions.show({ kind: 'public', slug: DEFAULT_ROOM });
                    }}
                  >
                    Rooms
                  </a>{' '}
                  / <strong>{session.label}</strong>
                </>
              )}
              {topic && <span class="room-topic">{topic}</span>}
            </p>
          )}
          <StatusIndicator status={store.status.value} />
          <div class="topbar-end">
            {me && (
              <span class="whoami">
                Signed in as <strong>{me}</strong>
              </span>
            )}
            <Settings
              prefs={store.prefs}
              colorScheme={page.colorScheme}
              notifier={page.notifier}
              onProblem={store.toasts.show}
            />
          </div>
        </header>
        <div class={inAnyRoom ? 'app-body app-body--rooms' : 'app-body'}>
          {inAnyRoom && <RoomRail />}
          {/* Keyed by room: a form or view half-filled in one room never shows in another. */}
          <main class="main" key={session.key}>
            {me ? (
              <ChatView me={me} />
            ) : lobby && !inAnyRoom ? (
              <LoginScreen>
                <div class="rooms-panel">
                  <RoomDirectory />
                  <CreateRoomForm open={openCreated} />
                </div>
              </LoginScreen>
            ) : lobby ? (
              <LoginScreen>
                <div class="rooms-panel">
                  <CreateRoomForm open={openCreated} />
                </div>
              </LoginScreen>
            ) : (
              <LoginScreen />
            )}
          </main>
        </div>
        <Toasts items={store.toasts.items.value} onDismiss={store.toasts.dismiss} />
        {warning && (
          <KeyWarningDialog
            change={warning}
            onTrust={store.keyTrust.trustNewKey}
            onCancel={store.keyTrust.cancel}
          />
        )}
      </div>
    </StoreContext.Provider>
  );
}
