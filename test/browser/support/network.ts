// Slows one person's network down through the DevTools protocol, so a transfer lasts long
// enough to be interrupted on purpose. Chromium throttles WebSocket frames too.

import type { ChatPage } from './chat-page';

/** Caps `chat`'s page at `bytesPerSecond` each way (no added latency) until the page closes. */
export async function throttle(chat: ChatPage, bytesPerSecond: number): Promise<void> {
  const cdp = await chat.context.newCDPSession(chat.page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}
