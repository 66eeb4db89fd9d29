// "Export TXT" and "Export JSON": download the open conversation as it reads in the log.

import type { ExportFormat } from './format/export';
import type { LogLine } from './state/log-lines';

interface ExportButtonsProps {
  lines: readonly LogLine[];
  title: string;
  hour12: boolean;
}

/** The exporter loads on the first click (it is not part of the first load). */
async function download(
  lines: readonly LogLine[],
  title: string,
  format: ExportFormat,
  hour12: boolean,
): Promise<void> {
  const { exportConversation } = await import('./format/export');
  const file = exportConversation(lines, title, format, hour12);
  const url = URL.createObjectURL(new Blob([file.content], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.click();
  // The download has started by the next task; the URL is not needed after that.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function ExportButtons({ lines, title, hour12 }: ExportButtonsProps) {
  return (
    <fieldset class="export">
      <legend class="visually-hidden">Export conversation</legend>
      {(['txt', 'json'] as const).map((format) => (
        <button
          key={format}
          type="button"
          class="button button--small"
          disabled={lines.length === 0}
          onClick={() => void download(lines, title, format, hour12)}
        >
          Export {format.toUpperCase()}
        </button>
      ))}
    </fieldset>
  );
}
