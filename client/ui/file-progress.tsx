// A transfer's progress bar (role="progressbar", 0–100) with its caption, e.g. "42% · 3.1 MB/s".
// The fill's width is set through the CSSOM (Preact's style object), which the CSP allows.

import type { TransferProgress } from '../core/file-transfer/transfer-progress';
import { progressLabel } from './format/file-size';

export function FileProgress({ progress, label }: { progress: TransferProgress; label: string }) {
  const text = progressLabel(progress);
  return (
    <div class="file-progress">
      <div
        role="progressbar"
        class="progress"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={text}
      >
        <div class="progress-fill" style={{ width: `${progress.percent}%` }} />
      </div>
      <span class="progress-text">{text}</span>
    </div>
  );
}
