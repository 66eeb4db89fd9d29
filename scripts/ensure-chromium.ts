// The pre-test step: make sure the browser tests have a Chromium. Finds one, or installs
// Debian's `chromium` when apt-get is usable as root, or stops with the exact command to run.
// Browser tests are never skipped silently.

import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium';

const found = findChromium();
if (found) {
  console.log(`browser tests will use ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found: installing Debian\'s "chromium" package for the browser tests (apt-get)…');
  execSync('apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium', {
    stdio: 'inherit',
  });
  const installed = findChromium();
  if (installed) {
    console.log(`installed ${installed}`);
    process.exit(0);
  }
}

console.error(
  [
    'The browser tests need Chromium and none was found.',
    'Install it with:  sudo apt-get update && sudo apt-get install -y chromium',
    'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);
