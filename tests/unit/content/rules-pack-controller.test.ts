// @vitest-environment happy-dom
/**
 * The content script loads its rules from the pack the background sends (it compiles nothing):
 * with a good pack the page is scanned and reported; a pack that does not fit the rules, or none,
 * leaves the page unscanned with a warning — nothing throws, nothing is reported.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageConfig, ScanReportPayload } from '../../../src/messaging/protocol';
import { builtinRules } from '../../../src/node/engine';
import { toMatchRule } from '../../../src/rules/match-rule';
import { indexRules } from '../../../src/rules/compile';
import { packRules } from '../../../src/rules/pack';
import { pageStrings } from '../../../src/i18n/page-strings';

const sent = vi.hoisted(() => ({ config: null as unknown, reports: [] as unknown[] }));
vi.mock('../../../src/messaging/send', () => ({
  sendToBackground: vi.fn(async (type: string, payload: unknown) => {
    if (type === 'get-page-config') return sent.config;
    if (type === 'scan-report') {
      sent.reports.push(payload);
      return { locale: 'en', strings: pageStrings('en'), banner: null, interstitial: null };
    }
    return { done: true };
  }),
}));

import { startContent, type ContentHandle } from '../../../src/content/controller';

const rules = builtinRules()
  .loaded.rules.map(toMatchRule)
  .filter((r) => r.detector === undefined);
const good: PageConfig = { locale: 'en', rules, rulesKey: 'k1', rulesPack: packRules(indexRules(rules), 'k1'), officialHost: false };

let handle: ContentHandle | undefined;
beforeEach(() => {
  sent.reports = [];
  document.body.innerHTML = '<h1>Gift cards</h1><p>全网最低价，国家级品质！仅剩3件</p>';
});
afterEach(() => {
  handle?.stop();
  handle = undefined;
  vi.restoreAllMocks();
});

async function run(config: PageConfig) {
  sent.config = config;
  handle = startContent(document);
  await handle.idle();
  await handle.idle();
}

describe('rules from the background pack', () => {
  it('scans and reports with the rules rebuilt from a good pack', async () => {
    await run(good);
    expect(sent.reports).toHaveLength(1);
    const ids = (sent.reports[0] as ScanReportPayload).findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['absolute-terms-zh']));
  });

  it.each([
    ['made for other rules', { ...good, rulesKey: 'k2' }],
    ['missing', { ...good, rulesPack: null }],
    ['cut short', { ...good, rulesPack: { ...good.rulesPack!, data: good.rulesPack!.data.slice(0, 4000) } }],
  ])('a pack %s leaves the page unscanned, with a warning', async (_what, config) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await run(config as PageConfig);
    expect(sent.reports).toHaveLength(0);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('rules not loaded'), expect.stringMatching(/^rules pack: /));
  });
});
