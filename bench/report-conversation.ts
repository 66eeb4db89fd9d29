// Table rows for issues 4 and 5: typing notices in a big room, history for a newcomer, and the
// fan-out with every message persisted compared with issue 2's figure from before persistence.

import type { FanoutResult } from './scenarios/fanout';
import type { HistoryResult } from './scenarios/history';
import type { TypingResult } from './scenarios/typing';
import { formatNumber as fmt, type Row, type Verdict } from './table';
import { FANOUT_BEFORE_PERSISTENCE, TARGETS, type Target } from './targets';

function judged(metric: string, result: string, target: Target, scale: string, value: number | null): Row {
  const verdict: Verdict =
    value === null || Number.isNaN(value) || scale !== target.scale
      ? 'n/a'
      : target.pass(value)
        ? 'pass'
        : 'FAIL';
  return { metric, result, target: target.text, reference: target.reference, verdict };
}

export function conversationRows(
  typing: TypingResult | null,
  history: HistoryResult | null,
  fanoutOne: FanoutResult | null,
): Row[] {
  const rows: Row[] = [];
  rows.push(
    typing
      ? judged(
          `Typing: ${typing.typists} typists among ${fmt(typing.clients)} clients, ${fmt(typing.seconds, 1)} s`,
          `${fmt(typing.perMemberPerSec, 2)} notices/member/s (${fmt(typing.notices)} delivered for ` +
            `${fmt(typing.signals)} signals; ${fmt(typing.uncoalesced)} without coalescing, ` +
            `${fmt(typing.uncoalesced / Math.max(1, typing.notices))}× more)`,
          TARGETS.typing,
          `${typing.clients} clients`,
          typing.perMemberPerSec,
        )
      : {
          metric: 'Typing notices',
          result: 'not measured',
          target: TARGETS.typing.text,
          reference: '—',
          verdict: 'n/a',
        },
  );
  rows.push({
    metric: history
      ? `History: a newcomer holds ${history.messages} earlier messages (${history.pages} pages, ${history.runs} runs)`
      : 'History for a newcomer',
    result: history
      ? `median ${fmt(history.ms.p50)} ms (p90 ${fmt(history.ms.p90)} ms), socket open → last page`
      : 'not measured',
    target: '—',
    reference: '—',
    verdict: 'n/a',
  });
  const ratio =
    fanoutOne && fanoutOne.missing === 0 ? fanoutOne.deliveriesPerSec / FANOUT_BEFORE_PERSISTENCE : null;
  rows.push(
    judged(
      'Fan-out with every message persisted (1 sender) vs issue 2',
      ratio === null || !fanoutOne
        ? 'not measured'
        : `${fmt(ratio * 100)} % (${fmt(fanoutOne.deliveriesPerSec)}/s)`,
      TARGETS.persistence,
      fanoutOne ? `${fanoutOne.clients} clients` : '',
      ratio,
    ),
  );
  return rows;
}
