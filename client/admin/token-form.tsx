// The token prompt: a password field named "Admin token" and a "Sign in" button. The API's reason
// for refusing it (wrong token, admin API switched off, server unreachable) shows in a role="alert".

import { useState } from 'preact/hooks';
import type { AdminStore } from './admin-store';

export function TokenForm({ store }: { store: AdminStore }) {
  const [token, setToken] = useState('');
  const busy = store.status.value === 'loading';
  return (
    <form
      class="card token-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (token.trim()) void store.unlock(token);
      }}
    >
      <h2>Sign in</h2>
      <p class="muted">
        The admin token is the deployment's <code>ADMIN_TOKEN</code> secret. It stays in this tab's memory
        only.
      </p>
      <label class="field-label" for="admin-token">
        Admin token
      </label>
      <input
        id="admin-token"
        class="text-input"
        type="password"
        autocomplete="current-password"
        required
        value={token}
        onInput={(event) => setToken(event.currentTarget.value)}
      />
      {store.error.value && (
        <p class="alert" role="alert">
          {store.error.value}
        </p>
      )}
      <button class="button button--primary" type="submit" disabled={busy}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}
