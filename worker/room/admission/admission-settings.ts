// The room's admission caps, from the settings MAX_MEMBERS and MAX_SOCKETS_PER_IP (worker/config.ts
// parses them, with their defaults).

import { CONFIG_DEFAULTS, type Config } from '../../config';

export const DEFAULT_MAX_MEMBERS = Number(CONFIG_DEFAULTS.MAX_MEMBERS);
export const DEFAULT_MAX_SOCKETS_PER_IP = Number(CONFIG_DEFAULTS.MAX_SOCKETS_PER_IP);

export interface AdmissionSettings {
  /** Open sockets the room accepts in all, joined or not: members can never outnumber them. */
  maxMembers: number;
  /** Open sockets from one client IP (CF-Connecting-IP). */
  maxSocketsPerIp: number;
}

export type AdmissionVars = Pick<Config, 'MAX_MEMBERS' | 'MAX_SOCKETS_PER_IP'>;

export function admissionSettingsFrom(vars: AdmissionVars): AdmissionSettings {
  return { maxMembers: vars.MAX_MEMBERS, maxSocketsPerIp: vars.MAX_SOCKETS_PER_IP };
}
