// Where `npm run logs` finds the admin token: --token, then $ADMIN_TOKEN, then ADMIN_TOKEN in the
// project's .dev.vars (the file wrangler dev reads its local secrets from).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The value of `name` in a .dev.vars (dotenv) text: NAME=value, optionally quoted; # starts a comment line. */
export function devVar(text: string, name: string): string | undefined {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || match[1] !== name) continue;
    const value = match[2] ?? '';
    const quoted = /^(["'])(.*)\1$/.exec(value);
    return quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
  }
  return undefined;
}

export async function findAdminToken(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<{ token: string; source: string } | null> {
  if (flag) return { token: flag, source: '--token' };
  if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN, source: '$ADMIN_TOKEN' };
  const text = await readFile(join(cwd, '.dev.vars'), 'utf8').catch(() => null);
  const token = text === null ? undefined : devVar(text, 'ADMIN_TOKEN');
  return token ? { token, source: '.dev.vars' } : null;
}
