// Unit tests for receiptState in client/ui/receipt-tick.tsx: where one of our private messages
// stands (Sent, Delivered, Seen) given the peer's cumulative receipt.

import { describe, expect, it } from 'vitest';
import { receiptState } from '../../../../client/ui/receipt-tick';

describe('receiptState', () => {
  it('shows a message as sent until the peer has sent any receipt', () => {
    expect(receiptState(1, undefined)).toBe('sent');
    expect(receiptState(1, { delivered: 0, seen: 0 })).toBe('sent');
  });

  it('shows a message as sent while the receipt covers only older messages', () => {
    expect(receiptState(11, { delivered: 10, seen: 10 })).toBe('sent');
  });

  it('shows every message up to the delivered id as delivered, that one included', () => {
    const receipt = { delivered: 10, seen: 4 };
    expect(receiptState(10, receipt)).toBe('delivered');
    expect(receiptState(5, receipt)).toBe('delivered');
    expect(receiptState(11, receipt)).toBe('sent');
  });

  it('shows every message up to the seen id as seen, that one included', () => {
    const receipt = { delivered: 10, seen: 4 };
    expect(receiptState(4, receipt)).toBe('seen');
    expect(receiptState(1, receipt)).toBe('seen');
  });

  it('shows a message as seen even if the delivered id lags behind', () => {
    expect(receiptState(7, { delivered: 3, seen: 8 })).toBe('seen');
  });
});
