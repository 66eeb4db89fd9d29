// The app shell: header with the room's name, the connection status and the settings, then the
// login screen (in the lobby, beside the room directory and "Create room") or the chat view, plus
// the toasts and the "Room key changed" dialog that can appear over either.

import { ChatView } from './chat-view';
import { lazyComponent } from './lazy-component';
import { LoginScreen } from './login-screen';
import type { PageServices } from './page/page-services';
import { CreateRoomForm } from './rooms/create-room-form';
import { RoomDirectory } from './rooms/room-directory';
import { Settings } from './settings';
import { useStore } from './state/store-context';
import { StatusIndicator } from './status-indicator';
import { Toasts } from './toasts';

const KeyWarningDialog = lazyComponent(() => import('./key-warning-dialog').then((m) => m.KeyWarningDialog));

/** `room`: the name of the room this page is in; null in the lobby, which lists the others. */
export function App({ page, room }: { page: PageServices; room: string | null }) {
  const store = useStore();
  const me = store.me.value;
  const warning = store.keyTrust.warning.value;

  return (
    <div class="app">
      <header class="topbar">
        <h1 class="brand">ChatSpace</h1>
        {room && (
          <p class="room-name">
            <a href="/" class="room-home" aria-label="All rooms">
              Rooms
            </a>{' '}
            / <strong>{room}</strong>
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
      <main class="main">
        {me ? (
          <ChatView me={me} />
        ) : room ? (
          <LoginScreen />
        ) : (
          <LoginScreen>
            <div class="rooms-panel">
              <RoomDirectory />
              <CreateRoomForm open={(url) => location.assign(url)} />
            </div>
          </LoginScreen>
        )}
      </main>
      <Toasts items={store.toasts.items.value} onDismiss={store.toasts.dismiss} />
      {warning && (
        <KeyWarningDialog
          change={warning}
          onTrust={store.keyTrust.trustNewKey}
          onCancel={store.keyTrust.cancel}
        />
      )}
    </div>
  );
}
