/**
 * Node-only: reads every rules/<category>/<id>.json, validates it, and checks the file conventions
 * (id = file name, category = folder). Used by the build plugin, the CLI and the tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Rule } from './schema';
import { validateRule } from './catalog';
import { KNOWN_DETECTORS } from '../engine/detectors';

export interface LoadedRules {
  rules: Rule[];
  files: Map<string, string>;
  problems: string[];
}

export function listRuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...listRuleFiles(full));
    else if (entry.endsWith('.json') && entry !== 'renames.json') out.push(full);
  }
  return out;
}

export function loadRulesFromDir(dir: string): LoadedRules {
  const rules: Rule[] = [];
  const files = new Map<string, string>();
  const problems: string[] = [];
  for (const file of listRuleFiles(dir)) {
    const where = relative(process.cwd(), file);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      problems.push(`${where}: not valid JSON (${(e as Error).message})`);
      continue;
    }
    const result = validateRule(json, where, KNOWN_DETECTORS);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const rule = result.value;
    if (basename(file, '.json') !== rule.id) problems.push(`${where}: id: "${rule.id}" must equal the file name`);
    if (basename(join(file, '..')) !== rule.category) problems.push(`${where}: category: "${rule.category}" must equal the folder name`);
    if (files.has(rule.id)) problems.push(`${where}: id: "${rule.id}" is also used by ${files.get(rule.id)}`);
    files.set(rule.id, where);
    rules.push(rule);
  }
  return { rules, files, problems };
}
