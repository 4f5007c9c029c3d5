/**
 * The text rules a page gets with its configuration (the content script bundles none): the
 * built-in rules of the enabled categories plus the custom packs, and their index packed
 * (src/rules/pack.ts), worked out here once per set of rules instead of in every page. Detector
 * rules are left out — they run here, in the background (domain-findings.ts).
 */
import builtInMatchRules from 'virtual:shop-sentinel/match-rules';
import type { MatchRule } from '../rules/match-rule';
import type { Category } from '../engine/types';
import { indexRules } from '../rules/compile';
import { packRules, type RulesPack } from '../rules/pack';

export interface PageRules {
  rules: MatchRule[];
  /** FNV-1a of the rules' JSON: equal keys, equal rules */
  key: string;
  /** the rules' index, packed; null when it could not be made (pages then stay unscanned: the same code could not compile them there) */
  pack: RulesPack | null;
}

let cached: { input: string; value: PageRules } | null = null;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function pageRules(disabled: readonly Category[], custom: readonly MatchRule[]): PageRules {
  const input = JSON.stringify([disabled, custom]);
  if (cached?.input === input) return cached.value;
  const off = new Set(disabled);
  const rules = [...builtInMatchRules, ...custom].filter((r) => r.detector === undefined && !off.has(r.category));
  const key = fnv1a(JSON.stringify(rules));
  const value = { rules, key, pack: packed(rules, key) };
  cached = { input, value };
  return value;
}

function packed(rules: readonly MatchRule[], key: string): RulesPack | null {
  try {
    return packRules(indexRules(rules), key);
  } catch (e) {
    console.error('[ShopSentinel] rules pack not made; pages are not scanned:', e instanceof Error ? e.message : e);
    return null;
  }
}
