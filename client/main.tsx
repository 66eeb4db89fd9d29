// Browser entry point: builds the chat store on a WebSocket to this origin's /ws, wires the page
// features (theme, unread title, chime, desktop notifications) and mounts the Preact app. The
// store's client reconnects by itself; 'offline' drops the socket at once and 'online' skips the
// backoff wait.

import { render } from 'preact';
import { storagePinStore } from './core/fingerprint-pin';
import { App } from './ui/app';
import { createChime } from './ui/page/chime';
import { applyColorScheme } from './ui/page/color-scheme';
import { createDesktopNotifier } from './ui/page/desktop-notifications';
import { syncDocumentTitle } from './ui/page/document-title';
import { watchMessageAlerts } from './ui/page/message-alerts';
import { watchAttention } from './ui/page/page-attention';
import type { PageServices } from './ui/page/page-services';
import { createChatStore } from './ui/state/chat-store';
import { LOBBY } from './ui/state/conversations';
import { safeStorage } from './ui/state/safe-storage';
import { StoreContext } from './ui/state/store-context';
import './styles.css';
import './message-actions.css';

const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const local = safeStorage(() => localStorage);
const attending = watchAttention(window);

const store = createChatStore({
  connect: () => new WebSocket(url),
  session: safeStorage(() => sessionStorage),
  local,
  pins: storagePinStore(local),
  origin: location.origin,
  attending,
});

const page: PageServices = {
  colorScheme: applyColorScheme(store.prefs.theme, window),
  notifier: createDesktopNotifier(window),
  attending,
};
syncDocumentTitle(document, store.conversations);
watchMessageAlerts({
  client: store.client,
  fileOffers: store.fileOffers,
  isMe: store.isMe,
  me: () => store.me.value,
  attending,
  prefs: store.prefs,
  chime: createChime(window),
  notifier: page.notifier,
  openConversation: store.openConversation,
  openLobby: () => store.selectConversation(LOBBY),
});

window.addEventListener('online', () => store.client.retryNow());
window.addEventListener('offline', () => store.client.networkLost());
store.start();

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(
  <StoreContext.Provider value={store}>
    <App page={page} />
  </StoreContext.Provider>,
  root,
);
