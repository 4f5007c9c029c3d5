/**
 * The rules index (compile.ts) packed for a page: the background indexes the rules once and sends
 * the pack with every page's configuration, so a page rebuilds its compiled rules from flat arrays
 * instead of building the trie and its failure links — in the page that took ~100 ms of main
 * thread per page load, as cold code (issue 6). All numbers go into one Int32Array, sent as base64
 * (extension messaging is JSON in Chromium). A pack that does not fit its rules, is cut, or
 * contradicts itself is refused with an error; the page then compiles the rules itself.
 */
import type { MatchRule } from './match-rule';
import type { AutomatonTables } from './aho-corasick';
import { rulesFromIndex, type CompiledRules, type PatternUse, type RulesIndex } from './compile';

export interface RulesPack {
  format: typeof FORMAT;
  /** the rules key (PageConfig.rulesKey) of the rules it was made from */
  key: string;
  /** base64 of the little-endian Int32 words */
  data: string;
  /** RulesIndex.words (normalized in the background: NFKC in the page was ~2 ms of cold code) */
  words: RulesIndex['words'];
}

const FORMAT = 1;
const NONE = new Int32Array(0);
const HEADER = 8;
const WORD_START = 1;
const WORD_END = 2;

export function packRules(index: RulesIndex, key: string): RulesPack {
  const { tables, uses, patternKind, gate } = index;
  const words: number[] = [];
  const put = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) words.push(values[i]!);
  };
  /** lists as offsets (count + 1) then their values */
  const putLists = (lists: readonly ArrayLike<number>[]) => {
    let at = 0;
    words.push(0);
    for (const list of lists) words.push((at += list.length));
    for (const list of lists) put(list);
  };
  const patterns = tables.lengths.length;
  const states = tables.fail.length;
  put([FORMAT, patterns, states, tables.outputs.length, gate.conjunctionOf.length, gate.groupsIn.length, index.absentRules.length, index.detectorRules.length]);
  put(tables.lengths);
  put(tables.parent);
  put(tables.via);
  put(tables.fail);
  put(tables.outputStart);
  put(tables.outputs);
  put(patternKind);
  put(gate.signal);
  putLists(uses.map((list) => list.flatMap((u) => [u.rule, u.regex, (u.wordStart ? WORD_START : 0) | (u.wordEnd ? WORD_END : 0)])));
  putLists(gate.groupsOf);
  put(gate.conjunctionOf);
  putLists(gate.groupsIn);
  put(index.absentRules);
  put(index.detectorRules);
  return { format: FORMAT, key, data: toBase64(Int32Array.from(words)), words: index.words };
}

/** What a page scans with: its rules rebuilt over the index in `pack` (throws when the pack does not fit them). */
export function rulesFromPack(rules: readonly MatchRule[], key: string, pack: RulesPack): CompiledRules {
  return rulesFromIndex(rules, unpackRules(rules, key, pack));
}

/** The index in `pack`, checked against the rules it must belong to; throws when it does not fit. */
export function unpackRules(rules: readonly MatchRule[], key: string, pack: RulesPack): RulesIndex {
  if (pack.format !== FORMAT) throw new Error(`rules pack: format ${String(pack.format)}, expected ${FORMAT}`);
  if (pack.key !== key) throw new Error('rules pack: made for other rules');
  const words = fromBase64(pack.data);
  let at = 0;
  const take = (n: number): Int32Array => {
    if (!(n >= 0 && at + n <= words.length)) throw new Error('rules pack: cut short');
    const out = words.subarray(at, at + n);
    at += n;
    return out;
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`rules pack: bad ${what}`);
  };
  const inRange = (values: Int32Array, min: number, max: number, what: string) => {
    let ok = true;
    for (let i = 0; i < values.length; i++) ok = ok && values[i]! >= min && values[i]! < max;
    check(ok, what);
  };
  /** offsets (count + 1, from 0, never falling) then the values, each in [0, max): one subarray per list (one shared empty one) */
  const takeLists = (count: number, max: number, what: string): Int32Array[] => {
    const offsets = take(count + 1);
    const values = take(offsets[count]!);
    inRange(values, 0, max, what);
    const lists: Int32Array[] = [];
    let ok = offsets[0] === 0;
    for (let i = 0; i < count; i++) {
      const from = offsets[i]!;
      const to = offsets[i + 1]!;
      ok = ok && to >= from;
      lists.push(to > from ? values.subarray(from, to) : NONE);
    }
    check(ok, what);
    return lists;
  };

  const [format, patterns, states, outputCount, groups, conjunctions, absent, detectors] = take(HEADER);
  check(format === FORMAT, 'format');
  check(states! >= 1 && states! <= 0x7fffffff, 'state count');
  const tables: AutomatonTables = {
    lengths: take(patterns!),
    parent: take(states!),
    via: take(states!),
    fail: take(states!),
    outputStart: take(states! + 1),
    outputs: take(outputCount!),
  };
  inRange(tables.lengths, 1, 0x7fffffff, 'pattern length');
  inRange(tables.via, 0, 0x10000, 'edge');
  inRange(tables.outputs, 0, patterns!, 'output');
  // a trie (each state entered from an earlier one) whose failure links lead to shallower states:
  // every walk along them ends at the root
  const { parent, fail, outputStart } = tables;
  const depth = new Int32Array(states!);
  let trie = true;
  let links = true;
  for (let s = 1; s < states! && trie && links; s++) {
    const up = parent[s]!;
    trie = up >= 0 && up < s;
    depth[s] = depth[up]! + 1;
    const f = fail[s]!;
    links = f >= 0 && f < states! && depth[f]! < depth[s]!;
  }
  check(trie, 'trie');
  check(links, 'failure link');
  let outs = outputStart[0] === 0 && outputStart[states!] === outputCount;
  for (let s = 0; s < states!; s++) outs = outs && outputStart[s + 1]! >= outputStart[s]!;
  check(outs, 'outputs');

  const kinds = take(patterns!);
  inRange(kinds, 0, 4, 'pattern kind');
  const signals = take(patterns!);
  inRange(signals, 0, 2, 'signal');
  // pattern uses: offsets, then (rule, regex, flags) triples, made into objects in one pass
  const useAt = take(patterns! + 1);
  const useWords = take(useAt[patterns!]!);
  const regexCount = rules.map((r) => r.patterns.regexes.length);
  const uses: PatternUse[][] = [];
  let usesOk = useAt[0] === 0;
  for (let p = 0; p < patterns! && usesOk; p++) {
    const end = useAt[p + 1]!;
    const list: PatternUse[] = [];
    let i = useAt[p]!;
    usesOk = end >= i && (end - i) % 3 === 0;
    for (; i < end && usesOk; i += 3) {
      const rule = useWords[i]!;
      const regex = useWords[i + 1]!;
      const flags = useWords[i + 2]!;
      usesOk = rule >= -1 && rule < rules.length && regex >= -1 && regex < (rule < 0 ? 0 : regexCount[rule]!);
      list.push({ rule, regex, wordStart: (flags & WORD_START) !== 0, wordEnd: (flags & WORD_END) !== 0 });
    }
    uses.push(list);
  }
  check(usesOk, 'pattern use');
  const groupsOf = takeLists(patterns!, groups!, 'groups');
  const conjunctionOf = take(groups!);
  inRange(conjunctionOf, 0, conjunctions!, 'conjunction');
  const groupsIn = takeLists(conjunctions!, groups!, 'conjunctions');
  const absentRules = take(absent!);
  const detectorRules = take(detectors!);
  inRange(absentRules, 0, rules.length, 'absent rule');
  inRange(detectorRules, 0, rules.length, 'detector rule');
  check(at === words.length, 'length');
  const ruleWords = pack.words;
  check(Array.isArray(ruleWords) && ruleWords.length === rules.length, 'words');
  for (const w of ruleWords) check(isStrings(w?.exceptions) && isStrings(w?.nearby), 'words');
  return {
    tables,
    words: ruleWords,
    uses,
    patternKind: Uint8Array.from(kinds),
    gate: { groupsOf, conjunctionOf, groupsIn, signal: Uint8Array.from(signals) },
    absentRules: Array.from(absentRules),
    detectorRules: Array.from(detectorRules),
  };
}

const isStrings = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === 'string');

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function toBase64(words: Int32Array): string {
  if (!LITTLE_ENDIAN) throw new Error('rules pack: big-endian machine');
  const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  let binary = '';
  // apply takes the typed array as it is (a spread would go through its iterator)
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}

/** Uint8Array.fromBase64 (Chromium 140, Firefox 133): native, where a loop over the bytes is ~4 ms of cold code per page */
const nativeFromBase64 = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;

function fromBase64(data: string): Int32Array {
  if (!LITTLE_ENDIAN) throw new Error('rules pack: big-endian machine');
  if (typeof data !== 'string') throw new Error('rules pack: no data');
  let bytes: Uint8Array;
  try {
    if (nativeFromBase64) bytes = nativeFromBase64(data);
    else {
      const binary = atob(data);
      bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
  } catch {
    throw new Error('rules pack: not base64');
  }
  if (bytes.length % 4 !== 0) throw new Error('rules pack: cut short');
  return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
}
