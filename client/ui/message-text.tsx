// A message's text in a log row. Each line is bidi-isolated (<bdi>) with its own controls balanced
// (balanceBidi: a stray U+2069 could otherwise close the browser's isolate), so a U+202E reorders
// only its own line, never the row's lead, names or receipt tick. Lines after the first are
// continuation lines, indented behind a bar (.row-line--more), so that a line break then
// "(Global) (bob) (14:23:16): hi" cannot pass for a row of bob's. Each break stays in the text
// content, hidden, and is drawn by a <br>: the row reads as the message, balanced.

import { Fragment } from 'preact';
import { balanceBidi } from './format/bidi';
import { messageLines } from './format/log-line';

export function MessageText({ text }: { text: string }) {
  return (
    <span class="row-text">
      {messageLines(text).map((line, i) =>
        i === 0 ? (
          <bdi key={i} class="row-line">
            {balanceBidi(line.text)}
          </bdi>
        ) : (
          <Fragment key={i}>
            <span class="row-break">{line.brk}</span>
            <br />
            <bdi class="row-line row-line--more">{balanceBidi(line.text)}</bdi>
          </Fragment>
        ),
      )}
    </span>
  );
}
