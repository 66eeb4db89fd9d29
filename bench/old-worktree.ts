// `--versus --old=REF`: the room at another commit, checked out with `git worktree add` into a
// temporary folder on this checkout's filesystem, with node_modules hard-linked (`cp -al`) from
// this checkout. bench/versus.ts benchmarks its wrangler.toml and removes it when the run ends.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './server';

export interface OldWorktree {
  /** The ref as given and the commit it named. */
  ref: string;
  commit: string;
  /** The worktree's wrangler.toml, for startDevServer's `config`. */
  config: string;
  /** Removes the worktree and its folder; safe to call twice and from an `exit` handler. */
  remove(): void;
}

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Checks out `ref` (a commit, branch or tag) next to this checkout; throws if git cannot. */
export function addOldWorktree(ref: string): OldWorktree {
  const commit = git('rev-parse', '--verify', '--short', `${ref}^{commit}`);
  // Under the checkout's .tmp/ (git-ignored): the same filesystem, so `cp -al` can hard-link.
  const parent = join(REPO_ROOT, '.tmp');
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'bench-old-'));
  const tree = join(dir, 'tree');
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    try {
      git('worktree', 'remove', '--force', tree);
    } catch {
      // Not registered (add failed) or gone already; prune below forgets a stale entry.
    }
    rmSync(dir, { recursive: true, force: true });
    try {
      git('worktree', 'prune');
    } catch {
      // Nothing to prune.
    }
  };
  try {
    git('worktree', 'add', '--detach', '--quiet', tree, commit);
    execFileSync('cp', ['-al', join(REPO_ROOT, 'node_modules'), join(tree, 'node_modules')]);
  } catch (error) {
    remove();
    throw error;
  }
  return { ref, commit, config: join(tree, 'wrangler.toml'), remove };
}
