/**
 * The layer rule, executable: the pure core (engine, rules, page extraction, domains) imports
 * nothing from the browser, WXT, Preact, idb or Node; the content script never pulls in Preact, zod or idb.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const NODE_ONLY = new Set(['src/rules/load-node.ts', 'src/page/parse-html-node.ts']);

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('architecture', () => {
  const pure = ['src/engine', 'src/rules', 'src/page', 'src/domains'].flatMap((d) => files(join(ROOT, d)));
  it.each(pure.map((f) => [relative(ROOT, f), f]).filter(([r]) => !NODE_ONLY.has(r!)))('%s stays pure', (_rel, file) => {
    const forbidden = importsOf(file!).filter((spec) => /^(wxt|#imports|webextension-polyfill|preact|idb|happy-dom|node:|fs$|path$)/.test(spec) || spec.startsWith('@wxt-dev'));
    expect(forbidden).toEqual([]);
  });
  it('zod stays out of the matcher (it is only used to validate rules)', () => {
    const zodUsers = pure.filter((f) => importsOf(f).includes('zod')).map((f) => relative(ROOT, f));
    expect(zodUsers.every((f) => f === 'src/rules/schema.ts' || f.startsWith('src/domains/'))).toBe(true);
  });
});
