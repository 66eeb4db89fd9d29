// Browser entry point: opens the rooms of this tab (the joined set saved for a reload, and the room
// of this page's path: / for the lobby, /r/<room> otherwise; worker/protocol/room-address.ts), one
// chat store and one WebSocket each (state/room-sessions.ts), wires the page features (theme, unread
// title, chime, desktop notifications, the address bar) and mounts the Preact app. Each store's
// client reconnects by itself; 'offline' drops every socket at once and 'online' skips the backoff.

import { computed } from '@preact/signals';
import { render } from 'preact';
import { DEFAULT_ROOM, type RoomAddress, roomFromPath, roomSocketPath } from '#protocol/room-address';
import { storagePinStore } from './core/fingerprint-pin';
import { fetchRooms } from './core/rooms-api';
import { App } from './ui/app';
import { createChime } from './ui/page/chime';
import { applyColorScheme } from './ui/page/color-scheme';
import { createDesktopNotifier } from './ui/page/desktop-notifications';
import { syncDocumentTitle } from './ui/page/document-title';
import { watchMessageAlerts } from './ui/page/message-alerts';
import { watchAttention } from './ui/page/page-attention';
import type { PageServices } from './ui/page/page-services';
import { syncRoomUrl } from './ui/page/room-url';
import { type ChatStore, createChatStore } from './ui/state/chat-store';
import { LOBBY } from './ui/state/conversations';
import { createDirectoryFeed, topicOf } from './ui/state/directory-feed';
import { createPreferences } from './ui/state/preferences';
import { saveResume } from './ui/state/resume-storage';
import { roomActivity } from './ui/state/room-list';
import { pinScope, roomScopedStorage } from './ui/state/room-scope';
import { createRoomSessions, type RoomSessions } from './ui/state/room-sessions';
import { RoomsContext } from './ui/state/rooms-context';
import { safeStorage } from './ui/state/safe-storage';
import './styles.css';
import './message-actions.css';
import './rooms.css';

// The worker serves this page only for a valid room path (a 400 or 404 page otherwise).
const parsed = roomFromPath(location.pathname);
const here: RoomAddress =
  parsed && typeof parsed !== 'string' ? parsed : { kind: 'public', slug: DEFAULT_ROOM };
const socketUrl = (room: RoomAddress) =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${roomSocketPath(room)}`;
const local = safeStorage(() => localStorage);
const session = safeStorage(() => sessionStorage);
const attending = watchAttention(window);
const prefs = createPreferences(local);
const pins = storagePinStore(local);
const chime = createChime(window);

const page: PageServices = {
  colorScheme: applyColorScheme(prefs.theme, window),
  notifier: createDesktopNotifier(window),
  attending,
};

const rooms: RoomSessions<ChatStore> = createRoomSessions<ChatStore>({
  storage: session,
  here,
  attending,
  open(room, roomAttending) {
    const scoped = roomScopedStorage(session, room);
    const store = createChatStore({
      connect: () => new WebSocket(socketUrl(room)),
      session: scoped,
      local,
      owned: roomScopedStorage(local, room),
      prefs,
      pins,
      origin: pinScope(location.origin, room),
      attending: roomAttending,
    });
    // A room in the background rings and notifies too; a click on its notification brings it back.
    const stopAlerts = watchMessageAlerts({
      client: store.client,
      fileOffers: store.fileOffers,
      isMe: store.isMe,
      me: () => store.me.value,
      attending: roomAttending,
      prefs,
      chime,
      notifier: page.notifier,
      openConversation: (peer) => {
        rooms.show(room);
        store.openConversation(peer);
      },
      openLobby: () => {
        rooms.show(room);
        store.selectConversation(LOBBY);
      },
    });
    return {
      store,
      leave() {
        stopAlerts();
        store.client.close();
        saveResume(scoped, null);
      },
    };
  },
  notice: (text) => rooms.current.peek().store.toasts.show(text),
});
// Asked only while the room on screen is connected: no request to a server known to be unreachable.
const directory = createDirectoryFeed(
  () => fetchRooms(),
  document,
  computed(() => rooms.current.value.store.status.value === 'connected'),
);

rooms.start();
syncRoomUrl(window, rooms.currentKey, (room) => rooms.show(room));
syncDocumentTitle(document, () => {
  const open = rooms.sessions.value;
  const current = rooms.current.value;
  const lobbyAlone =
    open.length === 1 && current.room.kind === 'public' && current.room.slug === DEFAULT_ROOM;
  const total = open.reduce((sum, s) => sum + roomActivity(s.store.conversations.value).unread, 0);
  const own = current.store.me.value ? current.store.moderation.settings.value : null;
  const topic = topicOf(directory.rooms.value, current.room, own);
  return { total, ...(lobbyAlone ? {} : { room: current.label }), ...(topic ? { topic } : {}) };
});

window.addEventListener('online', () => {
  for (const s of rooms.sessions.peek()) s.store.client.retryNow();
});
window.addEventListener('offline', () => {
  for (const s of rooms.sessions.peek()) s.store.client.networkLost();
});

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
render(
  <RoomsContext.Provider value={{ sessions: rooms, directory }}>
    <App page={page} />
  </RoomsContext.Provider>,
  root,
);
