// Launches the Chromium that the global setup found, headless, with the project's flags
// (scripts/chromium.ts). One browser per test file; one context per simulated person.

import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../../scripts/chromium';
import { chromiumPath } from './provided';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60_000,
  });
}
