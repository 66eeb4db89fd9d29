// Unit tests for client/ui/format/file-size.ts: human-readable sizes, speeds and the progress
// caption ("42% · 3.1 MB/s") on file cards.

import { describe, expect, it } from 'vitest';
import { formatBytes, formatSpeed, progressLabel } from '../../../../../client/ui/format/file-size';

const KB = 1024;
const MB = 1024 * KB;

describe('formatBytes', () => {
  it('shows bytes below one kilobyte as whole bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with one decimal below 100, and drops a trailing ".0"', () => {
    expect(formatBytes(KB)).toBe('1 KB');
    expect(formatBytes(1.5 * KB)).toBe('1.5 KB');
    expect(formatBytes(12.34 * KB)).toBe('12.3 KB');
    expect(formatBytes(3.14 * MB)).toBe('3.1 MB');
    expect(formatBytes(25 * MB)).toBe('25 MB');
    expect(formatBytes(2 * 1024 * MB)).toBe('2 GB');
  });

  it('rounds to whole units from 100 up', () => {
    expect(formatBytes(100 * KB)).toBe('100 KB');
    expect(formatBytes(512.6 * KB)).toBe('513 KB');
  });

  it('moves to the next unit instead of showing "1024 KB"', () => {
    expect(formatBytes(MB - 1)).toBe('1 MB');
  });

  it('shows a question mark for a size that is not a size', () => {
    expect(formatBytes(-1)).toBe('?');
    expect(formatBytes(Number.NaN)).toBe('?');
  });
});

describe('formatSpeed and progressLabel', () => {
  it('adds "/s" to a speed', () => {
    expect(formatSpeed(3.1 * MB)).toBe('3.1 MB/s');
  });

  it('captions a progress bar with the percentage and the speed', () => {
    expect(progressLabel({ percent: 42, bytesPerSecond: 3.1 * MB })).toBe('42% · 3.1 MB/s');
  });

  it('shows only the percentage until a speed is known', () => {
    expect(progressLabel({ percent: 0, bytesPerSecond: 0 })).toBe('0%');
  });
});
