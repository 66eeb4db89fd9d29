// An owner's menu on one member in the roster: "Owner actions for <name>" opens "Kick", "Ban" and
// "Mute" (each asks for the details first, sanction-dialog.tsx), "Unmute" and "Unban". Shown to owners
// only, lazily loaded (the first-load budget). The room answers everyone with a system line.

import { useState } from 'preact/hooks';
import type { ClientMessageOf } from '#protocol/client-messages';
import type { OwnerActionType } from '#protocol/moderation-requests';
import { type Sanction, SanctionDialog } from './sanction-dialog';

interface MemberActionsProps {
  name: string;
  act: (frame: ClientMessageOf<OwnerActionType>) => boolean;
}

export function MemberActions({ name, act }: MemberActionsProps) {
  const [open, setOpen] = useState(false);
  const [asking, setAsking] = useState<Sanction | null>(null);
  const reasonField = (reason: string) => (reason ? { reason } : {});
  const menuId = `owner-actions-${name}`;
  return (
    <span class="member-actions">
      <button
        type="button"
        class="button button--small member-actions-toggle"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`Owner actions for ${name}`}
        onClick={() => setOpen(!open)}
      >
        ⋯
      </button>
      {open && (
        <fieldset id={menuId} class="member-actions-menu" aria-label={`Moderate ${name}`}>
          <button type="button" class="button button--small" onClick={() => setAsking('kick')}>
            Kick
          </button>
          <button type="button" class="button button--small" onClick={() => setAsking('ban')}>
            Ban
          </button>
          <button type="button" class="button button--small" onClick={() => setAsking('mute')}>
            Mute
          </button>
          <button type="button" class="button button--small" onClick={() => act({ type: 'unmute', name })}>
            Unmute
          </button>
          <button type="button" class="button button--small" onClick={() => act({ type: 'unban', name })}>
            Unban
          </button>
        </fieldset>
      )}
      {asking && (
        <SanctionDialog
          action={asking}
          name={name}
          onCancel={() => setAsking(null)}
          onConfirm={({ minutes, reason }) => {
            setAsking(null);
            if (asking === 'kick') act({ type: 'kick', name, ...reasonField(reason) });
            else act({ type: asking, name, minutes, ...reasonField(reason) });
          }}
        />
      )}
    </span>
  );
}
