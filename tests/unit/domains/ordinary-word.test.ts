/**
 * Ordinary brand words (apple, visa, google, stripe, wechat) with evidence around them, and the
 * machine-made-name test they use. Hosts below marked "unseen" are made up here (not from the
 * corpus) to check that the heuristics generalize rather than memorize the phishing feeds.
 */
import { describe, expect, it } from 'vitest';
import { classifyHost } from '../../../src/domains/classify-host';
import { looksRandom } from '../../../src/domains/looks-random';
import { isBrandKeyword, ordinaryWordHit, wordsInOrdinarySense } from '../../../src/domains/ordinary-word';
import { BRANDS } from '../../../src/domains/registry';

const brand = (id: string) => BRANDS.find((b) => b.id === id)!;

describe('looksRandom', () => {
  it.each(['appldf', 'zexvip', 'ochxo', 'cloudipilnc', 'qkzvbt', 'xkvqdj', 'wrtplk'])('%s looks machine-made', (label) => {
    expect(looksRandom(label)).toBe(true);
  });
  it.each(['stackexchange', 'slashdot', 'fandom', 'wordpress', 'soundcloud', 'zhifubao', 'xiaohongshu', 'pineapple', 'squarespace', 'hotjar', 'github', 'fbcdn', 'weixin', 'strengths', 'worldnews'])(
    '%s reads as words',
    (label) => {
      expect(looksRandom(label)).toBe(false);
    },
  );
});

describe('ordinary brand words with evidence (classifyHost)', () => {
  const hits: [string, string, string][] = [
    // brand as a whole subdomain label of a machine-made registrable name
    ['apple.cloudipilnc.com', 'apple', 'subdomain-embedding'],
    ['apple.appldf.cn', 'apple', 'subdomain-embedding'],
    ['visa.zexvip.com', 'visa', 'subdomain-embedding'],
    ['visa-paperative.ochxo.cn', 'visa', 'subdomain-embedding'],
    ['apple.xkvqdj.com', 'apple', 'subdomain-embedding'], // unseen
    // brand + random consonants, digits, keywords next to it or further on, keyword labels elsewhere
    ['appledg.com', 'apple', 'brand-keyword'],
    ['w.appletp.com', 'apple', 'brand-keyword'],
    ['applekq.net', 'apple', 'brand-keyword'], // unseen
    ['account.appletejapan.com.in', 'apple', 'brand-keyword'],
    ['www.account-appletejapan.ai.in', 'apple', 'brand-keyword'],
    ['www.accountappletejapanr.tokyo', 'apple', 'brand-keyword'],
    ['login.applexq.de', 'apple', 'brand-keyword'], // unseen
    ['24x7applehelpline.netlify.app', 'apple', 'brand-keyword'],
    ['applefind-devices.com', 'apple', 'brand-keyword'],
    ['myapple-arcade.cyou', 'apple', 'brand-keyword'],
    ['news.apple-cl0ud.com', 'apple', 'brand-in-label'],
    ['applemusic79.com', 'apple', 'brand-keyword'],
    ['distribute.apple888.vip', 'apple', 'brand-keyword'],
    ['settings-appleinf-ld.ink', 'apple', 'brand-keyword'],
    ['appleicloudsync-help.com', 'apple', 'brand-keyword'], // unseen
    ['visa3dsauth-7.com', 'visa', 'brand-keyword'], // unseen
  ];
  it.each(hits)('%s → %s (%s)', (host, brandId, technique) => {
    const r = classifyHost(host);
    expect(r.verdict).toBe('lookalike');
    expect(r.brandId).toBe(brandId);
    expect(r.technique).toBe(technique);
    expect(r.reasons.join(' ')).toMatch(/apple|visa/);
  });

  const clean = [
    // ordinary words and names that contain the brand word
    'applebees.com', 'pineapple.com', 'snapple.com', 'appleton.org', 'applewood.com', 'applesauce.com', 'appletreeservice.com',
    'support.applegreen.com', 'visas.com', 'visacentral.com', 'stripes.com',
    // the ordinary sense next to the word
    'visaguide.world', 'visa-travel.top', 'visa-services.net', 'usvisa-info.com', 'evisa-apply.online', 'apple-tree.xyz', 'apple-orchard-farm.shop',
    // brand word as a section or tenant of someone's service, or in a readable name
    'apple.stackexchange.com', 'apple.fandom.com', 'apple.slashdot.org', 'visa.vfsglobal.com', 'apple.t-mobile.com', 'apple.service-now.com',
    'visa.okta.com', 'google.okta.com', 'apple.wordpress.com',
    // a number alone, or a readable rest, is not evidence
    'apple1.com', 'applejuicebar.com', 'redapple.com',
  ];
  it.each(clean)('%s is not a look-alike', (host) => {
    expect(classifyHost(host).verdict).not.toBe('lookalike');
  });
});

describe('ordinaryWordHit', () => {
  it('counts the evidence: a whole subdomain label alone is not enough, a machine-made parent makes two', () => {
    expect(ordinaryWordHit('apple.fandom.com', { subLabels: ['apple'], regLabel: 'fandom' })).toBeUndefined();
    const hit = ordinaryWordHit('apple.appldf.cn', { subLabels: ['apple'], regLabel: 'appldf' });
    expect(hit).toMatchObject({ word: 'apple', where: 'subdomain', points: 2 });
    expect(hit?.evidence.join(' ')).toMatch(/machine-made/);
  });
  it('a cheap TLD or hosting platform is one point, not two', () => {
    expect(ordinaryWordHit('apple-fan.example', { subLabels: [], regLabel: 'apple-fan', venue: 'on the cheap TLD .top' })).toBeUndefined();
    expect(ordinaryWordHit('applefans.example', { subLabels: [], regLabel: 'applefans', venue: 'on the cheap TLD .top' })).toBeUndefined();
    expect(ordinaryWordHit('apple888.example', { subLabels: [], regLabel: 'apple888', venue: 'on the cheap TLD .vip' })?.points).toBe(2);
  });
  it('the word must stand at a word boundary, outside dictionary words', () => {
    expect(ordinaryWordHit('account.pineappledg.com', { subLabels: ['account'], regLabel: 'pineappledg' })).toBeUndefined();
    expect(ordinaryWordHit('account.applebees.com', { subLabels: ['account'], regLabel: 'applebees' })).toBeUndefined();
    expect(ordinaryWordHit('account.appletp.com', { subLabels: ['account'], regLabel: 'appletp' })?.word).toBe('apple'); // "applet" + p is not the word applet
  });
  it('visa counts only its own context words (card, 3ds, secure), not the travel-sense service words', () => {
    expect(isBrandKeyword(brand('visa'), 'info')).toBe(false);
    expect(isBrandKeyword(brand('visa'), 'service')).toBe(false);
    expect(isBrandKeyword(brand('visa'), 'card')).toBe(true);
    expect(isBrandKeyword(brand('apple'), 'support')).toBe(true);
    expect(isBrandKeyword(brand('apple'), 'icloudsync')).toBe(true);
    expect(isBrandKeyword(brand('apple'), 'tree')).toBe(false);
  });
  it('words of the ordinary sense clear the host', () => {
    expect([...wordsInOrdinarySense('visa-travel-agency')]).toEqual(['visa']);
    expect([...wordsInOrdinarySense('apple-orchard')]).toEqual(['apple']);
    expect(wordsInOrdinarySense('apple-icloud').size).toBe(0);
  });
});
