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

/** Every module the content script pulls in, following relative imports from its entry. */
function importClosure(entry: string): string[] {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    // type-only imports are erased from the bundle
    const runtimeImports = [...readFileSync(file, 'utf8').matchAll(/^\s*import(?!\s+type\b)[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    for (const spec of runtimeImports) {
      if (!spec.startsWith('.')) {
        seen.add(`pkg:${spec}`);
        continue;
      }
      const base = join(file, '..', spec);
      const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((f) => existsSync(f));
      if (found) stack.push(found);
    }
  }
  return [...seen].map((f) => (f.startsWith('pkg:') ? f : relative(ROOT, f)));
}

describe('content script bundle', () => {
  const closure = importClosure(join(ROOT, 'entrypoints/shop.ts'));
  it('pulls in no Preact, zod, idb or tldts', () => {
    expect(closure.filter((f) => /^pkg:(preact|zod|idb|tldts)/.test(f))).toEqual([]);
  });
  it("does not run inside WXT's content-script context, whose DOM events a page can read and forge", () => {
    expect(closure.filter((f) => f.startsWith('pkg:wxt/') && /content-script/.test(f))).toEqual([]);
    expect(closure).toContain('pkg:wxt/utils/define-unlisted-script');
  });
  it('leaves the domain checks (registry, confusables, detectors) to the background', () => {
    expect(closure.filter((f) => f.startsWith('src/domains/') && f !== 'src/domains/technique-labels.ts')).toEqual([]);
  });
});
