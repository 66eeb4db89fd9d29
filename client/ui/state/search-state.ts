// Lobby search: the query, whether an answer is awaited, and the matching messages (newest first)
// from the room's full-text index. The search panel reads these signals. A search the room refused
// for now (too_expensive) shows the refusal in place of results, and may be asked again.
// Tested in test/unit/client/ui/state/search-state.test.ts.

import { type Signal, signal } from '@preact/signals';
import { ERROR_MESSAGES } from '#protocol/errors';
import { searchTerms } from '#protocol/search-terms';
import type { ChatClient, ChatEntry } from '../../core/chat-client';

export interface SearchState {
  readonly query: Signal<string>;
  /** null before the first search. */
  readonly results: Signal<ChatEntry[] | null>;
  readonly pending: Signal<boolean>;
  /** Why the last query was not asked (e.g. it has no words), shown in place of results. */
  readonly problem: Signal<string | null>;
  /** Asks the room; false when offline or when the query has no words to look for. */
  run(query: string): boolean;
  clear(): void;
}

/** What the search uses of the client: its events, and asking the room. */
export type SearchClient = Pick<ChatClient, 'on' | 'search'>;

export function createSearchState(client: SearchClient): SearchState {
  const query = signal('');
  const results = signal<ChatEntry[] | null>(null);
  const pending = signal(false);
  const problem = signal<string | null>(null);
  let asked = '';
  client.on('searchResults', (answer) => {
    // Only the answer to the latest question counts.
    if (answer.query !== asked) return;
    results.value = answer.messages;
    pending.value = false;
  });
  client.on('error', (error) => {
    // too_expensive without a file: a search or a history page refused for now (the room does not
    // say which). Only a search still awaited takes it as its answer; Search may be pressed again.
    const refused = error.code === 'too_expensive' && error.fileId === undefined && pending.value;
    if (error.code !== 'bad_search' && !refused) return;
    pending.value = false;
    results.value = null;
    problem.value = error.message;
  });
  return {
    query,
    results,
    pending,
    problem,
    run(text) {
      asked = text;
      query.value = text;
      results.value = null;
      // Punctuation alone (e.g. "*") has nothing to look for: say so here, without asking the room.
      if (searchTerms(text).length === 0) {
        problem.value = ERROR_MESSAGES.bad_search;
        pending.value = false;
        return false;
      }
      problem.value = null;
      const sent = client.search(text);
      pending.value = sent;
      return sent;
    },
    clear() {
      asked = '';
      query.value = '';
      results.value = null;
      pending.value = false;
      problem.value = null;
    },
  };
}
