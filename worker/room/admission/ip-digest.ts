// Turns a client IP into a short keyed digest (HMAC-SHA-256 under a random key kept in the room's
// SQLite, first 16 bytes): what a socket attachment keeps to count sockets per IP. An unkeyed hash
// of an IPv4 address can be reversed by trying all 2^32; without the room's key it cannot, and the
// raw address is never stored or logged.

import { randomBytes, toBase64Url } from '../../crypto/base64';
import type { RoomStore } from '../room-store';
import { CLIENT_IP_HEADER } from './client-ip-header';

const META_KEY = 'ip_digest_key';
const encoder = new TextEncoder();

export class IpDigester {
  private key: Promise<CryptoKey> | null = null;

  constructor(private readonly store: Pick<RoomStore, 'getMeta' | 'setMeta'>) {}

  /** The digest of the IP the worker passed in CLIENT_IP_HEADER; undefined without one. */
  ofRequest(request: Request): Promise<string | undefined> {
    const ip = request.headers.get(CLIENT_IP_HEADER);
    return ip ? this.digest(ip) : Promise.resolve(undefined);
  }

  async digest(ip: string): Promise<string> {
    this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = null; // the next call retries
      throw error;
    });
    const mac = await crypto.subtle.sign('HMAC', await this.key, encoder.encode(ip));
    return toBase64Url(new Uint8Array(mac, 0, 16));
  }

  private loadKey(): Promise<CryptoKey> {
    let raw = this.store.getMeta(META_KEY);
    if (!(raw instanceof ArrayBuffer)) {
      const fresh = randomBytes(32);
      this.store.setMeta(META_KEY, fresh.buffer.slice(fresh.byteOffset, fresh.byteOffset + 32));
      raw = this.store.getMeta(META_KEY);
    }
    if (!(raw instanceof ArrayBuffer)) throw new Error('ip digest key not stored');
    return crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  }
}
