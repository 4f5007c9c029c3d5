/**
 * The rules pack (src/rules/pack.ts): what the background sends every page instead of letting it
 * compile the rules. Unpacked, it is the index the background made; anything else — another
 * format, other rules, cut or altered data — is refused with an error, and an altered pack that
 * still passes the checks cannot make the automaton loop.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinRules } from '../../../src/node/engine';
import { toMatchRule, type MatchRule } from '../../../src/rules/match-rule';
import { compileRules, indexRules, type RulesIndex } from '../../../src/rules/compile';
import { packRules, rulesFromPack, unpackRules, type RulesPack } from '../../../src/rules/pack';
import { analyzeText } from '../../../src/node/engine';

const rules: MatchRule[] = builtinRules()
  .loaded.rules.map(toMatchRule)
  .filter((r) => r.detector === undefined);
const index = indexRules(rules);
const pack = packRules(index, 'key-1');

/** typed arrays as plain arrays, so toEqual compares values and not views */
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Int32Array) : v)));

const words = (p: RulesPack) => {
  const bin = atob(p.data);
  return new Int32Array(Uint8Array.from(bin, (c) => c.charCodeAt(0)).buffer);
};
const withWords = (p: RulesPack, w: Int32Array): RulesPack => {
  const bytes = new Uint8Array(w.buffer, w.byteOffset, w.byteLength);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return { ...p, data: btoa(bin) };
};
/** where each section starts (as packRules writes them) */
function layout(ix: RulesIndex) {
  const patterns = ix.tables.lengths.length;
  const states = ix.tables.fail.length;
  const lengths = 11;
  const childStart = lengths + patterns;
  const fail = childStart + states + 1;
  const edgeBits = fail + states;
  const outputStart = edgeBits + states;
  const outputs = outputStart + states + 1;
  const useStart = outputs + ix.tables.outputs.length;
  const useRule = useStart + patterns + 1;
  const useRegex = useRule + ix.uses.rule.length;
  const groupsOf = useRegex + ix.uses.rule.length;
  const conjunctionOf = groupsOf + patterns + 1 + ix.gate.groupsOf.items.length;
  const groupsIn = conjunctionOf + ix.gate.conjunctionOf.length;
  const absent = groupsIn + ix.gate.groupsIn.start.length + ix.gate.groupsIn.items.length;
  const via = absent + ix.absentRules.length + ix.detectorRules.length;
  const kinds = via + Math.ceil((states - 1) / 2);
  return { childStart, fail, outputStart, outputs, useStart, useRule, useRegex, groupsOf, conjunctionOf, groupsIn, absent, kinds };
}

const findingsOf = (compiled: ReturnType<typeof compileRules>, text: string) => analyzeText(text, {}, compiled).findings.map((f) => JSON.stringify([f.ruleId, f.locator]));

describe('rules pack', () => {
  it('unpacks to the index the background made, and the rules rebuilt from it find what compiled rules find', () => {
    expect(plain(unpackRules(rules, 'key-1', pack))).toEqual(plain(index));
    const fromPack = rulesFromPack(rules, 'key-1', pack);
    const compiled = compileRules(rules);
    const text = '全网最低价，国家级品质！Only 2 left — order within 10 minutes. 添加微信 abc123 私下转账更便宜，仅剩3件';
    expect(findingsOf(fromPack, text).length).toBeGreaterThan(2);
    expect(findingsOf(fromPack, text)).toEqual(findingsOf(compiled, text));
  });

  it('packs no rules too (the page-type words alone)', () => {
    const empty = indexRules([]);
    expect(plain(unpackRules([], 'e', packRules(empty, 'e')))).toEqual(plain(empty));
  });

  it('refuses another format, other rules, data that is not base64, cut or longer than it says', () => {
    expect(() => unpackRules(rules, 'key-1', { ...pack, format: 1 as 2 })).toThrow(/rules pack: format/);
    expect(() => unpackRules(rules, 'key-2', pack)).toThrow(/made for other rules/);
    expect(() => unpackRules(rules, 'key-1', { ...pack, data: '%%%not base64' })).toThrow(/not base64/);
    expect(() => unpackRules(rules, 'key-1', { ...pack, data: undefined as unknown as string })).toThrow(/rules pack/);
    const w = words(pack);
    expect(() => unpackRules(rules, 'key-1', withWords(pack, w.subarray(0, w.length - 1)))).toThrow(/rules pack: (cut short|bad)/);
    expect(() => unpackRules(rules, 'key-1', withWords(pack, Int32Array.from([...w, 0])))).toThrow(/rules pack: bad length/);
    expect(() => unpackRules(rules, 'key-1', withWords(pack, w.subarray(0, 3)))).toThrow(/cut short/);
  });

  it('refuses tables that contradict themselves: edges out of order, a failure link to a later state, outputs and uses out of range', () => {
    const at = layout(index);
    const spoil = (offset: number, value: number) => {
      const w = words(pack).slice();
      w[offset] = value;
      return withWords(pack, w);
    };
    expect(() => unpackRules(rules, 'key-1', spoil(at.childStart + 5, 7))).toThrow(/bad trie/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.childStart + 5, 1e6))).toThrow(/bad trie/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.fail + 9, 9))).toThrow(/bad failure link/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.fail + 9, -1))).toThrow(/bad failure link/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.outputStart + 3, 1e6))).toThrow(/bad outputs/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.outputs, 1e6))).toThrow(/bad output/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.kinds, 9))).toThrow(/bad pattern kind/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.useStart + 5, -1))).toThrow(/bad pattern use/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.useRule, rules.length))).toThrow(/bad pattern use/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.useRegex, 99))).toThrow(/bad pattern use/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.groupsOf + 7, -3))).toThrow(/bad groups/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.conjunctionOf, 1e6))).toThrow(/bad conjunctions/);
    expect(() => unpackRules(rules, 'key-1', spoil(at.absent, -1))).toThrow(/bad rule index/);
    expect(() => unpackRules(rules.slice(0, 3), 'key-1', pack)).toThrow(/rules pack: bad/);
    expect(() => unpackRules(rules, 'key-1', { ...pack, words: pack.words.slice(1) })).toThrow(/bad words/);
    expect(() => unpackRules(rules, 'key-1', { ...pack, words: pack.words.map(() => ({ exceptions: [1], nearby: [] }) as never) })).toThrow(/bad words/);
  });

  it('a pack altered anywhere is refused or, when it passes the checks, still scans to the end', () => {
    const w = words(pack);
    fc.assert(
      fc.property(fc.nat(w.length - 1), fc.integer({ min: -2, max: 70_000 }), (offset, value) => {
        const altered = w.slice();
        altered[offset] = value;
        let fromPack: ReturnType<typeof rulesFromPack>;
        try {
          fromPack = rulesFromPack(rules, 'key-1', withWords(pack, altered));
        } catch (e) {
          expect((e as Error).message).toMatch(/^rules pack: /);
          return;
        }
        const found: number[] = [];
        fromPack.automaton.scan('最佳 国家级 only 2 left 添加微信 guaranteed results', (p) => found.push(p));
        expect(found.length).toBeLessThan(10_000);
      }),
      { numRuns: 300 },
    );
  });
});
