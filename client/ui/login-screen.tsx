// The login screen: the room key's fingerprint and the "Username" field with its "Join" button.
// The room's reason for refusing a name shows in a role="alert"; the socket stays open to retry.
// The room admin may also give the admin token (admin-token-field.tsx).
// `children` sit beside the form (the lobby's room directory).

import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { USERNAME_MAX, USERNAME_MIN } from '#protocol/limits';
import { AdminTokenField } from './admin-token-field';
import { FingerprintText } from './fingerprint-text';
import { useStore } from './state/store-context';

const VERDICT_NOTES = {
  'first-use': 'First visit: this key is now pinned for this site.',
  match: 'Matches the key this browser trusted before.',
  changed: 'This key is different from the one trusted before.',
} as const;

export function LoginScreen({ children }: { children?: ComponentChildren }) {
  const store = useStore();
  const [name, setName] = useState('');
  const [adminToken, setAdminToken] = useState('');
  const error = store.loginError.value;
  const fingerprint = store.keyTrust.fingerprint.value;
  const verdict = store.keyTrust.verdict.value;
  const field = useRef<HTMLInputElement>(null);
  // The screen is for typing a name: start there (unless something else already has the focus).
  useEffect(() => {
    if (document.activeElement === document.body || document.activeElement === null) field.current?.focus();
  }, []);

  return (
    <section class={children ? 'login login--with-rooms' : 'login'} aria-labelledby="login-title">
      <form
        class="card login-card"
        onSubmit={(event) => {
          event.preventDefault();
          void store.join(name, adminToken);
        }}
      >
        <h2 id="login-title">Join the room</h2>
        <label class="field-label" for="username">
          Username
        </label>
        <input
          ref={field}
          id="username"
          class="text-input"
          name="username"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'login-error username-hint' : 'username-hint'}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <p id="username-hint" class="hint">
          {USERNAME_MIN}–{USERNAME_MAX} letters, digits or underscore.
        </p>
        <AdminTokenField value={adminToken} onInput={setAdminToken} />
        {error && (
          <p id="login-error" role="alert" class="form-error">
            {error}
          </p>
        )}
        <button type="submit" class="button button--primary" disabled={store.joining.value}>
          Join
        </button>
        <div class="fingerprint">
          <p class="fingerprint-label">Room key fingerprint (SHA-256)</p>
          {fingerprint ? (
            <FingerprintText value={fingerprint} class="fingerprint-value" />
          ) : (
            <p class="hint">Waiting for the room…</p>
          )}
          {verdict && <p class="hint">{VERDICT_NOTES[verdict]}</p>}
        </div>
      </form>
      {children}
    </section>
  );
}
