// Unit tests for client/ui/state/search-state.ts over a fake client: a search is asked once and
// its answer shown; a query with no words is not asked; a refusal for now (too_expensive) ends the
// wait and shows why, and the same search may be asked again.

import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '#protocol/errors';
import { RoomError } from '../../../../../client/core/chat-client';
import { createSearchState } from '../../../../../client/ui/state/search-state';
import { FakeClient } from './fake-client';

const found = { type: 'msg', id: 4, from: 'bob', text: 'hello there', ts: 4, at: 4 } as const;

function setup() {
  const client = new FakeClient();
  return { client, search: createSearchState(client) };
}

describe('search state', () => {
  it('asks the room and shows the answer to the latest query', () => {
    const { client, search } = setup();
    expect(search.run('hello')).toBe(true);
    expect(search.pending.value).toBe(true);

    client.fire('searchResults', { type: 'search_results', query: 'hello', messages: [found] });

    expect(client.searched).toEqual(['hello']);
    expect(search.pending.value).toBe(false);
    expect(search.results.value).toEqual([found]);
  });

  it('does not ask the room for a query with no words', () => {
    const { client, search } = setup();
    expect(search.run('*')).toBe(false);
    expect(client.searched).toEqual([]);
    expect(search.problem.value).toBe(ERROR_MESSAGES.bad_search);
  });

  it('stops waiting and shows the refusal when the room refuses the search with too_expensive, and asks again', () => {
    const { client, search } = setup();
    search.run('hello');

    // A refused download start names its file: not about the search.
    client.fire('error', new RoomError('too_expensive', 'busy', undefined, { fileId: 'f'.repeat(32) }));
    expect(search.pending.value).toBe(true);
    client.fire('error', new RoomError('too_expensive', ERROR_MESSAGES.too_expensive));
    expect(search.pending.value).toBe(false);
    expect(search.problem.value).toBe(ERROR_MESSAGES.too_expensive);

    expect(search.run('hello')).toBe(true);
    expect(client.searched).toEqual(['hello', 'hello']);
    expect(search.problem.value).toBeNull();
    expect(search.pending.value).toBe(true);
  });

  it('leaves an idle search alone when a history page is refused', () => {
    const { client, search } = setup();
    client.fire('error', new RoomError('too_expensive', ERROR_MESSAGES.too_expensive));
    expect(search.problem.value).toBeNull();
    expect(search.results.value).toBeNull();
  });
});
