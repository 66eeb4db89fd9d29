// The client's comfort checks before a file is offered: not empty, not over the size limit, and
// content of an allowed type (by its first bytes, as the room decides it). The room enforces all
// of this itself; these only save a pointless upload and say why at once. Pure; unit-tested.

import { ERROR_MESSAGES } from '#protocol/errors';
import { DEFAULT_ALLOWED_FILE_TYPES, DEFAULT_MAX_FILE_BYTES } from '#protocol/limits';
import { SNIFFABLE_TYPES, sniffType } from '../../core/file-transfer/sniff-type';
import { formatBytes } from './file-size';

export interface FilePolicy {
  maxBytes: number;
  allowedTypes: readonly string[];
}

/** The room's defaults (wrangler vars can change them; the room's answer then decides). */
export const DEFAULT_FILE_POLICY: FilePolicy = {
  maxBytes: DEFAULT_MAX_FILE_BYTES,
  allowedTypes: DEFAULT_ALLOWED_FILE_TYPES,
};

const TYPE_NAMES: Record<string, string> = {
  'video/mp4': 'MP4',
  'audio/mpeg': 'MP3',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/gif': 'GIF',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};

const EXTENSIONS: Record<string, readonly string[]> = {
  'video/mp4': ['.mp4', '.m4v'],
  'audio/mpeg': ['.mp3'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
  'application/pdf': ['.pdf'],
};

/** The file input's `accept` hint: the allowed types and their usual extensions. */
export function acceptList(policy: FilePolicy = DEFAULT_FILE_POLICY): string {
  return policy.allowedTypes.flatMap((type) => [type, ...(EXTENSIONS[type] ?? [])]).join(',');
}

export function allowedTypesText(policy: FilePolicy = DEFAULT_FILE_POLICY): string {
  const names = policy.allowedTypes.map((type) => TYPE_NAMES[type] ?? type);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
}

export type FileVerdict = { ok: true; mime: string } | { ok: false; message: string };

export interface PickedFile {
  name: string;
  size: number;
  /** The browser's guess, from the name. */
  type: string;
}

/** Decides whether to offer `file`, given its first bytes (`head`, see SNIFF_BYTES). */
export function checkFile(file: PickedFile, head: Uint8Array, policy = DEFAULT_FILE_POLICY): FileVerdict {
  const refuse = (why: string): FileVerdict => ({ ok: false, message: `${file.name} was not sent: ${why}` });
  if (file.size === 0) return refuse(ERROR_MESSAGES.file_empty);
  if (file.size > policy.maxBytes) {
    const [has, limit] = [formatBytes(file.size), formatBytes(policy.maxBytes)];
    return refuse(
      `${ERROR_MESSAGES.file_too_large} The limit is ${limit}${has === limit ? '' : `; it has ${has}`}.`,
    );
  }
  const sniffed = sniffType(head);
  if (sniffed && policy.allowedTypes.includes(sniffed)) return { ok: true, mime: sniffed };
  // A room that allows types we cannot recognise decides for itself.
  if (!sniffed && policy.allowedTypes.some((type) => !SNIFFABLE_TYPES.has(type))) {
    return { ok: true, mime: file.type || 'application/octet-stream' };
  }
  const claimed = claimedType(file);
  if (!sniffed && claimed && policy.allowedTypes.includes(claimed)) {
    return refuse(
      `${ERROR_MESSAGES.file_type_mismatch} It is not a real ${TYPE_NAMES[claimed] ?? claimed} file.`,
    );
  }
  return refuse(`${ERROR_MESSAGES.file_type_refused} Allowed: ${allowedTypesText(policy)}.`);
}

/** The type the name or the browser claims, if it is one we know. */
function claimedType(file: PickedFile): string | null {
  if (TYPE_NAMES[file.type]) return file.type;
  const lower = file.name.toLowerCase();
  for (const [type, extensions] of Object.entries(EXTENSIONS)) {
    if (extensions.some((ext) => lower.endsWith(ext))) return type;
  }
  return null;
}
