// SHA-256 of a whole file, as lower-case hex (the form file_offer and file_offered carry).
// WebCrypto only, so it runs in browsers, Node and workerd; one digest call is fine up to 25 MiB.

import { type Bytes, toHex } from '#crypto/base64';

export async function sha256Hex(data: Bytes | ArrayBuffer): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', data)));
}
