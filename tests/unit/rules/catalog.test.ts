import { describe, expect, it } from 'vitest';
import { checkRegexSafety } from '../../../src/rules/regex-safety';
import { validateRule, validateRulePack } from '../../../src/rules/catalog';
import { VALID_RULE } from './valid-rule';

const good = VALID_RULE;

describe('regex safety', () => {
  it.each([
    ['(a+)+$', 'non-capturing'],
    ['(?:a+)+$', 'nested'],
    ['(?:a|a)*b', null],
    ['.*套现', 'unbounded'],
    ['(?<=x)y', 'look-around'],
    ['(?:x)\\1', 'back-references'],
    ['[', 'does not compile'],
  ])('%s', (source, problem) => {
    const result = checkRegexSafety(source);
    if (problem === null) expect(typeof result === 'string' || result === null).toBe(true);
    else expect(result).toContain(problem);
  });
  it('accepts bounded, simple patterns', () => {
    expect(checkRegexSafety('(?:仅剩|只剩)\\s?\\d{1,3}\\s?(?:件|个)')).toBeNull();
    expect(checkRegexSafety('\\bonly \\d{1,3} left\\b')).toBeNull();
  });
});

describe('validateRule', () => {
  it('accepts a good rule and fills defaults', () => {
    const r = validateRule(good, 'rules/unfair-terms/my-rule.json', new Set());
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.context.window).toBe(30);
  });
  it('names the file and the field', () => {
    const r = validateRule({ ...good, severity: 'huge', examples: { match: [], noMatch: ['x'] } }, 'rules/x.json', new Set());
    expect(r.ok).toBe(false);
    expect(r.problems.join('\n')).toMatch(/rules\/x\.json: severity/);
    expect(r.problems.join('\n')).toMatch(/rules\/x\.json: examples\.match/);
  });
  it('refuses unsafe regexes and unknown detectors', () => {
    const r = validateRule({ ...good, patterns: { regexes: [{ source: '(?:a+)+b', anchors: ['a'] }] }, detector: 'nope' }, 'f', new Set());
    expect(r.problems.join('\n')).toMatch(/patterns\.regexes\.0\.source: nested/);
    expect(r.problems.join('\n')).toMatch(/detector: unknown detector "nope"/);
  });
});

describe('validateRulePack', () => {
  it('refuses broken JSON with a message', () => {
    const r = validateRulePack('{ nope', new Set());
    expect(r.ok).toBe(false);
    expect(r.problems[0]).toMatch(/not valid JSON/);
  });
  it('names the rule id and field', () => {
    const r = validateRulePack(JSON.stringify({ name: 'p', rules: [good, { ...good, id: 'other', category: 'nope' }] }), new Set());
    expect(r.problems).toEqual([expect.stringMatching(/^rule "other": category: /)]);
  });
  it('refuses duplicate ids and enormous packs', () => {
    expect(validateRulePack(JSON.stringify({ name: 'p', rules: [good, good] }), new Set()).problems[0]).toMatch(/duplicate id/);
    expect(validateRulePack('x'.repeat(3_000_001), new Set()).problems[0]).toMatch(/larger than/);
  });
});
