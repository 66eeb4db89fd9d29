// Human-readable sizes and speeds for file cards: "0 B", "12.3 KB", "25 MB", "3.1 MB/s".
// Binary units (1 KB = 1024 B), one decimal below 100. Pure; unit-tested.

import type { TransferProgress } from '../../core/file-transfer/transfer-progress';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // One decimal while it says something ("3.1 MB"), none from 100 up or when it is ".0".
  const rounded = value < 100 ? Math.round(value * 10) / 10 : Math.round(value);
  if (rounded >= 1024 && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1]}`;
  return `${rounded} ${UNITS[unit]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A progress bar's caption: "42% · 3.1 MB/s", or just "42%" before the speed is known. */
export function progressLabel(progress: Pick<TransferProgress, 'percent' | 'bytesPerSecond'>): string {
  return progress.bytesPerSecond > 0
    ? `${progress.percent}% · ${formatSpeed(progress.bytesPerSecond)}`
    : `${progress.percent}%`;
}
