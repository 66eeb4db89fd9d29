// The two forms of file_offer as the room parses them (worker/protocol/file-messages.ts): a sealed
// one carries an envelope of kind `file`, the ciphertext's size and chunk count and nothing that
// names the file; each form is checked field by field, so a refusal names the field at fault.

import { describe, expect, it } from 'vitest';
import { parseClientMessage } from '#protocol/parse';

const party = (name: string) => ({ name, ik: '0123456789abcdef', pk: 'fedcba9876543210' });
const b64 = (n: number) => 'A'.repeat(n);
/** Right in shape (the room checks no more); whether it opens is the recipient's business. */
const envelope = {
  v: 1,
  kind: 'file',
  cid: 7,
  from: party('alice'),
  to: party('bob'),
  iv: b64(16),
  body: b64(200),
  kr: { enc: b64(43), key: b64(64) },
  ks: { enc: b64(43), key: b64(64) },
  sig: b64(86),
};
const sealed = { type: 'file_offer', ref: 1, to: 'bob', envelope, size: 1000, chunks: 1 };

describe('a sealed file_offer', () => {
  it('parses with its envelope, size and chunk count', () => {
    const parsed = parseClientMessage(sealed);
    expect(parsed).toEqual({ ok: true, value: sealed });
  });

  it('is refused naming the field when it also names the file, its type or its hash', () => {
    for (const extra of [{ name: 'a.png' }, { mime: 'image/png' }, { sha256: 'a'.repeat(64) }]) {
      const field = Object.keys(extra)[0];
      expect(parseClientMessage({ ...sealed, ...extra })).toEqual({
        ok: false,
        code: 'bad_field',
        detail: field,
      });
    }
  });

  it('is refused without a recipient or a chunk count, or with a message envelope', () => {
    const { to: _to, ...lobby } = sealed;
    expect(parseClientMessage(lobby)).toMatchObject({ ok: false, code: 'bad_field', detail: 'to' });
    const { chunks: _chunks, ...uncounted } = sealed;
    expect(parseClientMessage(uncounted)).toMatchObject({ ok: false, code: 'bad_field', detail: 'chunks' });
    const message = { ...sealed, envelope: { ...envelope, kind: 'msg' } };
    expect(parseClientMessage(message)).toMatchObject({ ok: false, code: 'bad_field' });
  });

  it('leaves the plain form as it was: name, type and hash, no envelope', () => {
    const plain = {
      type: 'file_offer',
      ref: 2,
      name: 'a.png',
      size: 10,
      mime: 'image/png',
      sha256: 'a'.repeat(64),
    };
    expect(parseClientMessage(plain)).toEqual({ ok: true, value: plain });
    const { sha256: _sha256, ...unhashed } = plain;
    expect(parseClientMessage(unhashed)).toMatchObject({ ok: false, code: 'bad_field', detail: 'sha256' });
  });
});
