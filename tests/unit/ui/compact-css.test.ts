/**
 * The build drops the layout whitespace of the in-page UI's stylesheets (scripts/vite-compact-css.ts):
 * the compact text must be the same stylesheet. The judge is a real CSS parser (lightningcss, the
 * one Vite uses): both texts minify to the same bytes.
 */
import { readFileSync } from 'node:fs';
import { transform } from 'lightningcss';
import { describe, expect, it } from 'vitest';
import { compactCss, compactCssPlugin } from '../../../scripts/vite-compact-css';

const UI_FILES = ['banner', 'interstitial', 'shadow-host', 'highlight'].map((f) => `${process.cwd()}/src/content/ui/${f}.ts`);

function minified(css: string): string {
  const out = transform({ filename: 'ui.css', code: Buffer.from(css), minify: true, errorRecovery: false });
  expect(out.warnings).toEqual([]);
  return out.code.toString();
}

/** the marked stylesheets of one source file, as written */
const marked = (code: string) => [...code.matchAll(/\/\* css \*\/\s*`([^`]*)`/g)].map((m) => m[1]!);

describe('compact CSS', () => {
  it('drops layout whitespace only', () => {
    expect(compactCss('${BASE}\n.a > .b { width: calc(100vw - 24px); margin: 0 2px; }\n.c:hover { color: #fff; }\n')).toBe('${BASE} .a>.b{width:calc(100vw - 24px);margin:0 2px}.c:hover{color:#fff}');
  });

  it('every UI stylesheet compacts to the same rules, and the plugin rewrites each one', () => {
    const transform = compactCssPlugin().transform as (code: string, id: string) => { code: string } | null;
    let sheets = 0;
    for (const file of UI_FILES) {
      const code = readFileSync(file, 'utf8');
      const out = transform(code, file)!.code;
      const before = marked(code);
      expect(before.length).toBeGreaterThan(0);
      for (const css of before) {
        const plain = css.replace(/\$\{BASE_CSS\}/g, '');
        const compact = compactCss(plain);
        expect(compact.length).toBeLessThan(plain.length);
        expect(minified(compact)).toBe(minified(plain));
        expect(out).toContain(compactCss(css));
        sheets++;
      }
      expect(out).not.toContain('/* css */');
    }
    expect(sheets).toBe(4);
    expect(transform('const x = /* css */ `a { b: c; }`;', '/x/src/other/file.ts')).toBeNull();
  });
});
