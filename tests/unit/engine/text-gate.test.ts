/**
 * The text gate must never drop a run the matcher would have found something in: fed piece by
 * piece, it opens exactly when, in normalizedTextOf(the whole run), a gate-opening pattern occurs
 * or every group of one conjunction has a pattern (GateTables), and it counts exactly the
 * normalized characters. Every rule's own `match` examples open it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeText, builtinRules } from '../../../src/node/engine';
import { normalizedTextOf } from '../../../src/engine/normalize';
import { createRunKeeper, createTextGate } from '../../../src/engine/text-gate';
import { ABSENCE_ONLY, OPENS_GATE, SIGNAL_ONLY, type FlatLists } from '../../../src/rules/compile';
import { toMatchRule } from '../../../src/rules/match-rule';

const isAbsentOrDetector = (id: string) => {
  const rule = builtinRules().loaded.rules.find((r) => r.id === id);
  return rule?.context.mode === 'absent' || rule?.detector !== undefined;
};

const { compiled, loaded } = builtinRules();

/** the model: does some phrase or regex have all its groups of words in the normalized run? */
function opens(text: string): boolean {
  const found = new Set<number>();
  compiled.automaton.scan(normalizedTextOf(text), (p) => found.add(p));
  const { groupsIn, groupsOf } = compiled.gate;
  if ([...found].some((p) => compiled.patternKind[p] === OPENS_GATE)) return true;
  const list = (l: FlatLists, i: number) => [...l.items.subarray(l.start[i], l.start[i + 1])];
  const met = new Set([...found].flatMap((p) => list(groupsOf, p)));
  return Array.from({ length: groupsIn.start.length - 1 }, (_, c) => list(groupsIn, c)).some((groups) => groups.every((g) => met.has(g)));
}

const matchRules = loaded.rules.map(toMatchRule);
const phrases = [
  ...matchRules.flatMap((r) => [...r.patterns.phrases, ...r.patterns.regexes.flatMap((x) => x.anchors)]).slice(0, 300),
  ...matchRules.flatMap((r) => [...r.context.requireNearby, ...r.patterns.regexes.flatMap((x) => (x.requires ?? []).flat())]).slice(0, 200),
];
const noise = ['\n', '\t', '\u3000', '\u200b', '\u202e', '\u00ad', ' ', '  \n\t', 'Ａ', 'ｂ', 'ＱＱ', 'а', 'ο', 'É', 'ﬁ', '𝐀', '¥', '，', '1', '99', 'X', '天', 'the', '商品'];
const piece = fc.oneof(
  fc.constantFrom(...phrases),
  fc.constantFrom(...noise),
  fc.string({ maxLength: 6 }),
  fc.constantFrom(...phrases).map((p) => p.toUpperCase()),
);
/** a run of text split into text nodes at random places (never inside a surrogate pair) */
const run = fc.array(piece, { maxLength: 14 }).chain((parts) => {
  const text = parts.join('');
  const cuts = [...text].map((_, i) => i);
  return fc.subarray(cuts).map((at) => {
    const chars = [...text];
    const nodes: string[] = [];
    let last = 0;
    for (const i of at) {
      nodes.push(chars.slice(last, i).join(''));
      last = i;
    }
    nodes.push(chars.slice(last).join(''));
    return { text, nodes };
  });
});

describe('text gate', () => {
  it('opens exactly when a phrase or regex has all its words in the normalized run, however it is split (property)', () => {
    const gate = createTextGate(compiled);
    fc.assert(
      fc.property(run, ({ text, nodes }) => {
        gate.reset();
        for (const n of nodes) gate.feed(n);
        expect(gate.hit).toBe(opens(text));
        expect(gate.runChars).toBe(normalizedTextOf(text).length);
      }),
      { numRuns: 1500 },
    );
  });

  it('reports the words that do not open it (page-type words, absent rules) as signals', () => {
    const gate = createTextGate(compiled);
    gate.feed('加入购物车'); // a buy button: page type, no rule
    expect(gate.hit).toBe(false);
    expect(gate.signals.length).toBeGreaterThan(0);
    expect(gate.signals.every((p) => compiled.patternKind[p] === SIGNAL_ONLY || compiled.patternKind[p] === ABSENCE_ONLY)).toBe(true);
    gate.reset();
    gate.feed('Free returns within 30 days'); // words of the absent rule "no return policy"
    expect(gate.signals.some((p) => compiled.patternKind[p] === ABSENCE_ONLY)).toBe(true);
    gate.reset();
    gate.feed('专业花呗套现');
    expect(gate.hit).toBe(true);
  });

  it("opens on every rule's own match examples, and not on a delivery promise that only shares a regex's anchor", () => {
    const gate = createTextGate(compiled);
    const texts = loaded.rules.flatMap((r) => r.examples.match).flatMap((e) => (typeof e === 'string' ? [e] : 'text' in e ? [e.text] : []));
    expect(texts.length).toBeGreaterThan(200);
    const closed = texts.filter((t) => {
      gate.reset();
      gate.feed(t);
      return !gate.hit;
    });
    // absent rules and detectors fire without their words; every other example opens the gate
    expect(closed.filter((t) => analyzeText(t, {}, compiled).findings.some((f) => !isAbsentOrDetector(f.ruleId)))).toEqual([]);
    gate.reset();
    gate.feed('预计3天内送达');
    expect(gate.hit).toBe(false); // 天 is the anchor of "3天12时5分", which also needs 时 and 分
    gate.reset();
    gate.feed('距结束 2天 12时 30分');
    expect(gate.hit).toBe(true);
  });

  it('counts all characters, and the CJK share of the first 5,000 characters and letters, over all runs', () => {
    const gate = createTextGate(compiled);
    gate.feed('纯棉短袖 cotton');
    gate.reset();
    expect(gate.stats).toMatchObject({ chars: 11, letters: 10, lettersCjk: 4, sampleChars: 11, sampleCjk: 4 });
    gate.feed('x'.repeat(6000));
    gate.reset();
    expect(gate.stats).toMatchObject({ chars: 6011, letters: 5000, lettersCjk: 4, sampleChars: 5000, sampleCjk: 4 });
  });
});

describe('run keeper', () => {
  it('keeps the first headings and a few runs per page-type word and place, and takes them back', () => {
    const keeper = createRunKeeper();
    const kept = Array.from({ length: 120 }, () => keeper.keepRun('heading', 10, []));
    expect(kept.filter(Boolean)).toHaveLength(100);
    expect(keeper.keepRun('heading', 0, [])).toBeNull(); // an empty heading is not worth keeping
    keeper.release(kept[0]!);
    expect(keeper.keepRun('heading', 10, [])).not.toBeNull();

    const label = () => keeper.keepRun('body', 5, [7]);
    expect([label(), label(), label()].filter(Boolean)).toHaveLength(3);
    expect(keeper.overflow.has(7)).toBe(false);
    expect(label()).toBeNull(); // over the quota: dropped, and remembered as seen
    expect(keeper.overflow.has(7)).toBe(true);
    // the same word in another place (a long paragraph, a button) is counted apart
    expect(keeper.keepRun('body', 200, [7])).not.toBeNull();
    expect(keeper.keepRun('button', 5, [7])).not.toBeNull();
    expect(keeper.keepRun('body', 5, [])).toBeNull();
  });
});
