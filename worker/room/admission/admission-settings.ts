// The room's admission caps, from the settings MAX_MEMBERS, MAX_SOCKETS_PER_IP and
// MAX_PENDING_HANDSHAKES (worker/config.ts parses them, with their defaults).

import { CONFIG_DEFAULTS, type Config } from '../../config';

export const DEFAULT_MAX_MEMBERS = Number(CONFIG_DEFAULTS.MAX_MEMBERS);
export const DEFAULT_MAX_SOCKETS_PER_IP = Number(CONFIG_DEFAULTS.MAX_SOCKETS_PER_IP);
export const DEFAULT_MAX_PENDING_HANDSHAKES = Number(CONFIG_DEFAULTS.MAX_PENDING_HANDSHAKES);

export interface AdmissionSettings {
  /** Open sockets the room accepts in all, joined or not: members can never outnumber them. */
  maxMembers: number;
  /** Open sockets from one client IP (CF-Connecting-IP). */
  maxSocketsPerIp: number;
  /**
   * Open sockets that have not finished the key exchange, room-wide. workerd holds about 217 KiB
   * per connected socket whatever it has said, so this bounds what silent sockets can cost
   * (100 × 217 KiB ≈ 21 MiB), while the key-exchange deadline frees their places within 10 s.
   */
  maxPendingHandshakes: number;
}

export type AdmissionVars = Pick<Config, 'MAX_MEMBERS' | 'MAX_SOCKETS_PER_IP' | 'MAX_PENDING_HANDSHAKES'>;

export function admissionSettingsFrom(vars: AdmissionVars): AdmissionSettings {
  return {
    maxMembers: vars.MAX_MEMBERS,
    maxSocketsPerIp: vars.MAX_SOCKETS_PER_IP,
    maxPendingHandshakes: vars.MAX_PENDING_HANDSHAKES,
  };
}
