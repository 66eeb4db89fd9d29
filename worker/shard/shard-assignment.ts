// The front worker's choice of fan-out shard for a socket: FNV-1a of the member's id, modulo K, so
// that a member who reconnects lands on the same shard (its shard's presence does not churn). Pure;
// unit-tested in test/unit/worker/shard/shard-assignment.test.ts.

/** The shard, 0 to k − 1, for `member` (any stable id: here the name the member joins with). */
export function shardFor(member: string, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError('k must be a positive integer');
  let hash = 0x811c9dc5;
  for (let i = 0; i < member.length; i++) {
    hash ^= member.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % k;
}
