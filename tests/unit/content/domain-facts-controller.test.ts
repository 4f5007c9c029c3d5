// @vitest-environment happy-dom
/**
 * The payment-spoof checks run in the background on the facts each scan report carries. A report
 * goes out when what the background needs changed: the text findings, or the page facts its checks
 * read (a card form added by a checkout step changes no text finding).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageConfig, ScanReportPayload } from '../../../src/messaging/protocol';
import { builtinRules } from '../../../src/node/engine';
import { toMatchRule } from '../../../src/rules/match-rule';
import { indexRules } from '../../../src/rules/compile';
import { packRules } from '../../../src/rules/pack';
import { pageStrings } from '../../../src/i18n/page-strings';

const sent = vi.hoisted(() => ({ config: null as unknown, reports: [] as unknown[], factsNeeded: false }));
vi.mock('../../../src/messaging/send', () => ({
  sendToBackground: vi.fn(async (type: string, payload: unknown) => {
    if (type === 'get-page-config') return sent.config;
    if (type === 'scan-report') {
      sent.reports.push(payload);
      // a background whose worker restarted knows no facts until a report brings them
      if (sent.factsNeeded && (payload as ScanReportPayload).domainFacts === null) return { factsNeeded: true };
      return { locale: 'en', strings: pageStrings('en'), banner: null, interstitial: null };
    }
    return { done: true };
  }),
}));

import { withDomainFindings } from '../../../src/background/domain-findings';
import { startContent, type ContentHandle } from '../../../src/content/controller';

const rules = builtinRules()
  .loaded.rules.map(toMatchRule)
  .filter((r) => r.detector === undefined);
const config: PageConfig = { locale: 'en', rules, rulesKey: 'k1', rulesPack: packRules(indexRules(rules), 'k1'), officialHost: false };

let handle: ContentHandle | undefined;
beforeEach(() => {
  sent.reports = [];
  sent.factsNeeded = false;
  sent.config = config;
  document.body.innerHTML = '<h1>Checkout</h1><div id="step"><p>Shipping address</p></div>';
});
afterEach(() => {
  handle?.stop();
  handle = undefined;
});

const settle = async () => {
  await new Promise((r) => setTimeout(r, 400));
  await handle!.idle();
};

describe('scan reports and page facts', () => {
  it('a look-alike payment link added later is reported, though no text finding changed', async () => {
    handle = startContent(document);
    await settle();
    expect(sent.reports).toHaveLength(1);
    const first = sent.reports[0] as ScanReportPayload;
    expect(first.domainFacts?.links).toEqual([]);
    document.getElementById('step')!.insertAdjacentHTML('beforeend', '<a class="btn" href="https://www.amaz0n.com/gp/buy">Continue</a>');
    await settle();
    expect(sent.reports).toHaveLength(2);
    const second = sent.reports[1] as ScanReportPayload;
    expect(second.findings).toEqual(first.findings);
    expect(second.domainFacts?.links.map((l) => l.href)).toEqual(['https://www.amaz0n.com/gp/buy']);
    expect(withDomainFindings(second, second.domainFacts!).findings.map((f) => f.ruleId)).toContain('lookalike-payment-link');
  });

  it('sends the facts again only when they changed, or when the background asks for them', async () => {
    handle = startContent(document);
    await settle();
    const step = document.getElementById('step')!;
    step.insertAdjacentHTML('beforeend', '<p>花呗套现，当天到账</p>'); // a text finding, same facts
    await settle();
    expect(sent.reports).toHaveLength(2);
    const [first, second] = sent.reports as ScanReportPayload[];
    expect(second!.findings.length).toBeGreaterThan(first!.findings.length);
    expect(second!.domainFacts).toBeNull();

    sent.factsNeeded = true;
    step.insertAdjacentHTML('beforeend', '<p>信用卡套现</p>');
    await settle();
    const [asked, resent] = (sent.reports as ScanReportPayload[]).slice(2);
    expect(asked!.domainFacts).toBeNull();
    expect(resent!.domainFacts).toEqual(first!.domainFacts);
    expect(resent!.findings).toEqual(asked!.findings);
  });

  it('a link whose href a script changes later is checked again', async () => {
    document.getElementById('step')!.innerHTML = '<a id="pay" href="/pay">Continue</a>';
    handle = startContent(document);
    await settle();
    expect(sent.reports).toHaveLength(1);
    document.getElementById('pay')!.setAttribute('href', 'https://www.amaz0n.com/gp/buy');
    await settle();
    expect(sent.reports).toHaveLength(2);
    const second = sent.reports[1] as ScanReportPayload;
    expect(second.domainFacts?.links.map((l) => l.href)).toEqual(['https://www.amaz0n.com/gp/buy']);
    // and changed again: the cached link is read again, not its first href
    document.getElementById('pay')!.setAttribute('href', 'https://zhifubao-kefu.com/pay');
    await settle();
    expect((sent.reports[2] as ScanReportPayload).domainFacts?.links.map((l) => l.href)).toEqual(['https://zhifubao-kefu.com/pay']);
  });
});
