// Scenario 4: workerd resident memory (VmRSS) before and after N clients have joined, per client.
// The room's workerd is what a deployment pays for; wrangler's proxy workerd is shown apart.

import type { DevServer } from '../server';

export interface RssSample {
  roomKiB: number;
  proxyKiB: number;
}

export interface MemoryResult {
  clients: number;
  before: RssSample;
  after: RssSample;
  roomKiBPerClient: number;
  proxyKiBPerClient: number;
}

export function sampleRss(server: DevServer): RssSample {
  const { room, proxy } = server.workerd();
  return { roomKiB: room?.rssKiB ?? Number.NaN, proxyKiB: proxy?.rssKiB ?? Number.NaN };
}

export function memoryPerClient(clients: number, before: RssSample, after: RssSample): MemoryResult {
  return {
    clients,
    before,
    after,
    roomKiBPerClient: (after.roomKiB - before.roomKiB) / clients,
    proxyKiBPerClient: (after.proxyKiB - before.proxyKiB) / clients,
  };
}
