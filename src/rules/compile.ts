/**
 * Compiles match rules once: every phrase and every regex anchor goes into one Aho-Corasick
 * automaton; each automaton pattern knows which rules (and which regex) it serves. The work splits
 * in two: the index (plain arrays: automaton tables, pattern uses, gate tables), which the
 * background works out and packs for every page (pack.ts), and the page's own objects over it
 * (regexes, the automaton's functions), which rulesFromIndex makes in a few milliseconds.
 */
import type { MatchRule } from './match-rule';
import { normalizePhrase } from '../engine/normalize';
import { automatonFromTables, buildTables, type Automaton, type AutomatonTables } from './aho-corasick';
import { PAGE_TYPE_SIGNALS } from '../page/page-type';

export interface CompiledRule {
  rule: MatchRule;
  /** the rule's regex i, made on its first use (making a RegExp parses it; a page meets few rules' anchors) */
  regex(i: number): RegExp;
  exceptions: string[];
  nearby: string[];
}

/** Lists of numbers, flat: list i is items[start[i] … start[i + 1]). */
export interface FlatLists {
  /** one more entry than there are lists, from 0, never falling */
  start: Int32Array;
  items: Int32Array;
}

export function flatLists(lists: readonly ArrayLike<number>[]): FlatLists {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((list, i) => (start[i + 1] = start[i]! + list.length));
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((list, i) => items.set(list, start[i]!));
  return { start, items };
}

/**
 * The uses of the automaton's patterns, flat: the uses of pattern p are u in [start[p],
 * start[p + 1]). A use is a phrase of rule[u] (regex[u] -1), an anchor of its regex regex[u], or
 * (rule[u] -1) a page-type signal word, which the text gate needs and the matcher ignores.
 */
export interface PatternUses {
  start: Int32Array;
  rule: Int32Array;
  regex: Int32Array;
  /** WORD_START / WORD_END: the pattern begins / ends with an ASCII letter or digit and needs a word boundary there */
  flags: Uint8Array;
}

export const WORD_START = 1;
export const WORD_END = 2;

export interface CompiledRules {
  rules: CompiledRule[];
  automaton: Automaton;
  uses: PatternUses;
  /**
   * By pattern: SIGNAL_ONLY (page-type words, which the matcher ignores), ABSENCE_ONLY (used only
   * by rules that fire on absence: one occurrence per page settles them, so the text gate counts
   * them like signal words), OPENS_GATE (a run with it may match), or CONDITIONAL (a run may match
   * once every group of one of the pattern's conjunctions occurred: see `gate`).
   */
  patternKind: Uint8Array;
  gate: GateTables;
  /** rules that fire on absence or run a detector, by index */
  absentRules: number[];
  detectorRules: number[];
}

/** What compiling rules works out, as plain data (what the background packs for pages). */
export interface RulesIndex {
  tables: AutomatonTables;
  /** by rule: its exceptions and requireNearby words, normalized */
  words: { exceptions: string[]; nearby: string[] }[];
  uses: PatternUses;
  patternKind: Uint8Array;
  gate: GateTables;
  absentRules: number[];
  detectorRules: number[];
}

export const SIGNAL_ONLY = 0;
export const ABSENCE_ONLY = 1;
export const OPENS_GATE = 2;
export const CONDITIONAL = 3;

/**
 * When a run of text may match (src/engine/text-gate.ts). Every phrase and every regex of a rule
 * is a conjunction of groups of patterns: a phrase alone; a regex's anchors, plus the literals it
 * cannot match without (MatchRegex.requires); either of them, plus the rule's requireNearby words.
 * A run may match when one pattern of each group of some conjunction occurs in it. Conjunctions of
 * one group open the gate at once (their patterns are OPENS_GATE); the rest are counted here.
 */
export interface GateTables {
  /** by pattern: the groups (of conjunctions of several) it belongs to */
  groupsOf: FlatLists;
  /** by group: its conjunction */
  conjunctionOf: Int32Array;
  /** by conjunction: its groups */
  groupsIn: FlatLists;
  /** by pattern: 1 when the run keeper wants to hear of it (page-type words, words of absent rules) */
  signal: Uint8Array;
}

const isWordChar = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a);

export function compileRules(rules: readonly MatchRule[]): CompiledRules {
  return rulesFromIndex(rules, indexRules(rules));
}

/** The page's objects over an index of the same rules: each rule's regexes and words, the automaton. */
export function rulesFromIndex(rules: readonly MatchRule[], index: RulesIndex): CompiledRules {
  const { tables, words, ...rest } = index;
  const compiled = rules.map((rule, i): CompiledRule => {
    const made: RegExp[] = [];
    return { rule, regex: (r) => (made[r] ??= new RegExp(rule.patterns.regexes[r]!.source, 'giu')), ...words[i]! };
  });
  return { rules: compiled, automaton: automatonFromTables(tables), ...rest };
}

const normalizedWords = (words: readonly string[]) => words.map(normalizePhrase).filter(Boolean);

/** The index of the rules: what the background packs for pages (pack.ts). */
export function indexRules(rules: readonly MatchRule[]): RulesIndex {
  const patternIds = new Map<string, number>();
  const patterns: string[] = [];
  /** by pattern: its uses as (rule, regex) */
  const uses: [number, number][][] = [];
  /** the id of a pattern (a new one with no uses when it is new); -1 for text that normalizes to nothing */
  const patternOf = (raw: string): number => {
    const text = normalizePhrase(raw);
    if (!text) return -1;
    let id = patternIds.get(text);
    if (id === undefined) {
      id = patterns.length;
      patternIds.set(text, id);
      patterns.push(text);
      uses.push([]);
    }
    return id;
  };
  const addPattern = (raw: string, rule: number, regex: number) => {
    const id = patternOf(raw);
    if (id >= 0 && !uses[id]!.some(([r, x]) => r === rule && x === regex)) uses[id]!.push([rule, regex]);
  };

  /** by phrase and regex of a rule that can match: its groups of words (gate tables) */
  const conjunctions: string[][][] = [];
  const absentRules: number[] = [];
  const detectorRules: number[] = [];
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index]!;
    rule.patterns.phrases.forEach((p) => addPattern(p, index, -1));
    rule.patterns.regexes.forEach((r, ri) => r.anchors.forEach((a) => addPattern(a, index, ri)));
    if (rule.context.mode !== 'absent') {
      const nearby = rule.context.requireNearby.length ? [rule.context.requireNearby] : [];
      for (const p of rule.patterns.phrases) conjunctions.push([[p], ...nearby]);
      for (const r of rule.patterns.regexes) conjunctions.push([r.anchors, ...(r.requires ?? []), ...nearby]);
    }
    if (rule.context.mode === 'absent') absentRules.push(index);
    if (rule.detector !== undefined) detectorRules.push(index);
  }

  for (const word of PAGE_TYPE_SIGNALS) addPattern(word, -1, -1);
  // requirement-only words become patterns here, with no uses: the matcher passes over them
  const grouped = conjunctions.map((c) => c.map((words) => words.map(patternOf).filter((p) => p >= 0)));
  const isAbsent = ([rule]: [number, number]) => rule >= 0 && rules[rule]!.context.mode === 'absent';
  const signal = Uint8Array.from(uses, (list) => (list.some((u) => u[0] < 0 || isAbsent(u)) ? 1 : 0));
  const kinds = uses.map((list) => (list.some(([rule]) => rule >= 0) ? ABSENCE_ONLY : SIGNAL_ONLY));
  const gate = { ...gateTables(grouped, kinds), signal };
  const tables = buildTables(patterns);
  const words = rules.map((r) => ({ exceptions: normalizedWords(r.context.exceptions), nearby: normalizedWords(r.context.requireNearby) }));
  return { tables, words, uses: patternUses(patterns, uses), patternKind: Uint8Array.from(kinds), gate, absentRules, detectorRules };
}

/** The uses, flat; anchors are found inside regex matches, so only phrases need word boundaries. */
function patternUses(patterns: readonly string[], uses: readonly [number, number][][]): PatternUses {
  const { start, items: rule } = flatLists(uses.map((list) => list.map(([r]) => r)));
  const regex = Int32Array.from(uses.flat(), ([, x]) => x);
  const flags = new Uint8Array(regex.length);
  uses.forEach((list, p) => {
    const text = patterns[p]!;
    const bounds = (isWordChar(text.charCodeAt(0)) ? WORD_START : 0) | (isWordChar(text.charCodeAt(text.length - 1)) ? WORD_END : 0);
    for (let u = start[p]!; u < start[p + 1]!; u++) flags[u] = regex[u]! < 0 ? bounds : 0;
  });
  return { start, rule, regex, flags };
}

/**
 * Numbers the groups and conjunctions (each given as groups of pattern ids, the first group the
 * phrase or the regex's anchors); marks OPENS_GATE the patterns of one-group conjunctions and
 * CONDITIONAL the other grouped ones in `kinds`.
 */
function gateTables(conjunctions: number[][][], kinds: number[]): Omit<GateTables, 'signal'> {
  const groupsOf: number[][] = kinds.map(() => []);
  const conjunctionOf: number[] = [];
  const groupsIn: Int32Array[] = [];
  for (const [first, ...rest] of conjunctions) {
    // a phrase or anchors that normalize to nothing are never looked for by the matcher either
    if (!first?.length) continue;
    const groups = [first, ...rest.filter((g) => g.length)];
    if (groups.length === 1) {
      for (const p of first) kinds[p] = OPENS_GATE;
      continue;
    }
    const c = groupsIn.length;
    groupsIn.push(
      Int32Array.from(groups, (members) => {
        const g = conjunctionOf.push(c) - 1;
        for (const p of members) {
          groupsOf[p]!.push(g);
          if (kinds[p] !== OPENS_GATE) kinds[p] = CONDITIONAL;
        }
        return g;
      }),
    );
  }
  return { groupsOf: flatLists(groupsOf), conjunctionOf: Int32Array.from(conjunctionOf), groupsIn: flatLists(groupsIn) };
}
