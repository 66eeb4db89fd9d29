// Lobby search: the query, whether an answer is awaited, and the matching messages (newest first)
// from the room's full-text index. The search panel reads these signals.

import { type Signal, signal } from '@preact/signals';
import type { ChatClient, ChatEntry } from '../../core/chat-client';

export interface SearchState {
  readonly query: Signal<string>;
  /** null before the first search. */
  readonly results: Signal<ChatEntry[] | null>;
  readonly pending: Signal<boolean>;
  /** Asks the room; false when offline (the panel says so). */
  run(query: string): boolean;
  clear(): void;
}

export function createSearchState(client: ChatClient): SearchState {
  const query = signal('');
  const results = signal<ChatEntry[] | null>(null);
  const pending = signal(false);
  let asked = '';
  client.on('searchResults', (answer) => {
    // Only the answer to the latest question counts.
    if (answer.query !== asked) return;
    results.value = answer.messages;
    pending.value = false;
  });
  client.on('error', (error) => {
    if (error.code === 'bad_search') pending.value = false;
  });
  return {
    query,
    results,
    pending,
    run(text) {
      asked = text;
      query.value = text;
      const sent = client.search(text);
      pending.value = sent;
      return sent;
    },
    clear() {
      asked = '';
      query.value = '';
      results.value = null;
      pending.value = false;
    },
  };
}
