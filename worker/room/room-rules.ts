// What the room allows that depends on the deployment: the reaction cap (the MAX_REACTIONS_PER_MESSAGE
// setting) and who is the room admin, i.e. a join that proved the ADMIN_TOKEN secret (handlers/join.ts;
// the admin may mention @everyone). Tested in test/worker/mentions-everyone.test.ts.

import { configOf } from '../config';
import { tokensEqual, usableAdminToken } from '../crypto/admin-token';

export interface RoomRules {
  /** Distinct emoji a message may carry. */
  readonly maxReactions: number;
  /**
   * Whether `presented` is the deployment's ADMIN_TOKEN, compared in constant time; always false
   * while the admin API is off (no token, or one too short to be safe).
   */
  isAdminToken(presented: string): Promise<boolean>;
}

export function roomRules(env: Pick<Env, 'ADMIN_TOKEN'> & object): RoomRules {
  return {
    maxReactions: configOf(env).MAX_REACTIONS_PER_MESSAGE,
    async isAdminToken(presented) {
      // Read on each use, never kept: the token stays a secret of `env`.
      const expected = usableAdminToken(env.ADMIN_TOKEN);
      return expected !== null && (await tokensEqual(presented, expected));
    },
  };
}
