// What an upload reads from: bytes in memory, or a Blob (a browser File) read one slice at a
// time, so a page never holds a second copy of the whole file while chunks go out.

import type { Bytes } from '#crypto/base64';
import { sha256Hex } from './sha256';

/** The part of a Blob (or File) an upload needs; Node's and browsers' Blob both fit. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type FileData = Uint8Array | BlobLike;

export function sizeOf(data: FileData): number {
  return data instanceof Uint8Array ? data.byteLength : data.size;
}

/** Bytes [start, end) of the file. A Uint8Array is viewed, not copied. */
export async function readRange(data: FileData, start: number, end: number): Promise<Uint8Array> {
  if (data instanceof Uint8Array) return data.subarray(start, end);
  return new Uint8Array(await data.slice(start, end).arrayBuffer());
}

/** The whole file's SHA-256 (hex). A Blob is read once, hashed and let go. */
export async function hashOf(data: FileData): Promise<string> {
  if (!(data instanceof Uint8Array)) return sha256Hex(await data.arrayBuffer());
  // WebCrypto wants bytes on a plain ArrayBuffer; a view on a shared or resizable one is copied.
  return sha256Hex(data.buffer instanceof ArrayBuffer ? (data as Bytes) : (data.slice() as Bytes));
}
