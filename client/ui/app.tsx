// The app shell: header with the connection status and the settings, then the login screen or
// the chat view, plus the toasts and the "Room key changed" dialog that can appear over either.

import { ChatView } from './chat-view';
import { lazyComponent } from './lazy-component';
import { LoginScreen } from './login-screen';
import type { PageServices } from './page/page-services';
import { Settings } from './settings';
import { useStore } from './state/store-context';
import { StatusIndicator } from './status-indicator';
import { Toasts } from './toasts';

const KeyWarningDialog = lazyComponent(() => import('./key-warning-dialog').then((m) => m.KeyWarningDialog));

export function App({ page }: { page: PageServices }) {
  const store = useStore();
  const me = store.me.value;
  const warning = store.keyTrust.warning.value;

  return (
    <div class="app">
      <header class="topbar">
        <h1 class="brand">ChatSpace</h1>
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
      <main class="main">{me ? <ChatView me={me} /> : <LoginScreen />}</main>
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
