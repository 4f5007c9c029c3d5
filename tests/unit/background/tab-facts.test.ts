import { describe, expect, it } from 'vitest';
import { createTabFacts } from '../../../src/background/tab-facts';
import { sampleReport } from '../messaging/fixtures';

const facts = sampleReport().domainFacts;

describe('tab facts', () => {
  it('answers for the page they were sent for, not the #fragment, another page or another tab', () => {
    const known = createTabFacts();
    known.remember(1, 'https://shop.example/pay', facts);
    expect(known.get(1, 'https://shop.example/pay#card')).toBe(facts);
    expect(known.get(1, 'https://shop.example/other')).toBeNull();
    expect(known.get(2, 'https://shop.example/pay')).toBeNull();
    known.forget(1);
    expect(known.get(1, 'https://shop.example/pay')).toBeNull();
  });

  it('keeps the tabs that reported last, up to its limit', () => {
    const known = createTabFacts(3);
    for (const tab of [1, 2, 3]) known.remember(tab, `https://s.example/${tab}`, facts);
    known.remember(1, 'https://s.example/1', facts); // tab 1 reported again: tab 2 is now the oldest
    known.remember(4, 'https://s.example/4', facts);
    expect([1, 2, 3, 4].map((tab) => known.get(tab, `https://s.example/${tab}`) !== null)).toEqual([true, false, true, true]);
  });
});
