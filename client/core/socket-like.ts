// The little of a WebSocket the client core needs. Browsers' WebSocket, Node's `ws` and
// workerd's WebSocket all fit, so the same core runs in the UI, the tests and the bench.

export interface SocketLike {
  readonly readyState: number;
  /** Bytes sent but not yet on the wire (browsers and `ws`; absent in workerd). */
  readonly bufferedAmount?: number;
  binaryType: string;
  send(data: string | ArrayBufferView | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'close', listener: (event: { code: number; reason: string }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/** Opens a new socket to the room, e.g. `() => new WebSocket(url)`. */
export type SocketFactory = () => SocketLike;

export const OPEN = 1;

/** Normalises a message event's data to text or bytes, whichever runtime delivered it. */
export function frameData(data: unknown): string | Uint8Array<ArrayBuffer> | null {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) {
    return new Uint8Array(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer,
    );
  }
  return null;
}
