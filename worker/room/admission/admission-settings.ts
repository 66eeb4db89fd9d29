// The room's admission caps, read from the wrangler vars MAX_MEMBERS and MAX_SOCKETS_PER_IP with
// the defaults below when unset or invalid. One pure parse, so that the settings module can take it over.

export const DEFAULT_MAX_MEMBERS = 5_000;
export const DEFAULT_MAX_SOCKETS_PER_IP = 20;

export interface AdmissionSettings {
  /** Open sockets the room accepts in all, joined or not: members can never outnumber them. */
  maxMembers: number;
  /** Open sockets from one client IP (CF-Connecting-IP). */
  maxSocketsPerIp: number;
}

export interface AdmissionVars {
  MAX_MEMBERS?: string;
  MAX_SOCKETS_PER_IP?: string;
}

export function admissionSettingsFrom(vars: AdmissionVars): AdmissionSettings {
  return {
    maxMembers: positiveInteger(vars.MAX_MEMBERS, DEFAULT_MAX_MEMBERS),
    maxSocketsPerIp: positiveInteger(vars.MAX_SOCKETS_PER_IP, DEFAULT_MAX_SOCKETS_PER_IP),
  };
}

function positiveInteger(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isSafeInteger(n) && n > 0 ? n : fallback;
}
