// The log's row actions (reply, react, edit, delete, jump to a quote's original) as one object
// that stays the same across the log's renders: message rows are memoised (message-row.tsx), and
// a new object on each render would render every row again. Each action calls the newest
// handlers through a ref. message-log.tsx uses it; test/unit/client/ui/message-log-renders.test.ts.

import { useMemo, useRef } from 'preact/hooks';
import type { RowActions } from './message-row';
import type { LogLine } from './state/log-lines';
import type { MessageActions } from './state/message-actions';

/** What the rows' actions reach: the store's model (absent: rows have no actions) and the log's own. */
export interface RowActionHandlers {
  messages:
    | (Pick<MessageActions, 'reply' | 'edit' | 'react'> & {
        isMe(name: string): boolean;
        focusComposer(): void;
      })
    | undefined;
  openReactions(line: LogLine, button: HTMLElement): void;
  askDelete(line: LogLine): void;
  jumpTo(id: number): void;
}

export function useRowActions(handlers: RowActionHandlers): RowActions | undefined {
  const latest = useRef(handlers);
  latest.current = handlers;
  const present = handlers.messages !== undefined;
  return useMemo((): RowActions | undefined => {
    if (!present) return undefined;
    const messages = () => latest.current.messages;
    return {
      isMe: (name) => messages()?.isMe(name) ?? false,
      reply(line) {
        messages()?.reply(line);
        messages()?.focusComposer();
      },
      openReactions: (line, button) => latest.current.openReactions(line, button),
      edit(line) {
        messages()?.edit(line);
        messages()?.focusComposer();
      },
      askDelete: (line) => latest.current.askDelete(line),
      react: (line, emoji, on) => messages()?.react(line, emoji, on),
      jumpTo: (id) => latest.current.jumpTo(id),
    };
  }, [present]);
}
