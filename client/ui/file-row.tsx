// A log row holding a file card: the same "(Private) (alice → bob) (14:23:15):" lead as a
// message row, then the card. It reads the card's own signal, so progress re-renders one row;
// memoised like message rows (memo-component.ts), so a new message elsewhere leaves it alone.

import type { ReadonlySignal } from '@preact/signals';
import { type FileActions, FileCard } from './file-card';
import { lineParts } from './format/log-line';
import { memoComponent } from './memo-component';
import { MessageText } from './message-text';
import { RowLead } from './row-lead';
import type { FileCard as Card } from './state/file-store';
import type { LogLine } from './state/log-lines';

interface FileRowProps {
  line: LogLine;
  card: ReadonlySignal<Card> | undefined;
  actions: FileActions;
  hour12: boolean;
}

function FileRowView({ line, card, actions, hour12 }: FileRowProps) {
  const parts = lineParts(line, hour12);
  return (
    <div class={`row row--${line.kind} row--file`}>
      <RowLead parts={parts} />
      {card ? <FileCard card={card.value} actions={actions} /> : <MessageText text={line.text} />}
    </div>
  );
}

/** A file row that renders again only when its props or its card's signal change. */
export const FileRow = memoComponent(FileRowView);
