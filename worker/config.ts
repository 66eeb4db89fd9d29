// The deployment's settings: every wrangler [vars] entry the worker and the room read, parsed from
// `Env` by one valibot schema with the defaults in one table. A value that does not parse is logged
// once, by name, and the default is used. Secrets are not settings: see SECRET_NAMES. The README's
// table of settings must list exactly these (test/unit/worker/config.test.ts checks it).

import * as v from 'valibot';
import { parseAllowList } from './http/origin-check';
import {
  DEFAULT_ALLOWED_FILE_TYPES,
  DEFAULT_FILE_TTL_MS,
  DEFAULT_HISTORY_DAYS,
  DEFAULT_HISTORY_MESSAGES,
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_STAGED_BYTES,
  DEFAULT_MAX_STAGED_BYTES_PER_USER,
} from './protocol/limits';
import { DEFAULT_MAX_REACTIONS_PER_MESSAGE } from './protocol/message-events';
import { logEvent } from './room/log';

const HOUR_MS = 60 * 60 * 1000;

/** Each setting's default, written as it would be in wrangler.toml. */
export const CONFIG_DEFAULTS = {
  ALLOWED_ORIGINS: '',
  RATE_LIMIT_PER_SEC: '20',
  RATE_LIMIT_BURST: '40',
  MAX_FILE_BYTES: String(DEFAULT_MAX_FILE_BYTES),
  ALLOWED_FILE_TYPES: DEFAULT_ALLOWED_FILE_TYPES.join(','),
  FILE_TTL_HOURS: String(DEFAULT_FILE_TTL_MS / HOUR_MS),
  MAX_STAGED_BYTES_PER_USER: String(DEFAULT_MAX_STAGED_BYTES_PER_USER),
  MAX_STAGED_BYTES: String(DEFAULT_MAX_STAGED_BYTES),
  HISTORY_MAX_MESSAGES: String(DEFAULT_HISTORY_MESSAGES),
  HISTORY_MAX_DAYS: String(DEFAULT_HISTORY_DAYS),
  AUDIT_RETENTION_DAYS: '30',
  AUDIT_MAX_ROWS: '100000',
  LOG_EVENTS: 'on',
  LOCAL_R2_PACING: 'on',
  MAX_MEMBERS: '5000',
  MAX_SOCKETS_PER_IP: '20',
  MAX_PENDING_HANDSHAKES: '100',
  FLOW_WINDOW_BYTES: String(1024 * 1024),
  FLOW_SOCKET_CAP_BYTES: String(4 * 1024 * 1024),
  FLOW_ROOM_CAP_BYTES: String(64 * 1024 * 1024),
  FLOW_ACK_TIMEOUT_MS: '20000',
  FLOW_PAGE_BYTES: String(256 * 1024),
  EXPENSIVE_PER_MIN: '60',
  EXPENSIVE_BURST: '20',
  MAX_DOWNLOADS_PER_SOCKET: '3',
  MAX_DOWNLOADS_PER_ROOM: '32',
  MAX_REACTIONS_PER_MESSAGE: String(DEFAULT_MAX_REACTIONS_PER_MESSAGE),
  MAX_ROOMS: '1000',
  ROOM_CREATIONS_PER_HOUR: '10',
} as const;

export type SettingName = keyof typeof CONFIG_DEFAULTS;

/**
 * Secrets (`wrangler secret put`, or .dev.vars locally) stay out of the config object, which is
 * handed around: each is read from `env` only where it is used (admin-auth.ts, room-key-loader.ts).
 */
export const SECRET_NAMES = ['ROOM_PRIVATE_KEY', 'ADMIN_TOKEN'] as const;

/** wrangler [vars] may hold a number as well as a string. */
const numeric = v.pipe(v.union([v.string(), v.number()]), v.transform(Number), v.number(), v.finite());
const positiveNumber = v.pipe(numeric, v.gtValue(0));
const positiveInteger = v.pipe(numeric, v.safeInteger(), v.gtValue(0));
/** Comma-separated, each entry trimmed, empty entries dropped. */
const commaList = v.pipe(
  v.string(),
  v.transform((value): readonly string[] =>
    Object.freeze(
      value
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    ),
  ),
);

export const ConfigSchema = v.object({
  /** Extra origins allowed to open /ws (worker/http/origin-check.ts). */
  ALLOWED_ORIGINS: v.optional(
    v.pipe(
      v.string(),
      v.transform((value): ReadonlySet<string> => parseAllowList(value)),
    ),
    CONFIG_DEFAULTS.ALLOWED_ORIGINS,
  ),
  /** Each socket's token bucket (worker/room/flood-guard.ts). */
  RATE_LIMIT_PER_SEC: v.optional(positiveNumber, CONFIG_DEFAULTS.RATE_LIMIT_PER_SEC),
  RATE_LIMIT_BURST: v.optional(positiveNumber, CONFIG_DEFAULTS.RATE_LIMIT_BURST),
  /** File sharing (worker/room/files/file-limits.ts). */
  MAX_FILE_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_FILE_BYTES),
  ALLOWED_FILE_TYPES: v.optional(v.pipe(commaList, v.minLength(1)), CONFIG_DEFAULTS.ALLOWED_FILE_TYPES),
  FILE_TTL_HOURS: v.optional(positiveNumber, CONFIG_DEFAULTS.FILE_TTL_HOURS),
  MAX_STAGED_BYTES_PER_USER: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_STAGED_BYTES_PER_USER),
  MAX_STAGED_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_STAGED_BYTES),
  /** Public history kept (worker/room/messages/history-policy.ts). */
  HISTORY_MAX_MESSAGES: v.optional(positiveNumber, CONFIG_DEFAULTS.HISTORY_MAX_MESSAGES),
  HISTORY_MAX_DAYS: v.optional(positiveNumber, CONFIG_DEFAULTS.HISTORY_MAX_DAYS),
  /** Audit log retention (worker/room/audit/audit-retention.ts). */
  AUDIT_RETENTION_DAYS: v.optional(positiveNumber, CONFIG_DEFAULTS.AUDIT_RETENTION_DAYS),
  AUDIT_MAX_ROWS: v.optional(positiveInteger, CONFIG_DEFAULTS.AUDIT_MAX_ROWS),
  /** "off" silences the room's event logs (worker/room/log.ts; the worker tests set it). */
  LOG_EVENTS: v.optional(v.picklist(['on', 'off']), CONFIG_DEFAULTS.LOG_EVENTS),
  /** Feeds local R2 in slices with event-loop turns (worker/room/files/local-r2-pacing.ts); "off" in production. */
  LOCAL_R2_PACING: v.optional(
    v.pipe(v.string(), v.trim(), v.toLowerCase(), v.picklist(['on', 'off'])),
    CONFIG_DEFAULTS.LOCAL_R2_PACING,
  ),
  /** Admission caps (worker/room/admission/admission-settings.ts). */
  MAX_MEMBERS: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_MEMBERS),
  MAX_SOCKETS_PER_IP: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_SOCKETS_PER_IP),
  MAX_PENDING_HANDSHAKES: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_PENDING_HANDSHAKES),
  /** Outbound flow control (worker/room/flow-limits.ts, socket-flow.ts). */
  FLOW_WINDOW_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.FLOW_WINDOW_BYTES),
  FLOW_SOCKET_CAP_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.FLOW_SOCKET_CAP_BYTES),
  FLOW_ROOM_CAP_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.FLOW_ROOM_CAP_BYTES),
  FLOW_ACK_TIMEOUT_MS: v.optional(positiveInteger, CONFIG_DEFAULTS.FLOW_ACK_TIMEOUT_MS),
  FLOW_PAGE_BYTES: v.optional(positiveInteger, CONFIG_DEFAULTS.FLOW_PAGE_BYTES),
  /** Each socket's budget of expensive requests (worker/room/expensive-guard.ts). */
  EXPENSIVE_PER_MIN: v.optional(positiveNumber, CONFIG_DEFAULTS.EXPENSIVE_PER_MIN),
  EXPENSIVE_BURST: v.optional(v.pipe(numeric, v.minValue(1)), CONFIG_DEFAULTS.EXPENSIVE_BURST),
  /** Download pumps running at once (worker/room/files/download-slots.ts); more wait their turn. */
  MAX_DOWNLOADS_PER_SOCKET: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_DOWNLOADS_PER_SOCKET),
  MAX_DOWNLOADS_PER_ROOM: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_DOWNLOADS_PER_ROOM),
  /** Distinct emoji a message may carry (worker/room/handlers/message-events.ts); one more is too_many_reactions. */
  MAX_REACTIONS_PER_MESSAGE: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_REACTIONS_PER_MESSAGE),
  /** Rooms per deployment, and new rooms an hour per client IP (worker/directory/room-directory.ts). */
  MAX_ROOMS: v.optional(positiveInteger, CONFIG_DEFAULTS.MAX_ROOMS),
  ROOM_CREATIONS_PER_HOUR: v.optional(positiveNumber, CONFIG_DEFAULTS.ROOM_CREATIONS_PER_HOUR),
});

export type Config = Readonly<v.InferOutput<typeof ConfigSchema>>;

export interface ParsedConfig {
  config: Config;
  /** Settings whose value did not parse, so that their default is used instead. */
  invalid: readonly SettingName[];
}

const SETTING_NAMES = Object.keys(CONFIG_DEFAULTS) as SettingName[];

function isSettingName(name: unknown): name is SettingName {
  return typeof name === 'string' && name in CONFIG_DEFAULTS;
}

/** Reads the settings from `env` (other bindings are ignored); blank counts as unset. Pure. */
export function parseConfig(env: object): ParsedConfig {
  const input: Record<string, unknown> = {};
  for (const name of SETTING_NAMES) {
    const value: unknown = Reflect.get(env, name);
    if (!(typeof value === 'string' && value.trim() === '')) input[name] = value;
  }
  const first = v.safeParse(ConfigSchema, input);
  if (first.success) return { config: Object.freeze(first.output), invalid: [] };
  const invalid = [...new Set(first.issues.map((issue) => issue.path?.[0]?.key).filter(isSettingName))];
  for (const name of invalid) delete input[name];
  // Every setting left is valid or unset, so this parse succeeds.
  return { config: Object.freeze(v.parse(ConfigSchema, input)), invalid };
}

const parsedFor = new WeakMap<object, Config>();

/**
 * The settings of this `env`, parsed on first use and kept: once per DO instance or worker isolate.
 * Invalid values are logged then (by name, with the default used), unless LOG_EVENTS is off.
 */
export function configOf(env: object): Config {
  const known = parsedFor.get(env);
  if (known) return known;
  const { config, invalid } = parseConfig(env);
  if (config.LOG_EVENTS === 'on') {
    for (const name of invalid) logEvent('config_invalid', { name, fallback: CONFIG_DEFAULTS[name] });
  }
  parsedFor.set(env, config);
  return config;
}
