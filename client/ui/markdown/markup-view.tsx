// Draws a message's lines of runs (markup.ts) as Preact elements, never as HTML: <strong>, <em>,
// <del>, <code>, <mark>, <span class="mention"> and <a target=_blank rel="noopener noreferrer"> around text nodes. Each line
// is bidi-isolated (<bdi>) with its controls balanced across its runs (format/bidi.ts); lines after
// the first are continuation lines, indented behind a bar (.row-line--more), so a line break then
// "(Global) (bob) (14:23:16): hi" cannot pass for a row of bob's. Markers and breaks stay in the
// text content, hidden; a <br> draws each break. Property-tested in markup-view.test.tsx.

import { type ComponentChild, Fragment } from 'preact';
import { balanceBidiParts } from '../format/bidi';
import type { MarkupLine, MarkupRun } from './markup';

function runElement(run: MarkupRun, text: string, key: number): ComponentChild {
  if (run.hidden) {
    return (
      <span key={key} class="md-marker">
        {text}
      </span>
    );
  }
  let node: ComponentChild = text;
  if (run.mention && !run.code) node = <span class="mention">{node}</span>;
  if (run.mark) node = <mark>{node}</mark>;
  if (run.code) node = <code class="md-code">{node}</code>;
  if (run.del) node = <del>{node}</del>;
  if (run.em) node = <em>{node}</em>;
  if (run.strong) node = <strong>{node}</strong>;
  return <Fragment key={key}>{node}</Fragment>;
}

/** A line's runs, consecutive runs with the same target inside one link. */
function lineContent(runs: readonly MarkupRun[]): ComponentChild[] {
  const shown = runs.filter((run) => !run.hidden);
  const { parts, close } = balanceBidiParts(shown.map((run) => run.text));
  const texts = new Map(shown.map((run, i) => [run, parts[i] ?? '']));
  const out: ComponentChild[] = [];
  for (let i = 0; i < runs.length; ) {
    const run = runs[i] as MarkupRun;
    const href = run.hidden ? null : run.href;
    if (href === null) {
      out.push(runElement(run, texts.get(run) ?? run.text, i));
      i++;
      continue;
    }
    const inside: ComponentChild[] = [];
    const first = i;
    while (i < runs.length && runs[i]?.href === href && !runs[i]?.hidden) {
      const r = runs[i] as MarkupRun;
      inside.push(runElement(r, texts.get(r) ?? r.text, i));
      i++;
    }
    out.push(
      <a key={first} class="md-link" href={href} target="_blank" rel="noopener noreferrer">
        {inside}
      </a>,
    );
  }
  if (close !== '') out.push(close);
  return out;
}

function lineClass(line: MarkupLine, more: boolean): string {
  let name = more ? 'row-line row-line--more' : 'row-line';
  if (line.quote) name += ' md-quote';
  if (line.codeBlock) name += ' md-pre';
  if (line.hidden) name += ' md-marker';
  return name;
}

export function MarkupView({ lines }: { lines: readonly MarkupLine[] }) {
  let drawn = false;
  return (
    <span class="row-text">
      {lines.map((line, i) => {
        // A <br> only between two drawn lines: a hidden fence line takes no room.
        const br = drawn && !line.hidden;
        if (!line.hidden) drawn = true;
        const content = <bdi class={lineClass(line, i > 0)}>{lineContent(line.runs)}</bdi>;
        if (i === 0) return <Fragment key={i}>{content}</Fragment>;
        return (
          <Fragment key={i}>
            <span class="row-break">{line.brk}</span>
            {br && <br />}
            {content}
          </Fragment>
        );
      })}
    </span>
  );
}
