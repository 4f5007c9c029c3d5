/**
 * The literals a rule regex cannot match without (src/rules/required-literals.ts) are only worth
 * anything if they are right: for every built-in regex, every generated match contains one literal
 * of each group. The reader also finds the groups a reader of the regex would.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { builtinRules } from '../../../src/node/engine';
import { requiredLiterals } from '../../../src/rules/required-literals';

const regexes = builtinRules().loaded.rules.flatMap((r) => r.patterns.regexes.map((x) => [r.id, x.source] as const));

describe('required literals', () => {
  it('finds groups for most built-in regexes', () => {
    const withGroups = regexes.filter(([, source]) => requiredLiterals(source).length > 0);
    expect(withGroups.length).toBeGreaterThan(regexes.length * 0.8);
  });

  it.each(regexes)('%s: every generated match of %s holds one literal of each group (property)', (_id, source) => {
    const groups = requiredLiterals(source);
    // \b is zero-width: without it the regex matches more strings, and the groups must still hold
    const whole = new RegExp(`^(?:${source.replace(/\\b/g, '')})$`, 'u');
    fc.assert(
      fc.property(fc.stringMatching(whole), (m) => groups.every((g) => g.some((w) => m.toLowerCase().includes(w)))),
      { numRuns: 200 },
    );
  });

  it('reads alternatives, optional parts, repeats and classes', () => {
    expect(requiredLiterals('\\d{1,2}\\s?(?:天|日)\\s?\\d{1,2}\\s?(?:时|小时)\\s?\\d{1,2}\\s?分')).toEqual([['天', '日'], ['时'], ['分']]);
    expect(requiredLiterals('\\b(?:only|just)\\s\\d{1,3}\\s(?:items?|units?)\\sleft\\b')).toEqual([['just', 'only'], ['item', 'unit'], ['left']]);
    expect(requiredLiterals('(?:库存|商品)(?:仅|只)?保留')).toEqual([['库存仅保留', '库存只保留', '库存保留', '商品仅保留', '商品只保留', '商品保留'].sort()]);
    // too many spellings to list: the parts
    expect(requiredLiterals('(?:库存|商品|订单|名额)(?:仅|只)?(?:为您|为你)?保留')).toEqual([['名额', '商品', '库存', '订单'].sort(), ['保留']]);
    // one alternative without a literal: nothing can be said of the group, only of what follows it
    expect(requiredLiterals('(?:sold|\\d+)\\sout')).toEqual([['out']]);
    // one letter still tells runs apart; digits and spaces do not
    expect(requiredLiterals('\\d+\\s?(?:h|hr)\\b')).toEqual([['h']]);
    expect(requiredLiterals('(?:sold|bought) \\d\\s(?:1|2)')).toEqual([['bought', 'sold']]);
  });

  it('gives nothing for what it cannot read, never a wrong group', () => {
    for (const source of ['(unclosed', '[abc', 'a\\', '(?=look)ahead', '(capture)d']) expect(requiredLiterals(source)).toEqual([]);
  });
});
