// The login screen's optional "Admin token" (a password field inside a "Room admin" disclosure):
// the deployment's ADMIN_TOKEN lets this person mention @everyone. Kept in memory only, as on the
// /admin page; a wrong one refuses the join with the room's reason (not_admin).

interface AdminTokenFieldProps {
  value: string;
  onInput: (value: string) => void;
}

export function AdminTokenField({ value, onInput }: AdminTokenFieldProps) {
  return (
    <details class="admin-join">
      <summary>Room admin</summary>
      <label class="field-label" for="admin-token">
        Admin token
      </label>
      <input
        id="admin-token"
        class="text-input"
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={value}
        aria-describedby="admin-token-hint"
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      <p id="admin-token-hint" class="hint">
        Only for the room admin: it lets you mention @everyone. It stays in this tab's memory.
      </p>
    </details>
  );
}
