// Browser entry point: builds the chat store on a WebSocket to the room of this page's path (/ws
// for the lobby at /, /r/<room>/ws otherwise; worker/protocol/room-address.ts), wires the page
// features (theme, unread title, chime, desktop notifications) and mounts the Preact app. The
// store's client reconnects by itself; 'offline' drops the socket at once and 'online' skips the
// backoff wait.

import { render } from 'preact';
import {
  DEFAULT_ROOM,
  type RoomAddress,
  roomFromPath,
  roomLabel,
  roomSocketPath,
} from '#protocol/room-address';
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
import { pinScope, roomScopedStorage } from './ui/state/room-scope';
import { safeStorage } from './ui/state/safe-storage';
import { StoreContext } from './ui/state/store-context';
import './styles.css';
import './message-actions.css';

// The worker serves this page only for a valid room path (a 400 or 404 page otherwise).
const parsed = roomFromPath(location.pathname);
const room: RoomAddress =
  parsed && typeof parsed !== 'string' ? parsed : { kind: 'public', slug: DEFAULT_ROOM };
const lobby = room.kind === 'public' && room.slug === DEFAULT_ROOM;
const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${roomSocketPath(room)}`;
const local = safeStorage(() => localStorage);
const attending = watchAttention(window);

const store = createChatStore({
  connect: () => new WebSocket(url),
  session: roomScopedStorage(
    safeStorage(() => sessionStorage),
    room,
  ),
  local,
  pins: storagePinStore(local),
  origin: pinScope(location.origin, room),
  attending,
});

const page: PageServices = {
  colorScheme: applyColorScheme(store.prefs.theme, window),
  notifier: createDesktopNotifier(window),
  attending,
};
syncDocumentTitle(document, store.conversations, lobby ? undefined : roomLabel(room));
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
    <App page={page} room={lobby ? null : roomLabel(room)} />
  </StoreContext.Provider>,
  root,
);
