// A received file shows and saves under a name that ends in the extension of the type the room
// detected from its bytes (savedFileName in worker/protocol/file-name.ts): a PDF called
// "invoice.html" cannot be opened as a web page from the downloads folder.

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBrowserRoom } from './support/browser-room';
import { eventually } from './support/chat-page';
import { downloadLink, fileButton, fileRow } from './support/file-cards';
import { sha256Hex } from './support/png';
import { tinyPdf } from './support/sample-files';

const room = useBrowserRoom();

describe('saved file names', () => {
  it('saves a PDF named "invoice.html" as "invoice.html.pdf", the name its card shows', async () => {
    const alice = await room.join('alice');
    const bob = await room.join('bob');
    const pdf = tinyPdf();

    // The client sniffs the bytes too and declares application/pdf, whatever the name says.
    await alice.attachFile.setInputFiles({ name: 'invoice.html', mimeType: 'text/html', buffer: pdf });
    await expect
      .poll(() => fileRow(alice, 'invoice.html').textContent(), eventually)
      .toContain('Offered to everyone');

    const offer = fileRow(bob, 'invoice.html.pdf');
    await expect.poll(() => offer.textContent(), eventually).toContain('application/pdf');
    expect(await fileRow(bob, 'invoice.html').count()).toBe(0);
    await fileButton(offer, 'Accept').click();
    const link = downloadLink(offer);
    await link.waitFor();
    expect(await link.getAttribute('download')).toBe('invoice.html.pdf');
    const [download] = await Promise.all([bob.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('invoice.html.pdf');
    expect(sha256Hex(await readFile(await download.path()))).toBe(sha256Hex(pdf));
  });
});
