// The room's door (ChatRoom.fetch): digests the client's IP, counts the open sockets and decides
// whether one more may come in (admission-check.ts). Tested in test/worker/admission.test.ts.

import type { RoomStore } from '../room-store';
import { admissionRefusal, countOpenSockets, type OpenSocket, type Refusal } from './admission-check';
import { type AdmissionSettings, type AdmissionVars, admissionSettingsFrom } from './admission-settings';
import { IpDigester } from './ip-digest';

export type Admitted = { refusal: Refusal } | { refusal: null; ipDigest: string | undefined };

export class Admission {
  readonly settings: AdmissionSettings;
  private readonly digester: IpDigester;

  constructor(vars: AdmissionVars, store: Pick<RoomStore, 'getMeta' | 'setMeta'>) {
    this.settings = admissionSettingsFrom(vars);
    this.digester = new IpDigester(store);
  }

  /**
   * The refusal to answer, or the IP digest the new socket keeps. Order matters: the sockets are
   * counted after the last await, so that two upgrades cannot both take the last place (the caller
   * accepts the socket without awaiting in between).
   */
  async decide(request: Request, openSockets: () => Iterable<OpenSocket | null>): Promise<Admitted> {
    const ipDigest = await this.digester.ofRequest(request);
    const refusal = admissionRefusal(countOpenSockets(openSockets(), ipDigest), this.settings);
    return refusal ? { refusal } : { refusal: null, ipDigest };
  }
}
