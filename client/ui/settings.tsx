// The "Settings" button in the top bar and its panel: "Dark mode", "Sound", "Desktop
// notifications" and "12-hour clock", each remembered in localStorage (state/preferences.ts).
// Escape or a press outside closes the panel.

import { useRef, useState } from 'preact/hooks';
import type { ColorScheme } from './page/color-scheme';
import type { DesktopNotifier } from './page/desktop-notifications';
import type { Preferences } from './state/preferences';
import { themeAfterToggle } from './state/theme';
import { useDismiss } from './use-dismiss';

const PANEL_ID = 'settings-panel';

export const NOTIFICATIONS_BLOCKED =
  'Desktop notifications are blocked for this site. Allow them in the browser’s site settings first.';

interface SettingsProps {
  prefs: Preferences;
  colorScheme: ColorScheme;
  notifier: DesktopNotifier;
  /** Says why a setting could not be changed (a toast). */
  onProblem: (message: string) => void;
}

export function Settings({ prefs, colorScheme, notifier, onProblem }: SettingsProps) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLFieldSetElement>(null);
  useDismiss(open, [button, panel], (reason) => {
    setOpen(false);
    if (reason === 'escape') button.current?.focus();
  });

  const following = prefs.theme.value === 'system';
  const systemTheme = colorScheme.systemDark.value ? 'dark' : 'light';
  const access = notifier.access();

  const toggleNotifications = async (input: HTMLInputElement) => {
    if (!input.checked) {
      prefs.notifications.value = false;
      return;
    }
    const granted = await notifier.request();
    prefs.notifications.value = granted;
    // The box was ticked by the click; untick it if the browser said no.
    input.checked = granted;
    if (!granted) onProblem(NOTIFICATIONS_BLOCKED);
  };

  return (
    <div class="settings">
      <button
        ref={button}
        type="button"
        class="button settings-toggle"
        aria-expanded={open}
        aria-controls={open ? PANEL_ID : undefined}
        onClick={() => setOpen(!open)}
      >
        Settings
      </button>
      {open && (
        <fieldset ref={panel} id={PANEL_ID} class="settings-panel">
          <legend class="visually-hidden">Settings</legend>
          <Toggle
            id="setting-dark"
            label="Dark mode"
            hint={following ? 'Follows your system.' : `Your choice; your system is ${systemTheme}.`}
            checked={colorScheme.theme.value === 'dark'}
            onChange={(input) => {
              prefs.theme.value = themeAfterToggle(input.checked, colorScheme.systemDark.value);
            }}
          />
          <Toggle
            id="setting-sound"
            label="Sound"
            hint="A chime for new messages while this window is in the background."
            checked={prefs.sound.value}
            onChange={(input) => {
              prefs.sound.value = input.checked;
            }}
          />
          <Toggle
            id="setting-notifications"
            label="Desktop notifications"
            hint={
              access === 'unsupported'
                ? 'This browser cannot show them.'
                : 'For private messages while this window is in the background; they name the sender only.'
            }
            checked={prefs.notifications.value && access === 'granted'}
            disabled={access === 'unsupported'}
            onChange={(input) => void toggleNotifications(input)}
          />
          <Toggle
            id="setting-clock"
            label="12-hour clock"
            hint="Times as 02:23 PM instead of 14:23:15."
            checked={prefs.clock12h.value}
            onChange={(input) => {
              prefs.clock12h.value = input.checked;
            }}
          />
        </fieldset>
      )}
    </div>
  );
}

interface ToggleProps {
  id: string;
  label: string;
  hint: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (input: HTMLInputElement) => void;
}

/** A checkbox whose accessible name is exactly `label`; `hint` is its description. */
function Toggle({ id, label, hint, checked, disabled = false, onChange }: ToggleProps) {
  return (
    <div class="setting">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.currentTarget)}
      />
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="setting-hint">
        {hint}
      </p>
    </div>
  );
}
