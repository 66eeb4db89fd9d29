// The delivery state of one of our private messages: one tick for Sent, two for Delivered, two
// coloured for Seen. An image with its state as the accessible name; the ticks are drawn by CSS,
// so the row's text content stays `(Private) (alice → bob) (14:23:15): text`.

export type ReceiptState = 'sent' | 'delivered' | 'seen';

const LABELS: Record<ReceiptState, string> = { sent: 'Sent', delivered: 'Delivered', seen: 'Seen' };

export function ReceiptTick({ state }: { state: ReceiptState }) {
  return <span class={`tick tick--${state}`} role="img" aria-label={LABELS[state]} title={LABELS[state]} />;
}

/** Where our message `id` to a peer stands, given that peer's cumulative receipt. */
export function receiptState(
  id: number,
  receipt: { delivered: number; seen: number } | undefined,
): ReceiptState {
  if (receipt && id <= receipt.seen) return 'seen';
  if (receipt && id <= receipt.delivered) return 'delivered';
  return 'sent';
}
