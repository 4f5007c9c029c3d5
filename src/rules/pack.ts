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
import type { PatternUse, RulesIndex } from './compile';

export interface RulesPack {
  format: typeof FORMAT;
  /** the rules key (PageConfig.rulesKey) of the rules it was made from */
  key: string;
  /** base64 of the little-endian Int32 words */
  data: string;
}

const FORMAT = 1;
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
  return { format: FORMAT, key, data: toBase64(Int32Array.from(words)) };
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
    for (let i = 0; i < values.length; i++) check(values[i]! >= min && values[i]! < max, what);
  };
  /** offsets (count + 1, from 0, never falling) then the values, as one subarray per list */
  const takeLists = (count: number, what: string): Int32Array[] => {
    const offsets = take(count + 1);
    check(offsets[0] === 0, what);
    for (let i = 0; i < count; i++) check(offsets[i + 1]! >= offsets[i]!, what);
    const values = take(offsets[count]!);
    return Array.from({ length: count }, (_, i) => values.subarray(offsets[i]!, offsets[i + 1]!));
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
  const depth = new Int32Array(states!);
  for (let s = 1; s < states!; s++) {
    check(tables.parent[s]! >= 0 && tables.parent[s]! < s, 'trie');
    depth[s] = depth[tables.parent[s]!]! + 1;
    check(tables.fail[s]! >= 0 && tables.fail[s]! < states! && depth[tables.fail[s]!]! < depth[s]!, 'failure link');
  }
  check(tables.outputStart[0] === 0 && tables.outputStart[states!] === outputCount, 'outputs');
  for (let s = 0; s < states!; s++) check(tables.outputStart[s + 1]! >= tables.outputStart[s]!, 'outputs');

  const kinds = take(patterns!);
  inRange(kinds, 0, 4, 'pattern kind');
  const signals = take(patterns!);
  inRange(signals, 0, 2, 'signal');
  const uses = takeLists(patterns!, 'uses').map((flat): PatternUse[] => {
    check(flat.length % 3 === 0, 'uses');
    const list: PatternUse[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      const [rule, regex, flags] = [flat[i]!, flat[i + 1]!, flat[i + 2]!];
      check(rule >= -1 && rule < rules.length && regex >= -1 && regex < (rule < 0 ? 0 : rules[rule]!.patterns.regexes.length), 'pattern use');
      list.push({ rule, regex, wordStart: (flags & WORD_START) !== 0, wordEnd: (flags & WORD_END) !== 0 });
    }
    return list;
  });
  const groupsOf = takeLists(patterns!, 'groups');
  for (const list of groupsOf) inRange(list, 0, groups!, 'group');
  const conjunctionOf = take(groups!);
  inRange(conjunctionOf, 0, conjunctions!, 'conjunction');
  const groupsIn = takeLists(conjunctions!, 'conjunctions');
  for (const list of groupsIn) inRange(list, 0, groups!, 'group');
  const absentRules = take(absent!);
  const detectorRules = take(detectors!);
  inRange(absentRules, 0, rules.length, 'absent rule');
  inRange(detectorRules, 0, rules.length, 'detector rule');
  check(at === words.length, 'length');
  return {
    tables,
    uses,
    patternKind: Uint8Array.from(kinds),
    gate: { groupsOf, conjunctionOf, groupsIn, signal: Uint8Array.from(signals) },
    absentRules: Array.from(absentRules),
    detectorRules: Array.from(detectorRules),
  };
}

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

function toBase64(words: Int32Array): string {
  if (!LITTLE_ENDIAN) throw new Error('rules pack: big-endian machine');
  const bytes = new Uint8Array(words.buffer, words.byteOffset, words.byteLength);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(data: string): Int32Array {
  if (!LITTLE_ENDIAN) throw new Error('rules pack: big-endian machine');
  if (typeof data !== 'string') throw new Error('rules pack: no data');
  let binary: string;
  try {
    binary = atob(data);
  } catch {
    throw new Error('rules pack: not base64');
  }
  if (binary.length % 4 !== 0) throw new Error('rules pack: cut short');
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Int32Array(bytes.buffer);
}
