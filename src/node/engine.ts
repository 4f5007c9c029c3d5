/**
 * Node-only conveniences around the pure engine: the built-in rules read from rules/, and
 * analysis of saved HTML or plain text. Used by the CLI, eval, bench and tests.
 * (analyzeHtml lives here, not in src/engine, because it needs happy-dom.)
 */
import { resolve } from 'node:path';
import { loadRulesFromDir, type LoadedRules } from '../rules/load-node';
import { compileRules, type CompiledRules } from '../rules/compile';
import { toMatchRule, toRuleText, type RuleText } from '../rules/match-rule';
import { analyzeSnapshot, snapshotFromText, type AnalysisResult, type TextSnapshotOptions } from '../engine/analyze';
import { snapshotFromHtml } from '../page/parse-html-node';

export const RULES_DIR = resolve(import.meta.dirname, '../../rules');

export interface BuiltinRules {
  loaded: LoadedRules;
  compiled: CompiledRules;
  texts: RuleText[];
}

let cached: BuiltinRules | null = null;

/** The built-in rule set; throws with every problem listed when a rule file is invalid. */
export function builtinRules(dir = RULES_DIR): BuiltinRules {
  if (cached && dir === RULES_DIR) return cached;
  const loaded = loadRulesFromDir(dir);
  if (loaded.problems.length) throw new Error(`Invalid rules:\n${loaded.problems.join('\n')}`);
  const result = { loaded, compiled: compileRules(loaded.rules.map(toMatchRule)), texts: loaded.rules.map(toRuleText) };
  if (dir === RULES_DIR) cached = result;
  return result;
}

export function analyzeHtml(html: string, url: string, compiled = builtinRules().compiled): AnalysisResult {
  return analyzeSnapshot(snapshotFromHtml(html, url), compiled);
}

export function analyzeText(text: string, options: TextSnapshotOptions = {}, compiled = builtinRules().compiled): AnalysisResult {
  return analyzeSnapshot(snapshotFromText(text, options), compiled);
}
