// Hands the one chat store to the container components (app, login screen, chat view).

import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ChatStore } from './chat-store';

export const StoreContext = createContext<ChatStore | null>(null);

export function useStore(): ChatStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore needs a <StoreContext.Provider>');
  return store;
}
