// Frees a large transient buffer now rather than at V8's next full collection. ArrayBuffer memory
// lives outside the JS heap, and V8 collects it only after tens of MiB of it have piled up: with
// every 256 KiB file chunk copied a few times (decrypted, packed, encrypted, sealed), a 25 MiB
// upload grew workerd by about 90 MiB, and touching fresh pages cost more CPU than the copies.

type Detachable = ArrayBuffer & { transfer?: (newLength?: number) => ArrayBuffer };

/**
 * Detaches the buffer under `bytes` (ArrayBuffer.prototype.transfer(0)), which frees its memory at
 * once. Only for a buffer nothing reads any more: every view of it becomes empty.
 */
export function releaseBuffer(bytes: ArrayBufferView | ArrayBuffer): void {
  const buffer = (ArrayBuffer.isView(bytes) ? bytes.buffer : bytes) as Detachable;
  try {
    buffer.transfer?.(0);
  } catch {
    // Not detachable (e.g. WebAssembly memory) or already detached: the GC will have it.
  }
}
