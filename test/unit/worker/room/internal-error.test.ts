// Unit tests for worker/room/internal-error.ts and errorName (worker/room/log.ts): an internal
// error's log line names where it happened, the message type when a handler threw it, and the
// error's class, never its message.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { HandlerError, handling, logInternalError } from '../../../../worker/room/internal-error';
import { errorName } from '../../../../worker/room/log';

afterEach(() => {
  vi.restoreAllMocks();
});

function logged(run: () => void): unknown[] {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  run();
  return log.mock.calls.map((call) => JSON.parse(String(call[0])));
}

describe('errorName', () => {
  it("is an error's class name, and 'unknown' for anything thrown that is not an Error", () => {
    expect(errorName(new TypeError('secret'))).toBe('TypeError');
    expect(errorName('a thrown string')).toBe('unknown');
    expect(errorName(undefined)).toBe('unknown');
  });
});

describe('handling', () => {
  it("labels a handler's error with the message type, keeping the error as its cause", async () => {
    const cause = new RangeError('secret');
    const thrown = await handling('file_accept', async () => {
      throw cause;
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(HandlerError);
    expect(thrown).toMatchObject({ type: 'file_accept', cause });
  });

  it('passes a handler that succeeds through untouched', async () => {
    await expect(handling('msg', async () => undefined)).resolves.toBeUndefined();
  });
});

describe('logInternalError', () => {
  it("names where, the handled message's type and the original error's class, and returns the type", () => {
    let type: string | undefined;
    const lines = logged(() => {
      type = logInternalError('webSocketMessage', new HandlerError('file_accept', new TypeError('the text')));
    });
    expect(type).toBe('file_accept');
    expect(lines).toEqual([
      { event: 'internal_error', where: 'webSocketMessage', type: 'file_accept', error: 'TypeError' },
    ]);
  });

  it('leaves the type out when the error did not come from a message handler', () => {
    expect(logged(() => logInternalError('alarm', new Error('the text')))).toEqual([
      { event: 'internal_error', where: 'alarm', error: 'Error' },
    ]);
  });
});
