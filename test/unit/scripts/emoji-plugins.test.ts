// The build-time patch that lets emoji-picker-element run under our CSP (scripts/emoji-plugins.ts):
// it applies to the installed version and fails loudly if an upgrade changed the code it patches.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchPickerSource } from '../../../scripts/emoji-plugins';

const pickerSource = readFileSync(
  createRequire(import.meta.url).resolve('emoji-picker-element/picker.js'),
  'utf8',
);

describe('patchPickerSource', () => {
  it('replaces the <style> element and style attributes with CSP-safe constructed styles', () => {
    const patched = patchPickerSource(pickerSource);
    expect(patched).not.toContain("document.createElement('style')");
    expect(patched).toContain('adoptedStyleSheets');
    expect(patched).toContain("if (attributeName === 'style') targetNode.style.cssText = newValue;");
  });

  it('fails the build when the picker no longer has the code it patches', () => {
    expect(() => patchPickerSource(pickerSource.replace("document.createElement('style')", 'x'))).toThrow(
      /emoji-picker-element changed/,
    );
    expect(() => patchPickerSource('')).toThrow(/found 0/);
  });
});
