// The conversation tabs (role="tablist"): "Lobby", then one tab per private peer, each closable.
// Arrow keys, Home and End move between tabs; Delete closes a private one. Text content and
// accessible name are exactly "Lobby" or the peer's name; the unread badge is CSS, and its text
// ("3 unread", or "3 unread, mentioned" with an "@" badge) is the tab's accessible description.

import type { Conversation } from './state/conversations';
import { unreadBadge, unreadText } from './state/unread';

interface TabStripProps {
  conversations: readonly Conversation[];
  activeId: string;
  panelId: string;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
}

/** The DOM id of a conversation's tab (the tab panel is labelled by it). */
export const tabId = (conversationId: string): string =>
  conversationId.startsWith('#') ? `tab-${conversationId.slice(1)}` : `tab-u-${conversationId}`;

const focusTab = (id: string) => document.getElementById(tabId(id))?.focus();
/** After a close, focus goes to whichever tab is selected then (never lost to <body>). */
const focusSelectedTab = () =>
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus(),
  );

export function TabStrip({ conversations, activeId, panelId, onSelect, onClose }: TabStripProps) {
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const conversation = conversations[index];
    if (!conversation) return;
    let target: Conversation | undefined;
    if (event.key === 'ArrowRight') target = conversations[(index + 1) % conversations.length];
    else if (event.key === 'ArrowLeft')
      target = conversations[(index - 1 + conversations.length) % conversations.length];
    else if (event.key === 'Home') target = conversations[0];
    else if (event.key === 'End') target = conversations[conversations.length - 1];
    else if (event.key === 'Delete' && conversation.peer !== null) {
      event.preventDefault();
      onClose(conversation.id);
      focusSelectedTab();
      return;
    }
    if (!target) return;
    event.preventDefault();
    onSelect(target.id);
    focusTab(target.id);
  };

  return (
    <div role="tablist" aria-label="Conversations" class="tabs">
      {conversations.map((conversation, index) => {
        const selected = conversation.id === activeId;
        const name = conversation.peer ?? 'Lobby';
        const mentions = conversation.mentions ?? 0;
        const badge = unreadBadge(conversation.unread, mentions);
        const badgeId = `${tabId(conversation.id)}-unread`;
        return (
          <div key={conversation.id} role="presentation" class={`tab${selected ? ' tab--selected' : ''}`}>
            <button
              type="button"
              role="tab"
              id={tabId(conversation.id)}
              class="tab-button"
              aria-label={name}
              // The number is drawn by CSS (::after), so the tab's text stays exactly the name.
              data-unread={badge ?? undefined}
              data-mention={badge !== null && mentions > 0 ? '' : undefined}
              aria-describedby={badge === null ? undefined : badgeId}
              aria-selected={selected}
              aria-controls={selected ? panelId : undefined}
              aria-keyshortcuts={conversation.peer !== null ? 'Delete' : undefined}
              tabIndex={selected ? 0 : -1}
              onClick={() => onSelect(conversation.id)}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              {name}
            </button>
            {badge !== null && (
              // Hidden, yet still the description: aria-describedby reads hidden elements too.
              <span id={badgeId} hidden>
                {unreadText(conversation.unread, mentions)}
              </span>
            )}
            {conversation.peer !== null && (
              <button
                type="button"
                class="tab-close"
                tabIndex={selected ? 0 : -1}
                aria-label={`Close conversation with ${conversation.peer}`}
                onClick={() => {
                  onClose(conversation.id);
                  focusSelectedTab();
                }}
              >
                ×
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
