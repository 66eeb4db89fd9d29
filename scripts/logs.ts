// `npm run logs`: a room's audit log as a table, from a local `wrangler dev` or a deployed worker,
// through GET /api/admin/events (the default room) or /api/admin/rooms/<room>/events (--room). Filters with --since, --kind, --user and --limit; --follow polls by
// cursor for new events until Ctrl-C. `npm run logs -- --help` lists the options.

import { setTimeout as delay } from 'node:timers/promises';
import { MAX_EVENTS_LIMIT } from '#protocol/audit-events';
import { AdminApi, AdminApiError, type EventQuery } from '../client/admin/admin-api';
import { findAdminToken } from './logs/admin-token';
import { tableHeader, tableRow } from './logs/event-table';
import { parseLogOptions, USAGE, UsageError } from './logs/log-options';

const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

async function main(): Promise<number> {
  let options: ReturnType<typeof parseLogOptions>;
  try {
    options = parseLogOptions(process.argv.slice(2), Date.now());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(`logs: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options.help) {
    out(USAGE);
    return 0;
  }
  const found = await findAdminToken(options.token, process.env, process.cwd());
  if (!found) {
    err(
      'logs: no admin token. Pass --token, set $ADMIN_TOKEN, or put ADMIN_TOKEN=... in .dev.vars (see the README).',
    );
    return 1;
  }

  const api = new AdminApi(options.url, found.token).inRoom(options.room);
  const filter: EventQuery = {
    ...(options.since === undefined ? {} : { since: options.since }),
    ...(options.until === undefined ? {} : { until: options.until }),
    ...(options.kinds === undefined ? {} : { kinds: options.kinds }),
    ...(options.user === undefined ? {} : { user: options.user }),
  };

  // The newest `limit` events, printed oldest first like any log.
  const first = await api.events({ ...filter, limit: options.limit });
  out(tableHeader());
  for (const event of [...first.events].reverse()) out(tableRow(event));
  if (!options.follow) {
    if (first.events.length === 0) err('(no events match)');
    return 0;
  }

  // With no match so far, every later match is new: start from the beginning.
  let cursor = first.events[0]?.id ?? 0;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  err(`Following ${options.room} on ${options.url}; Ctrl-C to stop.`);
  let warned = false;
  while (!stop.signal.aborted) {
    try {
      const page = await api.events({ ...filter, after: cursor, limit: MAX_EVENTS_LIMIT });
      for (const event of page.events) out(tableRow(event));
      cursor = page.events.at(-1)?.id ?? cursor;
      if (warned) err('(reconnected)');
      warned = false;
      if (page.next !== null) continue;
    } catch (error) {
      // A restart or a network blip is worth waiting out; a refused token or a closed room is not.
      if (
        !(error instanceof AdminApiError) ||
        error.failure === 'unauthorized' ||
        error.failure === 'disabled' ||
        error.failure === 'unknown_room'
      )
        throw error;
      if (!warned) err(`logs: ${error.message} Retrying…`);
      warned = true;
    }
    await delay(options.intervalMs, undefined, { signal: stop.signal }).catch(() => undefined);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    err(
      `logs: ${error instanceof AdminApiError ? error.message : error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
