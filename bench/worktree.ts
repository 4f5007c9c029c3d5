/**
 * An earlier revision of this repository, checked out into a temporary git worktree with this
 * tree's node_modules linked in, for side-by-side benchmarks (bench/ab.ts, bench/load-ab.ts);
 * removed after, whatever happens.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');

export async function withWorktree<T>(rev: string, use: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'ss-rev-'));
  execFileSync('git', ['worktree', 'add', '--detach', '-q', dir, rev], { cwd: ROOT });
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return await use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    execFileSync('git', ['worktree', 'prune'], { cwd: ROOT });
  }
}
