/**
 * Compiles match rules once: every phrase and every regex anchor goes into one Aho-Corasick
 * automaton; each automaton pattern knows which rules (and which regex) it serves.
 */
import type { MatchRule } from './match-rule';
import { normalizePhrase } from '../engine/normalize';
import { buildAutomatonSteps, type Automaton } from './aho-corasick';
import { PAGE_TYPE_SIGNALS } from '../page/page-type';

export interface CompiledRule {
  rule: MatchRule;
  regexes: RegExp[];
  exceptions: string[];
  nearby: string[];
}

/**
 * One use of an automaton pattern: a phrase of a rule (regex -1), an anchor of one of its regexes,
 * or (rule -1) a page-type signal word, which the text gate needs and the matcher ignores.
 */
export interface PatternUse {
  rule: number;
  regex: number;
  /** the pattern begins / ends with an ASCII letter or digit: needs a word boundary there */
  wordStart: boolean;
  wordEnd: boolean;
}

export interface CompiledRules {
  rules: CompiledRule[];
  automaton: Automaton;
  uses: PatternUse[][];
  /**
   * By pattern: SIGNAL_ONLY (page-type words, which the matcher ignores), ABSENCE_ONLY (used only
   * by rules that fire on absence: one occurrence per page settles them, so the text gate counts
   * them like signal words), or OPENS_GATE.
   */
  patternKind: Uint8Array;
  /** rules that fire on absence or run a detector, by index */
  absentRules: number[];
  detectorRules: number[];
}

export const SIGNAL_ONLY = 0;
export const ABSENCE_ONLY = 1;
export const OPENS_GATE = 2;

const isWordChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

export function compileRules(rules: readonly MatchRule[]): CompiledRules {
  const steps = compileRulesSteps(rules);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Incremental compilation for the page: call step(deadline) until it returns true, then result(). */
export interface RuleCompiler {
  step(deadline: number): boolean;
  result(): CompiledRules;
}

export function createRuleCompiler(rules: readonly MatchRule[], now: () => number = () => performance.now()): RuleCompiler {
  const steps = compileRulesSteps(rules);
  let compiled: CompiledRules | null = null;
  return {
    step(deadline) {
      while (compiled === null) {
        const r = steps.next();
        if (r.done) compiled = r.value;
        else if (now() >= deadline) return false;
      }
      return true;
    },
    result() {
      if (compiled === null) throw new Error('rule compilation has not finished');
      return compiled;
    },
  };
}

function* compileRulesSteps(rules: readonly MatchRule[]): Generator<void, CompiledRules> {
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  const uses: PatternUse[][] = [];
  const addPattern = (raw: string, rule: number, regex: number) => {
    const text = normalizePhrase(raw);
    if (!text) return;
    let id = patternIds.get(text);
    if (id === undefined) {
      id = patterns.length;
      patternIds.set(text, id);
      patterns.push(text);
      uses.push([]);
    }
    const list = uses[id]!;
    if (list.some((u) => u.rule === rule && u.regex === regex)) return;
    list.push({
      rule,
      regex,
      // anchors are found inside regex matches, so only phrases need boundaries
      wordStart: regex < 0 && isWordChar(text.charCodeAt(0)),
      wordEnd: regex < 0 && isWordChar(text.charCodeAt(text.length - 1)),
    });
  };

  const compiled: CompiledRule[] = [];
  const absentRules: number[] = [];
  const detectorRules: number[] = [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    if ((index & 3) === 3) yield;
    rule.patterns.phrases.forEach((p) => addPattern(p, index, -1));
    const regexes = rule.patterns.regexes.map((r, ri) => {
      r.anchors.forEach((a) => addPattern(a, index, ri));
      return new RegExp(r.source, 'giu');
    });
    compiled.push({
      rule,
      regexes,
      exceptions: rule.context.exceptions.map(normalizePhrase).filter(Boolean),
      nearby: rule.context.requireNearby.map(normalizePhrase).filter(Boolean),
    });
    if (rule.context.mode === 'absent') absentRules.push(index);
    if (rule.detector !== undefined) detectorRules.push(index);
  }

  for (const word of PAGE_TYPE_SIGNALS) addPattern(word, -1, -1);
  const patternKind = Uint8Array.from(uses, (list) =>
    list.some((u) => u.rule >= 0 && compiled[u.rule]!.rule.context.mode !== 'absent') ? OPENS_GATE : list.some((u) => u.rule >= 0) ? ABSENCE_ONLY : SIGNAL_ONLY,
  );
  const automaton = yield* buildAutomatonSteps(patterns);
  return { rules: compiled, automaton, uses, patternKind, absentRules, detectorRules };
}
