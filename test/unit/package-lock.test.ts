// The lock file must serve `npm ci` on every platform a developer may use, not only this one: a
// lock that lists only the installing machine's optional binaries makes `npm ci` fail elsewhere.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(readFileSync(join(process.cwd(), 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockEntry>;
};

/** Where npm would place `name` when `parent` (a node_modules path) depends on it. */
function resolveFrom(parent: string, name: string): LockEntry | undefined {
  let base = parent;
  for (;;) {
    const entry = lock.packages[`${base}${base ? '/' : ''}node_modules/${name}`];
    if (entry) return entry;
    if (!base) return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/** Every copy of a package in the lock, by its node_modules path. */
function copiesOf(name: string): string[] {
  return Object.keys(lock.packages).filter(
    (path) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`),
  );
}

describe('package-lock.json', () => {
  for (const name of ['@biomejs/biome', 'workerd']) {
    it(`lists the linux, darwin and win32 optional binaries of every copy of ${name}`, () => {
      const copies = copiesOf(name);
      expect(copies.length).toBeGreaterThan(0);
      for (const path of copies) {
        const optional = Object.keys(lock.packages[path]?.optionalDependencies ?? {});
        for (const platform of ['linux', 'darwin', 'win32|windows']) {
          const wanted = optional.filter((dep) => new RegExp(`-(${platform})-`).test(dep));
          expect(wanted, `${path} declares a ${platform} binary`).not.toEqual([]);
          for (const dep of wanted) {
            expect(resolveFrom(path, dep)?.version, `${dep} for ${path}`).toBe(
              lock.packages[path]?.optionalDependencies?.[dep],
            );
          }
        }
      }
    });
  }
});
