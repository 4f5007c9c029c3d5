/**
 * Build step: the in-page UI's stylesheets are template literals marked `/* css *\/`; this drops
 * their layout whitespace (spaces around { } : ; , > and before a closing brace's ';'), ~500 bytes
 * of the content script's 60 kB budget (issue 6). Only whitespace goes: a value's inner spaces
 * (`calc(100vw - 24px)`, `0 2px 6px`) stay, and without the plugin (unit tests) the CSS is the same
 * stylesheet, only longer.
 */
import type { Plugin } from 'vite';

const MARKED = /\/\* css \*\/\s*`((?:[^`\\$]|\\.|\$(?!\{))*(?:\$\{[^}]*\}(?:[^`\\$]|\\.|\$(?!\{))*)*)`/g;

/** The CSS text with its layout whitespace removed (`${…}` placeholders are kept as they are). */
export function compactCss(css: string): string {
  return css
    .split(/(\$\{[^}]*\})/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/\s*([{}:;,>])\s*/g, '$1').replace(/;}/g, '}')))
    .join('')
    .trim();
}

export function compactCssPlugin(): Plugin {
  return {
    name: 'shop-sentinel-compact-css',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/src\/content\/ui\/[^/]+\.ts$/.test(id) || !code.includes('/* css */')) return null;
      return { code: code.replace(MARKED, (_all, css: string) => `\`${compactCss(css)}\``), map: null };
    },
  };
}
