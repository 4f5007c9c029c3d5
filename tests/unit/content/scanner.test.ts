// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { createPageScanner } from '../../../src/content/scanner';
import { createScheduler } from '../../../src/content/scheduler';
import { compileRules } from '../../../src/rules/compile';
import { ruleSchema } from '../../../src/rules/schema';
import { toMatchRule } from '../../../src/rules/match-rule';
import { FIRST_TEXT_KEY } from '../../../src/messaging/protocol';
import { testRule } from '../engine/helpers';

const rule = ruleSchema.parse({
  id: 'cash-out-test',
  category: 'cash-out',
  severity: 'high',
  locales: ['zh'],
  title: { zh: '套现', en: 'cash-out' },
  patterns: { phrases: ['花呗套现'] },
  explanation: { zh: 'x', en: 'x' },
  examples: { match: ['花呗套现'], noMatch: ['花呗'] },
});
const compiled = compileRules([toMatchRule(rule)]);

describe('page scanner', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('finds a phrase split across inline nodes and maps it back to a DOM range', async () => {
    document.body.innerHTML = '<main><p id="p">专业<b>花呗</b>套现，秒到账</p><p>别的内容</p></main>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    expect(await scanner.extract(document.body)).toBe(true);
    const { result } = await scanner.analyze();
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cash-out-test']);
    const locator = result.findings[0]!.locator;
    expect(locator.segment).toBeGreaterThanOrEqual(FIRST_TEXT_KEY);
    expect(locator.path).not.toBe('');
    const range = scanner.locate(locator)!;
    expect(range.toString()).toBe('花呗套现');
  });

  it('rescans only what changed: added text is found, removed text is forgotten', async () => {
    document.body.innerHTML = '<div id="list"><div class="card">马克杯</div></div>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    expect((await scanner.analyze()).result.findings).toHaveLength(0);
    const before = scanner.segmentCount();

    const card = document.createElement('div');
    card.textContent = '花呗套现 不上征信';
    document.getElementById('list')!.append(card);
    await scanner.extract(card);
    expect(scanner.segmentCount()).toBe(before + 1);
    expect((await scanner.analyze()).result.findings).toHaveLength(1);

    card.remove();
    await scanner.sweep();
    expect(scanner.segmentCount()).toBe(before);
    expect((await scanner.analyze()).result.findings).toHaveLength(0);
  });

  it('extracts the roots of one batch of mutations in one pass, forgetting what they held before', async () => {
    document.body.innerHTML = '<div id="list"><div class="card">马克杯</div></div>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    const list = document.getElementById('list')!;
    const first = list.firstElementChild!;
    first.textContent = '花呗套现 秒到';
    const added = document.createElement('div');
    added.textContent = '花呗套现 不上征信';
    list.append(added);
    expect(await scanner.extract([first, added])).toBe(true);
    const { result } = await scanner.analyze();
    expect(result.findings.map((f) => [f.ruleId, f.occurrences])).toEqual([['cash-out-test', 2]]);
  });

  it('a form removed from the page leaves the facts with the sweep that follows the removal', async () => {
    document.body.innerHTML = '<div id="pay"><form action="/pay"><input type="password" name="pin"></form></div><p>马克杯</p>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    expect((await scanner.analyze()).facts.forms).toHaveLength(1);
    document.getElementById('pay')!.remove();
    await scanner.sweep();
    const { facts } = await scanner.analyze();
    expect(facts.forms).toHaveLength(0);
    expect(facts.looseFields).toHaveLength(0);
  });

  it('finds and highlights a claim deep inside one giant text node', async () => {
    document.body.innerHTML = '<p id="p"></p>';
    document.getElementById('p')!.textContent = '商品描述'.repeat(25_000) + '花呗套现' + '。'.repeat(50_000);
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    const { result } = await scanner.analyze();
    expect(result.findings.map((f) => f.ruleId)).toEqual(['cash-out-test']);
    expect(scanner.locate(result.findings[0]!.locator)!.toString()).toBe('花呗套现');
  });

  it('re-extracting a giant text node replaces every one of its chunks (claims in two chunks stay two)', async () => {
    document.body.innerHTML = '<p id="p"></p>';
    const p = document.getElementById('p')!;
    p.textContent = '商品描述'.repeat(25_000) + '花呗套现' + '。'.repeat(100_000) + '花呗套现' + '。'.repeat(10_000);
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    const count = async () => (await scanner.analyze()).result.findings[0]!.occurrences;
    expect(await count()).toBe(2);
    const segments = scanner.segmentCount();
    await scanner.extract(p);
    expect(scanner.segmentCount()).toBe(segments);
    expect(await count()).toBe(2);
    (p.firstChild as Text).data = '花呗套现';
    await scanner.extract(p);
    expect(await count()).toBe(1);
  });

  it('an absent rule stays silent when its words are on the page, even if the first copies kept are hidden', async () => {
    const absent = compileRules([
      testRule({ id: 'no-returns-test', category: 'trust-gap', severity: 'info', locales: ['en'], patterns: { phrases: ['return policy'] }, context: { mode: 'absent' } }),
    ]);
    const proto = Element.prototype as { checkVisibility?: (this: Element) => boolean };
    const original = proto.checkVisibility;
    proto.checkVisibility = function (this: Element) {
      return !(this as HTMLElement).closest('[style*="none"]');
    };
    try {
      const scan = async (html: string) => {
        document.documentElement.lang = 'en';
        document.body.innerHTML = html;
        const scanner = createPageScanner(document, absent, createScheduler());
        await scanner.extract(document.body);
        return (await scanner.analyze()).result.findings.map((f) => f.ruleId);
      };
      const hidden = (n: number) => '<nav style="display:none"><p>Return policy</p></nav>'.repeat(n);
      expect(await scan(`${hidden(2)}<p>Shoes</p>`)).toEqual(['no-returns-test']); // all copies kept, all hidden: absent
      // more copies than the gate keeps per word and place (3, all hidden here): the visible one later on counts
      expect(await scan(`${hidden(6)}<p>Shoes</p><footer><p>Return policy</p></footer>`)).toEqual([]);
    } finally {
      if (original) proto.checkVisibility = original;
      else delete proto.checkVisibility;
      document.documentElement.lang = '';
    }
  });

  it('re-extracting a root replaces its old segments instead of duplicating them', async () => {
    document.body.innerHTML = '<p id="p">花呗套现</p>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    const n = scanner.segmentCount();
    await scanner.extract(document.getElementById('p')!);
    expect(scanner.segmentCount()).toBe(n);
    expect((await scanner.analyze()).result.findings[0]!.occurrences).toBe(1);
  });

  it('with its default limits reads a large listing to the end (52,025 text nodes on the bench page; the old cap stopped at 20,000)', async () => {
    document.body.innerHTML = `<ul>${'<li>商品 <b>价格</b></li>'.repeat(30_000)}<li>专业花呗套现</li></ul>`;
    const scanner = createPageScanner(document, compiled, createScheduler());
    expect(await scanner.extract(document.body)).toBe(true);
    expect(scanner.truncated()).toBe(false);
    expect(scanner.nodesSeen()).toBe(60_001);
    expect((await scanner.analyze()).result.findings.map((f) => f.ruleId)).toEqual(['cash-out-test']);
  });

  it('gives up past its node budget and says so', async () => {
    document.body.innerHTML = Array.from({ length: 50 }, (_, i) => `<p>item ${i}</p>`).join('');
    const scanner = createPageScanner(document, compiled, createScheduler(), { maxNodesPerPass: 1000, maxNodesTotal: 10, maxBusyMs: 10_000 });
    await scanner.extract(document.body);
    expect(scanner.gaveUp()).toBe(true);
    expect(scanner.truncated()).toBe(true);
    expect(scanner.nodesSeen()).toBeLessThan(50);
    expect(await scanner.extract(document.body)).toBe(false);
  });

  it('reads the title as a synthetic segment that is not highlighted', async () => {
    document.title = '花呗套现 专业';
    document.body.innerHTML = '<p>hello</p>';
    const scanner = createPageScanner(document, compiled, createScheduler());
    await scanner.extract(document.body);
    const { result } = await scanner.analyze();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.locator.segment).toBeLessThan(FIRST_TEXT_KEY);
    expect(scanner.locate(result.findings[0]!.locator)).toBeNull();
    document.title = '';
  });
});
