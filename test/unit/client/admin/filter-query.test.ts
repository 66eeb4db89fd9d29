// The /admin filter form as an API query: kinds (one, or every error kind), user, and a local-time range
// whose end includes its whole minute.

import { describe, expect, it } from 'vitest';
import { ERROR_KINDS } from '#protocol/audit-events';
import { ALL_ERRORS, filtersToQuery, NO_FILTERS } from '../../../../client/admin/filter-query';

describe('filtersToQuery', () => {
  it('asks for everything when nothing is filled in', () => {
    expect(filtersToQuery(NO_FILTERS)).toEqual({});
  });

  it('asks for one kind, or for every error kind at once, and ignores an unknown kind', () => {
    expect(filtersToQuery({ ...NO_FILTERS, kind: 'join' })).toEqual({ kinds: ['join'] });
    expect(filtersToQuery({ ...NO_FILTERS, kind: ALL_ERRORS }).kinds).toEqual([...ERROR_KINDS]);
    expect(filtersToQuery({ ...NO_FILTERS, kind: 'chat' })).toEqual({});
  });

  it('trims the user, and reads the range in local time with the end minute included', () => {
    const query = filtersToQuery({
      kind: '',
      user: '  alice ',
      from: '2026-05-01T14:00',
      to: '2026-05-01T14:30',
    });
    expect(query.user).toBe('alice');
    expect(query.since).toBe(new Date(2026, 4, 1, 14, 0).getTime());
    expect(query.until).toBe(new Date(2026, 4, 1, 14, 31).getTime());
  });
});
