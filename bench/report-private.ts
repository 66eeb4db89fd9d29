// The rows of issue 12's targets: private messages sealed end to end next to Lobby messages in the
// same run (p50 overhead), a fresh pair's first private message, and a sealed private file next to
// a Lobby file of the same size (end-to-end throughput ratio). Scenarios: private-chat.ts and
// file-transfer.ts (runPrivateFilePhases in sequence.ts).

import type { FileTransferResult } from './scenarios/file-transfer';
import type { PrivateChatResult } from './scenarios/private-chat';
import { formatNumber as fmt, type Row } from './table';
import { TARGETS } from './targets';

/** A sealed private file and a Lobby file of the same size, sent between the same two clients. */
export interface PrivateFileResult {
  lobby: FileTransferResult;
  sealed: FileTransferResult;
}

type RowOf = (
  metric: string,
  result: string,
  target?: (typeof TARGETS)[keyof typeof TARGETS],
  scale?: string,
  value?: number | null,
) => Row;

/** Offer → verified at the receiver, both directions together, in MB/s. */
function endToEnd(t: FileTransferResult): number {
  return t.bytes / 1e6 / (t.upload.seconds + t.download.seconds);
}

export function privateRows(
  chat: PrivateChatResult | null,
  files: PrivateFileResult | null,
  row: RowOf,
  scales: { chat: string; file: string },
): Row[] {
  const rows: Row[] = [];
  if (chat) {
    const missing =
      chat.received.lobby + chat.received.sealed < 2 * chat.sent
        ? ` (${fmt(2 * chat.sent - chat.received.lobby - chat.received.sealed)} missing)`
        : '';
    const overhead = chat.sealed.p50 - chat.lobby.p50;
    rows.push(
      row(
        `Private message latency, sealed vs Lobby: 2 of ${fmt(chat.clients)} clients, ${chat.ratePerSec} msg/s each, ${chat.seconds} s`,
        `sealed p50 ${fmt(chat.sealed.p50, 1)} / p99 ${fmt(chat.sealed.p99, 1)} ms; Lobby p50 ${fmt(chat.lobby.p50, 1)} / ` +
          `p99 ${fmt(chat.lobby.p99, 1)} ms; overhead at p50 ${fmt(overhead, 1)} ms${missing}`,
        TARGETS.privateOverhead,
        missing ? '' : scales.chat,
        overhead,
      ),
      row(
        `First private conversation: join → first sealed message opened (${chat.firstConversation.count} fresh pairs)`,
        `p50 ${fmt(chat.firstConversation.p50, 1)} ms, max ${fmt(chat.firstConversation.max, 1)} ms`,
        TARGETS.firstConversation,
        scales.chat,
        chat.firstConversation.p50,
      ),
    );
  } else {
    rows.push(row('Private message latency, sealed vs Lobby', 'not measured', TARGETS.privateOverhead));
  }
  if (files) {
    const { lobby, sealed } = files;
    const ratio = endToEnd(sealed) / endToEnd(lobby);
    rows.push(
      row(
        `Private file sealed end to end vs Lobby file: ${fmt(sealed.bytes / 2 ** 20, 0)} MiB, offer → verified (local R2 in workerd)`,
        `sealed ${fmt(endToEnd(sealed), 1)} MB/s (up ${fmt(sealed.upload.mbPerSec, 1)}, down ${fmt(sealed.download.mbPerSec, 1)}); ` +
          `Lobby ${fmt(endToEnd(lobby), 1)} MB/s (up ${fmt(lobby.upload.mbPerSec, 1)}, down ${fmt(lobby.download.mbPerSec, 1)}); ` +
          `${fmt(ratio * 100)} %`,
        TARGETS.privateFile,
        sealed.drops + lobby.drops > 0 ? '' : scales.file,
        ratio,
      ),
    );
  } else {
    rows.push(row('Private file sealed end to end vs Lobby file', 'not measured', TARGETS.privateFile));
  }
  return rows;
}
