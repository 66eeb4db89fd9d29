// Unit tests for the file-message unions in worker/protocol/file-messages.ts: the room's dispatcher
// and the client import them, so they must be exactly the file_* members of the full protocol.
// The expectTypeOf checks fail `npm run typecheck`; the others fail at run time.

import { describe, expect, expectTypeOf, it } from 'vitest';
import { CLIENT_SCHEMAS, type ClientMessage } from '#protocol/client-messages';
import {
  FILE_CLIENT_SCHEMAS,
  FILE_SERVER_SCHEMAS,
  type FileClientMessage,
  type FileServerMessage,
} from '#protocol/file-messages';
import { ServerMessage } from '#protocol/server-messages';

const isFileType = (type: string) => type.startsWith('file_');

describe('FileClientMessage', () => {
  it('is exactly the client messages whose type starts with file_', () => {
    expectTypeOf<FileClientMessage>().toEqualTypeOf<Extract<ClientMessage, { type: `file_${string}` }>>();
    expect(Object.keys(FILE_CLIENT_SCHEMAS).sort()).toEqual(
      Object.keys(CLIENT_SCHEMAS).filter(isFileType).sort(),
    );
  });
});

describe('FileServerMessage', () => {
  it('is exactly the room messages whose type starts with file_', () => {
    expectTypeOf<FileServerMessage>().toEqualTypeOf<Extract<ServerMessage, { type: `file_${string}` }>>();
    const serverTypes = ServerMessage.options.map((schema) => schema.entries.type.literal);
    expect(FILE_SERVER_SCHEMAS.map((schema) => schema.entries.type.literal).sort()).toEqual(
      serverTypes.filter(isFileType).sort(),
    );
  });
});
