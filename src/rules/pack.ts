/**
 * The rules index (compile.ts) packed for a page: the background indexes the rules once and sends
 * the pack with every page's configuration, so a page rebuilds its compiled rules from flat arrays
 * instead of building the trie and its failure links — in the page that took ~100 ms of main
 * thread per page load, as cold code (issue 6). All numbers go into one Int32Array, sent as base64
 * (extension messaging is JSON in Chromium); small values (edge characters, kinds, flags) share
 * words as bytes or 16-bit units. A pack that does not fit its rules, is cut, or contradicts itself
 * is refused with an error; the page is then left unscanned (src/content/controller.ts).
 */
import type { MatchRule } from './match-rule';
import { rulesFromIndex, type CompiledRules, type RulesIndex } from './compile';

export interface RulesPack {
  format: typeof FORMAT;
  /** the rules key (PageConfig.rulesKey) of the rules it was made from */
  key: string;
  /** base64 of the little-endian Int32 words */
  data: string;
  /** RulesIndex.words (normalized in the background: NFKC in the page was ~2 ms of cold code) */
  words: RulesIndex['words'];
}

const FORMAT = 2;
const HEADER = 11;

/** words holding n values of `bytes` bytes each (sections stay word-aligned) */
const wordsFor = (n: number, bytes: number) => Math.ceil((n * bytes) / 4);

export function packRules(index: RulesIndex, key: string): RulesPack {
  const { tables, uses, patternKind, gate } = index;
  const words: number[] = [];
  const put = (values: ArrayLike<number>) => {
    for (let i = 0; i < values.length; i++) words.push(values[i]!);
  };
  /** small values, as bytes or 16-bit units, padded to whole words */
  const putNarrow = (values: Uint8Array | Uint16Array) => {
    const padded = new Uint8Array(wordsFor(values.length, values.BYTES_PER_ELEMENT) * 4);
    padded.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    put(new Int32Array(padded.buffer));
  };
  const patterns = tables.lengths.length;
  const states = tables.fail.length;
  const { groupsOf, groupsIn } = gate;
  put([FORMAT, patterns, states, tables.outputs.length, uses.rule.length, groupsOf.items.length, gate.conjunctionOf.length, groupsIn.start.length - 1, groupsIn.items.length, index.absentRules.length, index.detectorRules.length]);
  put(tables.lengths);
  put(tables.childStart);
  put(tables.fail);
  put(new Int32Array(tables.edgeBits.buffer, tables.edgeBits.byteOffset, tables.edgeBits.length));
  put(tables.outputStart);
  put(tables.outputs);
  put(uses.start);
  put(uses.rule);
  put(uses.regex);
  put(groupsOf.start);
  put(groupsOf.items);
  put(gate.conjunctionOf);
  put(groupsIn.start);
  put(groupsIn.items);
  put(index.absentRules);
  put(index.detectorRules);
  putNarrow(tables.via);
  putNarrow(patternKind);
  putNarrow(gate.signal);
  putNarrow(uses.flags);
  return { format: FORMAT, key, data: toBase64(Int32Array.from(words)), words: index.words };
}

/** What a page scans with: its rules rebuilt over the index in `pack` (throws when the pack does not fit them). */
export function rulesFromPack(rules: readonly MatchRule[], key: string, pack: RulesPack): CompiledRules {
  return rulesFromIndex(rules, unpackRules(rules, key, pack));
}

/** Math.max or Math.min of all values, natively (they are passed as arguments, a slice at a time), where a loop is cold code. */
function extreme(values: Int32Array | Uint32Array | Uint8Array, pick: (...v: number[]) => number): number {
  let result = pick();
  for (let i = 0; i < values.length; i += 0x4000) result = pick(result, pick.apply(null, values.subarray(i, i + 0x4000) as unknown as number[]));
  return result;
}

/** Every value in [0, max) (as unsigned numbers: a negative one is huge). */
const allBelow = (values: Int32Array | Uint8Array, max: number): boolean =>
  extreme(values instanceof Int32Array ? new Uint32Array(values.buffer, values.byteOffset, values.length) : values, Math.max) < max;

/** Offsets of lists (FlatLists.start): from 0 to `total`, never falling. */
function isStart(start: Int32Array, total: number): boolean {
  let ok = start[0] === 0 && start[start.length - 1] === total;
  for (let i = 1; i < start.length; i++) ok = ok && start[i]! >= start[i - 1]!;
  return ok;
}

/**
 * The index in `pack`, checked against the rules it must belong to; throws when it does not fit.
 * Checked is everything whose corruption could make the scan loop, read outside a table or throw;
 * not checked are the edges' code units and their bit filters (any value is one the scan can take:
 * a wrong one only loses a match). This is a page's cold code, where a loop over the ~9,000 states
 * costs about a millisecond: ranges are checked natively, and what needs a loop has few of them.
 */
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
  /** n bytes or 16-bit units (views of the same memory, no copy) */
  const takeNarrow = <T extends Uint8Array | Uint16Array>(n: number, Type: { new (b: ArrayBufferLike, offset: number, n: number): T; BYTES_PER_ELEMENT: number }): T => {
    const section = take(wordsFor(n, Type.BYTES_PER_ELEMENT));
    return new Type(section.buffer, section.byteOffset, n);
  };
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`rules pack: bad ${what}`);
  };

  const [format, patterns, states, outputCount, useCount, groupItems, groups, conjunctions, conjunctionItems, absent, detectors] = take(HEADER);
  check(format === FORMAT, 'format');
  check(states! >= 1, 'state count');
  const lengths = take(patterns!);
  const childStart = take(states! + 1);
  const fail = take(states!);
  const edgeBits = take(states!);
  const outputStart = take(states! + 1);
  const outputs = take(outputCount!);
  const useStart = take(patterns! + 1);
  const useRule = take(useCount!);
  const useRegex = take(useCount!);
  const groupsOf = { start: take(patterns! + 1), items: take(groupItems!) };
  const conjunctionOf = take(groups!);
  const groupsIn = { start: take(conjunctions! + 1), items: take(conjunctionItems!) };
  const absentRules = take(absent!);
  const detectorRules = take(detectors!);
  const via = takeNarrow(states! - 1, Uint16Array);
  const kinds = takeNarrow(patterns!, Uint8Array);
  const signals = takeNarrow(patterns!, Uint8Array);
  const flags = takeNarrow(useCount!, Uint8Array);
  check(at === words.length, 'length');

  // the one loop over the states: edges in rows that never fall and stay among the states (edge k
  // enters state k + 1), failure links to earlier states (so every walk along them ends at the
  // root), outputs in rows that never fall and stay in the table
  const hasOutput = new Uint8Array(states!);
  let rows = childStart[0] === 0 && childStart[states!] === states! - 1;
  let links = fail[0] === 0;
  let outRows = outputStart[0] === 0 && outputStart[states!] === outputCount;
  for (let s = 0; s < states!; s++) {
    const out = outputStart[s + 1]! - outputStart[s]!;
    rows = rows && childStart[s + 1]! >= childStart[s]!;
    links = links && (s === 0 || (fail[s]! >= 0 && fail[s]! < s));
    outRows = outRows && out >= 0;
    hasOutput[s] = out > 0 ? 1 : 0;
  }
  check(rows, 'trie');
  check(links, 'failure link');
  check(outRows, 'outputs');
  check(allBelow(outputs, patterns!), 'output');
  check(extreme(lengths, Math.min) >= 1, 'pattern length');
  check(allBelow(kinds, 4) && allBelow(signals, 2) && allBelow(flags, 4), 'pattern kind');
  check(isStart(groupsOf.start, groupItems!) && allBelow(groupsOf.items, groups!), 'groups');
  check(allBelow(conjunctionOf, conjunctions!) && isStart(groupsIn.start, conjunctionItems!) && allBelow(groupsIn.items, groups!), 'conjunctions');
  check(allBelow(absentRules, rules.length) && allBelow(detectorRules, rules.length), 'rule index');
  // pattern uses: rule -1 (a page-type word) or a rule; regex -1 (a phrase) or one of its regexes
  let usesOk = isStart(useStart, useCount!);
  for (let u = 0; u < useCount! && usesOk; u++) {
    const rule = useRule[u]!;
    const regex = useRegex[u]!;
    usesOk = rule >= -1 && rule < rules.length && regex >= -1 && regex < (rule < 0 ? 0 : rules[rule]!.patterns.regexes.length);
  }
  check(usesOk, 'pattern use');
  const ruleWords = pack.words;
  check(Array.isArray(ruleWords) && ruleWords.length === rules.length, 'words');
  for (const w of ruleWords) check(isStrings(w?.exceptions) && isStrings(w?.nearby), 'words');
  return {
    tables: { lengths, childStart, via, edgeBits: new Uint32Array(edgeBits.buffer, edgeBits.byteOffset, states!), fail, outputStart, outputs, hasOutput },
    words: ruleWords,
    uses: { start: useStart, rule: useRule, regex: useRegex, flags },
    patternKind: kinds,
    gate: { groupsOf, conjunctionOf, groupsIn, signal: signals },
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
