// How many chunks a download may have unacknowledged: enough to keep the recipient's link busy,
// few enough that a chat message for the recipient does not queue behind seconds of file data on
// a slow link (a fixed 8 × 256 KiB held one for 2.9 s at 750 KB/s). The room cannot see a socket's
// buffer, so it sizes the window from the pace of the recipient's acknowledgements. Pure, unit
// tested in Node (test/unit/worker/room/files/download-window.test.ts).

/** How long a chat message may wait behind file data on the recipient's link, about. */
export const QUEUE_TARGET_MS = 250;
/** Never fewer chunks in flight than this: one on the link while the next one's ack comes back. */
export const MIN_DOWNLOAD_WINDOW = 2;
/** The acknowledgement rate is measured over about this long. */
const RATE_SPAN_MS = 1_000;

export class DownloadWindow {
  /** (time, bytes acknowledged so far), oldest first, spanning about RATE_SPAN_MS. */
  private samples: { at: number; bytes: number }[] = [];
  private bytes = 0;

  constructor(
    private readonly chunkBytes: number,
    private readonly max: number,
  ) {}

  /** The recipient acknowledged `bytes` more at `at` (ms). */
  acked(at: number, bytes: number): void {
    this.bytes += bytes;
    this.samples.push({ at, bytes: this.bytes });
    // Keep one sample at or before the span's start, so the rate covers the whole span.
    while (this.samples.length > 2 && (this.samples[1]?.at ?? at) <= at - RATE_SPAN_MS) this.samples.shift();
  }

  /** Chunks that may be unacknowledged now: the link's rate times QUEUE_TARGET_MS, plus one. */
  get size(): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    // Until two acknowledgements have come, the rate is unknown: start small.
    if (!first || !last || last === first) return MIN_DOWNLOAD_WINDOW;
    const elapsed = last.at - first.at;
    // Acknowledgements handled within one tick of the clock: a fast link.
    if (elapsed <= 0) return this.max;
    const bytesPerMs = (last.bytes - first.bytes) / elapsed;
    const chunks = Math.ceil((bytesPerMs * QUEUE_TARGET_MS) / this.chunkBytes) + 1;
    return Math.min(this.max, Math.max(MIN_DOWNLOAD_WINDOW, chunks));
  }
}

/**
 * How many chunks from `sent` a pump reads out of their staged object now, and sends at once: the
 * rest of the object, or a window's worth if that is less; 0 (wait for acknowledgements) while the
 * window has no room for all of them. Each object is AES-GCM sealed as a whole, so every read
 * decrypts all of it (up to 1 MiB): waiting for room to send a batch, rather than reading for each
 * chunk the window lets go, keeps that to one read per object, or a few on a slow link (window <
 * objectChunks), and the pump keeps nothing between reads.
 */
export function readBatch(window: number, sent: number, acked: number, objectEnd: number): number {
  const free = window - (sent - acked);
  const wanted = Math.min(objectEnd - sent, window);
  return wanted > 0 && free >= wanted ? wanted : 0;
}
