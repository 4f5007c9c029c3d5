import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildAutomaton, buildTables } from '../../../src/rules/aho-corasick';

function naive(patterns: string[], text: string) {
  const out: string[] = [];
  patterns.forEach((p, id) => {
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${id}@${i}`);
  });
  return out.sort();
}

function viaAutomaton(patterns: string[], text: string) {
  const out: string[] = [];
  buildAutomaton(patterns).scan(text, (p, s) => out.push(`${p}@${s}`));
  return out.sort();
}

describe('Aho-Corasick', () => {
  it('automata past 65,535 states (the limit of the hash table) fall back to maps and find the same', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) % 26;
    const word = (n: number) => Array.from({ length: n }, () => String.fromCharCode(97 + rnd())).join('');
    const patterns = Array.from({ length: 7000 }, () => word(12)); // ~80k states
    const text = patterns.slice(0, 50).join(' ') + word(2000) + patterns[6999];
    expect(viaAutomaton(patterns, text)).toEqual(naive(patterns, text));
  });

  it('numbers states breadth first, as the page-side checks of a pack expect (src/rules/pack.ts)', () => {
    const t = buildTables(['she', 'he', 'hers', '最佳', '佳品', 'his']);
    const states = t.fail.length;
    const depth = new Int32Array(states);
    for (let s = 0; s < states; s++) {
      // edge k enters state k + 1: a state's children are consecutive and come after it
      for (let k = t.childStart[s]!; k < t.childStart[s + 1]!; k++) {
        expect(k + 1).toBeGreaterThan(s);
        depth[k + 1] = depth[s]! + 1;
        expect(t.edgeBits[s]! & (1 << (t.via[k]! & 31))).not.toBe(0);
      }
      if (s > 0) expect(t.fail[s]).toBeLessThan(s);
      if (s > 0) expect(depth[t.fail[s]!]).toBeLessThan(depth[s]!);
      expect(t.hasOutput[s]).toBe(t.outputStart[s + 1]! > t.outputStart[s]! ? 1 : 0);
    }
    expect(Array.from(depth)).toEqual(Array.from(depth).sort((a, b) => a - b));
    expect(t.childStart[states]).toBe(states - 1);
  });

  it('finds overlapping and nested patterns', () => {
    const patterns = ['最', '最佳', '佳品', 'he', 'she', 'hers'];
    expect(viaAutomaton(patterns, '最佳品 ushers')).toEqual(naive(patterns, '最佳品 ushers'));
  });
  it('agrees with a naive search on random input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '最', '佳'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '最', '佳', ' '), maxLength: 60 }),
        (patterns, text) => {
          const unique = [...new Set(patterns)];
          expect(viaAutomaton(unique, text)).toEqual(naive(unique, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});
