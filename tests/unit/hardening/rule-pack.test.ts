/**
 * Hostile custom rule packs through validateRulePack (the options page's import path): every bad
 * pack is refused with messages that name the rule and the field, nothing throws, nothing leaks into
 * Object.prototype, and the built-in rules keep working afterwards.
 */
import { describe, expect, it } from 'vitest';
import { validateRulePack } from '../../../src/rules/catalog';
import { KNOWN_DETECTORS } from '../../../src/engine/detectors';
import { compileRules } from '../../../src/rules/compile';
import { toMatchRule } from '../../../src/rules/match-rule';
import { analyzeText, builtinRules } from '../../../src/node/engine';
import { VALID_RULE } from '../rules/valid-rule';

const rule = (over: Record<string, unknown> = {}) => ({ ...VALID_RULE, ...over });
const pack = (rules: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ name: 'p', rules, ...extra });
const validate = (text: string, maxBytes?: number) => validateRulePack(text, KNOWN_DETECTORS, maxBytes);

function refused(text: string, ...patterns: RegExp[]) {
  const r = validate(text);
  expect(r.ok).toBe(false);
  const problems = r.ok ? [] : r.problems;
  expect(problems.length).toBeGreaterThan(0);
  for (const p of problems) {
    expect(typeof p).toBe('string');
    expect(p).not.toMatch(/\n\s+at /); // no stack traces
    expect(p.length).toBeLessThan(600);
  }
  for (const re of patterns) expect(problems.some((p) => re.test(p)), `${re} in ${JSON.stringify(problems)}`).toBe(true);
  return problems;
}

describe('broken JSON', () => {
  it.each([
    ['empty', ''],
    ['truncated', pack([rule()]).slice(0, 60)],
    ['trailing comma', '{"name":"p","rules":[],}'],
    ['a BOM and garbage', '\ufeff\u0000\u0001{'],
    ['binary', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i))],
    ['not an object', '"just a string"'],
    ['null', 'null'],
    ['an array', '[]'],
  ])('%s is refused with one clear message', (_name, text) => {
    refused(text, /^pack: /);
  });
});

describe('wrong schema: the message names the rule and the field', () => {
  it.each([
    ['missing title', rule({ title: undefined }), /rule "my-rule": title/],
    ['severity not allowed', rule({ severity: 'apocalyptic' }), /rule "my-rule": severity/],
    ['category unknown', rule({ category: 'anything' }), /rule "my-rule": category/],
    ['phrases not an array', rule({ patterns: { phrases: '概不退换' } }), /rule "my-rule": patterns\.phrases/],
    ['empty phrase', rule({ patterns: { phrases: [''] } }), /rule "my-rule": patterns\.phrases\.0/],
    ['zero-width-only phrase', rule({ patterns: { phrases: ['\u200b\u200d'] } }), /rule "my-rule": patterns\.phrases\.0/],
    ['window out of range', rule({ context: { window: 1e9 } }), /rule "my-rule": context\.window/],
    ['unknown detector', rule({ detector: 'rm -rf /', patterns: { phrases: [] } }), /rule "my-rule": detector/],
    ['unknown key', rule({ evil: true }), /rule "my-rule"/],
    ['id with a path', rule({ id: '../../etc/passwd' }), /rule "\.\.\/\.\.\/etc\/passwd": id/],
  ])('%s', (_name, r, re) => {
    refused(pack([r]), re);
  });

  it('a rule without an id is named by its position', () => {
    refused(pack([rule(), rule({ id: undefined })]), /rule #2: id/);
  });

  it('a non-object rule is named by its position', () => {
    refused(pack([rule(), 42, null]), /rule #2/, /rule #3/);
  });

  it('duplicate ids', () => {
    refused(pack([rule(), rule()]), /rule "my-rule": id: duplicate/);
  });

  it('pack-level fields', () => {
    refused(JSON.stringify({ rules: [rule()] }), /pack: name/);
    refused(JSON.stringify({ name: 'p', rules: [] }), /pack: rules/);
    refused(JSON.stringify({ name: 'p', rules: [rule()], extra: 1 }), /pack: /);
  });
});

describe('unsafe regexes are refused, naming rule and field', () => {
  it.each([
    ['(a+)+$'],
    ['(?:a+)+$'],
    ['(?:x|x?)+y'],
    ['.*套现'],
    ['(?<=a)b'],
    ['(a)\\1'],
    ['['],
    ['a'.repeat(301)],
  ])('%s', (source) => {
    refused(pack([rule({ id: 'evil', patterns: { phrases: [], regexes: [{ source, anchors: ['a'] }] } })]), /rule "evil": patterns\.regexes\.0\.source/);
  });
});

describe('enormous packs', () => {
  it('over the size limit: refused before parsing', () => {
    const big = pack([rule({ patterns: { phrases: ['概不退换'.repeat(10), 'x'.repeat(2_100_000)] } })]);
    const t0 = performance.now();
    refused(big, /pack: file is larger than 2 MB/);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('over the rule count: refused with the limit named', () => {
    const many = Array.from({ length: 2001 }, (_, i) => rule({ id: `r-${i}` }));
    refused(pack(many), /pack: rules: a pack may hold at most 2000 rules/);
  });

  it('at the rule count limit: accepted, compiles and scans quickly', () => {
    const many = Array.from({ length: 2000 }, (_, i) => rule({ id: `r-${i}`, patterns: { phrases: [`独特短语${i}号`] } }));
    const r = validate(pack(many));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const t0 = performance.now();
    const compiled = compileRules([...builtinRules().loaded.rules.map(toMatchRule), ...r.value.rules.map(toMatchRule)]);
    const result = analyzeText('本店独特短语1999号，一经售出概不退换', {}, compiled);
    expect(result.findings.some((f) => f.ruleId === 'r-1999')).toBe(true);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it('one rule with a huge number of phrases under the byte limit is refused or stays fast', () => {
    const phrases = Array.from({ length: 150_000 }, (_, i) => `词${i.toString(36)}`);
    const r = validate(pack([rule({ id: 'wide', patterns: { phrases } })]));
    if (!r.ok) {
      expect(r.problems.join('\n')).toMatch(/rule "wide": patterns\.phrases/);
      return;
    }
    const t0 = performance.now();
    const compiled = compileRules([...builtinRules().loaded.rules.map(toMatchRule), ...r.value.rules.map(toMatchRule)]);
    analyzeText('一经售出概不退换 词zzz', {}, compiled);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('deeply nested JSON does not overflow the stack or throw', () => {
    const depth = 200_000;
    const nested = '{"name":"p","rules":[' + '['.repeat(depth) + ']'.repeat(depth) + ']}';
    expect(() => validate(nested)).not.toThrow();
    refused(nested, /rule #1/);
    const deepObject = pack([rule({ context: '@DEEP@' })]).replace('"@DEEP@"', '{"a":'.repeat(5000) + '1' + '}'.repeat(5000));
    expect(() => validate(deepObject)).not.toThrow();
    refused(deepObject, /rule "my-rule": context/);
  });
});

describe('prototype pollution', () => {
  it('__proto__, constructor and prototype keys are refused and pollute nothing', () => {
    const texts = [
      '{"name":"p","rules":[],"__proto__":{"polluted":1}}',
      `{"name":"p","__proto__":{"polluted":1},"rules":[${JSON.stringify(rule()).replace(/^\{/, '{"__proto__":{"polluted":1},')}]}`,
      `{"name":"p","rules":[${JSON.stringify(rule({ context: { constructor: { prototype: { polluted: 1 } } } }))}]}`,
      `{"name":"p","rules":[${JSON.stringify(rule()).replace('"patterns":{', '"patterns":{"__proto__":{"polluted":1},')}]}`,
    ];
    for (const text of texts) {
      const r = validate(text);
      expect(r.ok, text).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('an accepted rule carries no inherited surprises', () => {
    const r = validate(`{"name":"p","rules":[${JSON.stringify(rule())}]}`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.getPrototypeOf(r.value.rules[0])).toBe(Object.prototype);
  });
});

describe('the built-in rules keep working after bad packs', () => {
  it('scan results are the same before and after a burst of refused packs', () => {
    const text = '花呗套现，费率低至5%，10分钟到账。信用卡套现，不上征信。一经售出概不退换';
    const before = analyzeText(text);
    expect(before.findings.length).toBeGreaterThan(2);
    for (const t of ['', '{', pack([rule({ patterns: { phrases: [], regexes: [{ source: '(a+)+$', anchors: ['a'] }] } })]), '{"__proto__":{"x":1}}', pack(Array(2001).fill(rule()))]) {
      expect(validate(t).ok).toBe(false);
    }
    const after = analyzeText(text);
    expect(after.findings.map((f) => f.ruleId)).toEqual(before.findings.map((f) => f.ruleId));
    expect(after.report.score).toBe(before.report.score);
  });
});
