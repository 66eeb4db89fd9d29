// The table row for issue 13's fan-out: one sender with one operation in ten an edit or a
// reaction, as a share of the plain one-sender fan-out measured just before it in the same run.

import type { FanoutResult } from './scenarios/fanout';
import type { EventFanoutResult } from './scenarios/fanout-events';
import { formatNumber as fmt, type Row } from './table';
import { TARGETS } from './targets';

export function eventFanoutRow(events: EventFanoutResult | null, plain: FanoutResult | null): Row {
  const target = TARGETS.eventFanout;
  const metric = 'Fan-out: 1 sender, 10 % edits and reactions, vs plain';
  if (!events || !plain || plain.deliveriesPerSec <= 0)
    return {
      metric,
      result: 'not measured',
      target: target.text,
      reference: target.reference,
      verdict: 'n/a',
    };
  const share = events.deliveriesPerSec / plain.deliveriesPerSec;
  const judged = events.missing === 0 && `${events.clients} clients` === target.scale;
  return {
    metric: `${metric}, ${fmt(events.clients)} clients`,
    result:
      `${fmt(share * 100)} % (${fmt(events.deliveriesPerSec)} vs ${fmt(plain.deliveriesPerSec)} deliveries/s; ` +
      `${fmt(events.edits)} edits, ${fmt(events.reactions)} reactions, ${fmt(events.messages)} messages` +
      `${events.missing > 0 ? `; ${fmt(events.missing)} copies missing` : ''})`,
    target: target.text,
    reference: target.reference,
    verdict: judged ? (target.pass(share) ? 'pass' : 'FAIL') : 'n/a',
  };
}
