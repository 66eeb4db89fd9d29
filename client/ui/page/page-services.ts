// The browser-page features the UI shows settings for, built once in main.tsx and handed to the
// app: the colour scheme, desktop notifications, and whether the person is looking.

import type { ReadonlySignal } from '@preact/signals';
import type { ColorScheme } from './color-scheme';
import type { DesktopNotifier } from './desktop-notifications';

export interface PageServices {
  colorScheme: ColorScheme;
  notifier: DesktopNotifier;
  attending: ReadonlySignal<boolean>;
}
