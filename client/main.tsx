// Browser entry point: builds the chat store on a WebSocket to this origin's /ws and mounts the
// Preact app. The store's client reconnects by itself; 'online' just skips its backoff wait.

import { render } from 'preact';
import { storagePinStore } from './core/fingerprint-pin';
import { App } from './ui/app';
import { createChatStore } from './ui/state/chat-store';
import { safeStorage } from './ui/state/safe-storage';
import { StoreContext } from './ui/state/store-context';
import './styles.css';

const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
const local = safeStorage(() => localStorage);

const store = createChatStore({
  connect: () => new WebSocket(url),
  session: safeStorage(() => sessionStorage),
  local,
  pins: storagePinStore(local),
  origin: location.origin,
});

window.addEventListener('online', () => store.client.retryNow());
store.start();

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById('app')!,
);
