// File cards as the UI contract names them: the log row holding a file, its "Accept" and
// "Decline" buttons, progress bar, "Download" link and inline preview; a probe that records
// every progress bar a page shows, however briefly (a small file finishes in a blink); and
// in-page DataTransfers for drag-and-drop and paste.

import type { JSHandle, Locator } from 'playwright-core';
import { expect } from 'vitest';
import type { ChatPage } from './chat-page';

const exact = (name: string) => ({ name, exact: true });

/** A file to hand to `setInputFiles` or a file chooser. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** The active log's row showing the file card for `fileName`. */
export function fileRow(chat: ChatPage, fileName: string): Locator {
  return chat.rows.filter({ has: chat.page.getByText(fileName, { exact: true }) });
}

export function fileButton(row: Locator, name: 'Accept' | 'Decline' | 'Cancel'): Locator {
  return row.getByRole('button', exact(name));
}

export function downloadLink(row: Locator): Locator {
  return row.getByRole('link', exact('Download'));
}

/** The inline preview of an image file: `<img alt="<file name>">`. */
export function imagePreview(row: Locator, fileName: string): Locator {
  return row.getByRole('img', exact(fileName));
}

/** The image's natural size once Chromium decoded it; 0 × 0 while loading or if it failed. */
export function decodedSize(image: Locator): Promise<{ width: number; height: number }> {
  return image.evaluate((element) => {
    const img = element as HTMLImageElement;
    return img.complete ? { width: img.naturalWidth, height: img.naturalHeight } : { width: 0, height: 0 };
  });
}

/** The value (0–100) of the progress bar named `label`, or -1 while there is none. */
export async function progressValue(chat: ChatPage, label: string): Promise<number> {
  const bar = chat.page.getByRole('progressbar', exact(label));
  if ((await bar.count()) === 0) return -1;
  return Number((await bar.getAttribute('aria-valuenow', { timeout: 1_000 }).catch(() => null)) ?? -1);
}

/** Resolves once the progress bar named `label` shows at least `percent`. */
export async function progressReaches(chat: ChatPage, label: string, percent: number): Promise<void> {
  await expect
    .poll(() => progressValue(chat, label), { timeout: 30_000, interval: 50 })
    .toBeGreaterThanOrEqual(percent);
}

export interface ProgressSample {
  label: string | null;
  valueNow: string | null;
}

const PROGRESS_LOG = '__chatspaceProgressbars';

/**
 * Starts recording every `role="progressbar"` the page adds or updates (its aria-label and
 * aria-valuenow), through a MutationObserver; read them back with `progressSeen`.
 */
export async function watchProgressbars(chat: ChatPage): Promise<void> {
  await chat.page.evaluate((key) => {
    const seen: { label: string | null; valueNow: string | null }[] = [];
    Object.assign(window, { [key]: seen });
    const record = (element: Element) =>
      seen.push({
        label: element.getAttribute('aria-label'),
        valueNow: element.getAttribute('aria-valuenow'),
      });
    const visit = (node: Node) => {
      if (!(node instanceof Element)) return;
      if (node.getAttribute('role') === 'progressbar') record(node);
      for (const bar of node.querySelectorAll('[role="progressbar"]')) record(bar);
    };
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        if (mutation.type === 'attributes') visit(mutation.target);
        else mutation.addedNodes.forEach(visit);
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  }, PROGRESS_LOG);
}

export function progressSeen(chat: ChatPage): Promise<ProgressSample[]> {
  return chat.page.evaluate(
    (key) => ((window as unknown as Record<string, ProgressSample[] | undefined>)[key] ?? []).slice(),
    PROGRESS_LOG,
  );
}

/**
 * A DataTransfer inside the page holding `files` (as File objects built there from their bytes),
 * for dispatching `drop` or `paste` events the way a drag from the desktop or a paste would.
 */
export function dataTransferOf(
  chat: ChatPage,
  files: readonly PickedFile[],
): Promise<JSHandle<DataTransfer>> {
  const payload = files.map((file) => ({
    name: file.name,
    mimeType: file.mimeType,
    base64: file.buffer.toString('base64'),
  }));
  return chat.page.evaluateHandle((picked) => {
    const transfer = new DataTransfer();
    for (const file of picked) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: file.mimeType }));
    }
    return transfer;
  }, payload);
}
