/**
 * Vite plugin: validates rules/**.json at build time (the build fails with file + field messages)
 * and serves them as two virtual modules:
 *   virtual:shop-sentinel/match-rules  -> MatchRule[]  (content script: no words, no examples)
 *   virtual:shop-sentinel/rule-texts   -> RuleText[]   (background, popup, reports)
 */
import type { Plugin } from 'vite';
import { resolve } from 'node:path';
import { loadRulesFromDir } from '../src/rules/load-node';
import { toMatchRule, toRuleText } from '../src/rules/match-rule';

const MATCH = 'virtual:shop-sentinel/match-rules';
const TEXTS = 'virtual:shop-sentinel/rule-texts';

export function rulesPlugin(rulesDir = resolve(import.meta.dirname, '../rules')): Plugin {
  return {
    name: 'shop-sentinel-rules',
    resolveId(id) {
      if (id === MATCH || id === TEXTS) return '\0' + id;
      return null;
    },
    load(id) {
      if (id !== '\0' + MATCH && id !== '\0' + TEXTS) return null;
      const loaded = loadRulesFromDir(rulesDir);
      if (loaded.problems.length) this.error(`Invalid rules:\n${loaded.problems.join('\n')}`);
      for (const file of loaded.files.values()) this.addWatchFile(resolve(file));
      const data = id === '\0' + MATCH ? loaded.rules.map(toMatchRule) : loaded.rules.map(toRuleText);
      return `export default ${JSON.stringify(data)};`;
    },
  };
}
