/**
 * The matcher's gate for the page walk (issue 6: most of a page's text matches nothing). A run of
 * text — one future segment, fed text node by text node — goes through the same normalization as
 * normalizedTextOf and through the rules' automaton, without building any string. A run cannot
 * produce a hit unless, for some phrase or regex of a rule, every group of words it needs occurs in
 * it (a phrase; a regex's anchor and the literals it cannot match without; the rule's nearby words:
 * GateTables in src/rules/compile.ts). So the walk materializes only the runs the gate opened, plus
 * a few runs per page-type word and per word of a rule that fires on absence (createRunKeeper), so
 * that page type and absent rules see what they would have seen in all the text.
 */
import { CONDITIONAL, OPENS_GATE, type CompiledRules } from '../rules/compile';
import type { Zone } from './types';
import { foldCodePoint, isSpace } from './normalize';
import { isLabel, isLeadZone } from '../page/page-type';

/** What the gate learned about all the text it saw (for page locale and page type). */
export interface TextStats {
  /** normalized characters fed */
  chars: number;
  /** CJK ideographs among the first SAMPLE characters / letters (code > 0x40) */
  sampleChars: number;
  sampleCjk: number;
  letters: number;
  lettersCjk: number;
}

const SAMPLE = 5000;

const emptyTextStats = (): TextStats => ({ chars: 0, sampleChars: 0, sampleCjk: 0, letters: 0, lettersCjk: 0 });

export interface TextGate {
  /** starts a new run */
  reset(): void;
  /** feeds the next piece of the current run */
  feed(text: string): void;
  /** a rule pattern occurred in the current run */
  readonly hit: boolean;
  /** patterns that do not open the gate (page-type words, absent rules' words) that occurred in the current run */
  readonly signals: readonly number[];
  /** normalized length of the current run so far */
  readonly runChars: number;
  readonly stats: TextStats;
}

export function createTextGate(compiled: CompiledRules): TextGate {
  const { automaton, patternKind } = compiled;
  const { groupsOf, conjunctionOf, groupsIn, signal } = compiled.gate;
  const { next, rootNext, hasOutput, outputStart, outputs } = automaton;
  const stats = emptyTextStats();
  let state = 0;
  let lastWasSpace = true;
  let hit = false;
  let runChars = 0;
  const signals: number[] = [];
  // the groups of words that occurred in the current run (GateTables), and which to clear
  const met = new Uint8Array(conjunctionOf.length);
  const metList: number[] = [];
  // states whose outputs can tell nothing more in this run (quiet[s] === run): the "a" of a
  // regex that needs one, seen for the second time
  const quiet = new Int32Array(hasOutput.length);
  let run = 1;

  // one normalized character: counted, and fed to the automaton until the gate opened
  const emit = (c: number) => {
    runChars++;
    if (stats.letters < SAMPLE) count(c);
    if (hit) return;
    state = state === 0 ? rootNext[c]! : next(state, c);
    if (hasOutput[state] && quiet[state] !== run) output();
  };
  // the first characters of the page, for its language and CJK share
  const count = (c: number) => {
    const cjk = c >= 0x4e00 && c <= 0x9fff;
    if (stats.sampleChars < SAMPLE) {
      stats.sampleChars++;
      if (cjk) stats.sampleCjk++;
    }
    if (c > 0x40) {
      stats.letters++;
      if (cjk) stats.lettersCjk++;
    }
  };
  const output = () => {
    let idle = true;
    for (let k = outputStart[state]!, end = outputStart[state + 1]!; k < end; k++) {
      const p = outputs[k]!;
      const kind = patternKind[p];
      if (kind === OPENS_GATE || (kind === CONDITIONAL && meet(p))) {
        hit = true;
        return;
      }
      if (signal[p]) {
        idle = false;
        if (signals.length < 64) signals.push(p);
      }
    }
    // its groups are met now: the same outputs again in this run change nothing
    if (idle) quiet[state] = run;
  };
  /** records the groups pattern p belongs to; true when that completes a conjunction */
  const meet = (p: number): boolean => {
    for (let i = groupsOf.start[p]!, end = groupsOf.start[p + 1]!; i < end; i++) {
      const g = groupsOf.items[i]!;
      if (met[g]) continue;
      met[g] = 1;
      metList.push(g);
      const c = conjunctionOf[g]!;
      let all = true;
      for (let n = groupsIn.start[c]!, last = groupsIn.start[c + 1]!; n < last && all; n++) all = met[groupsIn.items[n]!] === 1;
      if (all) return true;
    }
    return false;
  };
  /** code points outside the fast paths: NFKC + lower case + look-alikes, possibly several characters */
  const emitFolded = (cp: number) => {
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) {
      const fc = folded.charCodeAt(k);
      if (fc === 0x20) {
        if (lastWasSpace) continue;
        lastWasSpace = true;
      } else lastWasSpace = false;
      emit(fc);
    }
  };

  return {
    reset() {
      stats.chars += runChars;
      state = 0;
      lastWasSpace = true;
      hit = false;
      runChars = 0;
      // most runs met nothing: no array is touched. Emptied by popping: setting length to 0 would
      // drop V8's backing store, and the next run's first push would allocate a new one
      while (signals.length) signals.pop();
      while (metList.length) met[metList.pop()!] = 0;
      if (++run === 0x7fffffff) {
        quiet.fill(0);
        run = 1;
      }
    },
    // the branches of normalizeText, character for character (property-tested against it); the
    // common case (a character that starts no pattern, once the page's first characters are counted)
    // stays in this loop
    feed(input) {
      const n = input.length;
      for (let i = 0; i < n; i++) {
        let c = input.charCodeAt(i);
        if ((c > 0x20 && c < 0x41) || (c > 0x5a && c < 0x7f) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0x3001 && c <= 0x3037)) {
          lastWasSpace = false;
        } else if (c < 0x80) {
          if (c >= 0x41 && c <= 0x5a) c += 32;
          else if (c === 0x20 || isSpace(c)) {
            if (lastWasSpace) continue;
            c = 0x20;
          } else continue; // controls
          lastWasSpace = c === 0x20;
        } else if (c >= 0xff01 && c <= 0xff5e) {
          c -= 0xfee0;
          if (c >= 0x41 && c <= 0x5a) c += 32;
          lastWasSpace = false;
        } else {
          const cp = input.codePointAt(i)!;
          if (cp > 0xffff) i++;
          emitFolded(cp);
          continue;
        }
        if (state === 0 && !hit && rootNext[c] === 0 && stats.letters >= SAMPLE) {
          runChars++;
          continue;
        }
        emit(c);
      }
    },
    get hit() {
      return hit;
    },
    signals,
    get runChars() {
      // a trailing space is not part of the normalized text
      return lastWasSpace && runChars > 0 ? runChars - 1 : runChars;
    },
    stats,
  };
}

/** runs kept per page-type word and kind of place (lead or not, label or not) */
const SIGNAL_RUNS = 3;
/** heading runs kept for the background's brand-impersonation check (leadSegments) */
const HEADING_RUNS = 100;
const HEADING_KEY = -1;

export interface RunKeeper {
  /** the extractor's keepRun: which reasons (counted) keep a run the gate did not open; null: none */
  keepRun(zone: Zone, runChars: number, signals: readonly number[]): readonly number[] | null;
  /** gives back the reasons of a kept segment that left the page */
  release(reasons: readonly number[] | undefined): void;
  /**
   * Patterns seen in runs that were not kept because their quota was full. For a word of a rule
   * that fires on absence this means the word is on the page (maybe in the kept runs only hidden):
   * the scanner does not let such a rule fire (src/content/scanner.ts).
   */
  readonly overflow: ReadonlySet<number>;
}

/**
 * Which runs without a rule pattern are kept anyway, counting live segments per reason: the first
 * headings, and a few runs per page-type word and place, since page type asks whether a word is in
 * the lead (headings, buttons), in a label (a button or ≤ 24 characters), or anywhere.
 */
export function createRunKeeper(): RunKeeper {
  const kept = new Map<number, number>();
  const overflow = new Set<number>();
  const taken = (k: number) => kept.get(k) ?? 0;
  return {
    overflow,
    keepRun(zone, runChars, signals) {
      const heading = zone === 'heading' && runChars > 0 && taken(HEADING_KEY) < HEADING_RUNS;
      // most runs: no page-type word, and not a heading still wanted
      if (!heading && signals.length === 0) return null;
      // made only when a reason keeps the run: on a listing most runs with a word find its quota full
      let reasons: number[] | null = heading ? [HEADING_KEY] : null;
      const place = (isLeadZone(zone) ? 2 : 0) + (isLabel(zone, runChars) ? 1 : 0);
      for (let i = 0; i < signals.length; i++) {
        const p = signals[i]!;
        const k = p * 4 + place;
        if (taken(k) < SIGNAL_RUNS) {
          if (!reasons) reasons = [k];
          else if (!reasons.includes(k)) reasons.push(k);
        } else overflow.add(p);
      }
      if (!reasons) return null;
      for (const k of reasons) kept.set(k, taken(k) + 1);
      return reasons;
    },
    release(reasons) {
      for (const k of reasons ?? []) kept.set(k, taken(k) - 1);
    },
  };
}

/** The rules that use these automaton patterns (for FinishOptions.presentRules). */
export function rulesUsing(compiled: CompiledRules, patterns: ReadonlySet<number>): Set<number> {
  const rules = new Set<number>();
  const { start, rule } = compiled.uses;
  for (const p of patterns) for (let u = start[p]!, end = start[p + 1]!; u < end; u++) if (rule[u]! >= 0) rules.add(rule[u]!);
  return rules;
}
