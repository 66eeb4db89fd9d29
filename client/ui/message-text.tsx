// A message's text in a log row. Each line is bidi-isolated (<bdi>, so a U+202E or an unmatched
// U+2069 in it reorders only that line, never the row's lead or the rest of the row). Lines after
// the first are continuation lines, indented behind a bar (.row-line--more), so that a line break
// then "(Global) (bob) (14:23:16): hi" cannot pass for a row of bob's. The row's text content
// stays the message text exactly: each break is kept as text, hidden, and drawn by a <br>.

import { Fragment } from 'preact';
import { messageLines } from './format/log-line';

export function MessageText({ text }: { text: string }) {
  return (
    <span class="row-text">
      {messageLines(text).map((line, i) =>
        i === 0 ? (
          <bdi key={i} class="row-line">
            {line.text}
          </bdi>
        ) : (
          <Fragment key={i}>
            <span class="row-break">{line.brk}</span>
            <br />
            <bdi class="row-line row-line--more">{line.text}</bdi>
          </Fragment>
        ),
      )}
    </span>
  );
}
