/**
 * Aho-Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * pass. Root transitions are a dense table (most characters of a page start no pattern).
 */
export interface Automaton {
  /** pattern lengths, by pattern id */
  lengths: Int32Array;
  /** calls onMatch(patternId, start, end) for every occurrence, in order of end position */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void;
  /** the state after reading code unit c in state s (0 is the start state), for callers that stream */
  next(s: number, c: number): number;
  /** the patterns that end in state s: outputs[outputStart[s] … outputStart[s + 1]) (flat, for hot loops) */
  outputStart: Int32Array;
  outputs: Int32Array;
  /** by state: 1 when some pattern ends there (a typed array, for streaming callers' hot loops) */
  hasOutput: Uint8Array;
  /** the start state's transitions, by code unit (next(0, c) without a call) */
  rootNext: Int32Array;
}

/**
 * Everything an automaton is made of, as flat arrays in the form its transitions read them: what
 * the background builds once and hands to every page (src/rules/pack.ts), so that a page neither
 * builds the trie and its failure links nor derives anything from them state by state.
 *
 * States are numbered breadth first, so the children of a state are consecutive states and every
 * failure link leads to an earlier state. Trie edge k enters state k + 1; the edges leaving state s
 * are k in [childStart[s], childStart[s + 1]).
 */
export interface AutomatonTables {
  /** pattern lengths, by pattern id */
  lengths: Int32Array;
  /** by state, plus one: where its edges begin */
  childStart: Int32Array;
  /** by edge: its code unit */
  via: Uint16Array;
  /** by state: bit (c & 31) set for the code unit c of each of its edges (a filter, never the answer) */
  edgeBits: Uint32Array;
  /** by state: its failure link (state 0, the root, has none) */
  fail: Int32Array;
  /** by state s: the patterns ending there (own, then inherited) are outputs[outputStart[s] … outputStart[s + 1]) */
  outputStart: Int32Array;
  outputs: Int32Array;
  /** by state: 1 when some pattern ends there */
  hasOutput: Uint8Array;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  return automatonFromTables(buildTables(patterns));
}

/** The trie, numbered breadth first, its failure links, merged outputs and edge filters. */
export function buildTables(patterns: readonly string[]): AutomatonTables {
  // the trie as the patterns make it (insertion order)…
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  for (let id = 0; id < patterns.length; id++) {
    const p = patterns[id]!;
    let s = 0;
    for (let i = 0; i < p.length; i++) {
      const c = p.charCodeAt(i);
      let next = children[s]!.get(c);
      if (next === undefined) {
        next = children.length;
        children.push(new Map());
        ends.push([]);
        children[s]!.set(c, next);
      }
      s = next;
    }
    ends[s]!.push(id);
  }
  // …renumbered breadth first: order[n] is the old number of state n
  const count = children.length;
  const order = [0];
  const numberOf = new Int32Array(count);
  for (let n = 0; n < order.length; n++) {
    for (const old of children[order[n]!]!.values()) {
      numberOf[old] = order.length;
      order.push(old);
    }
  }
  const childStart = new Int32Array(count + 1);
  const via = new Uint16Array(Math.max(0, count - 1));
  const edgeBits = new Uint32Array(count);
  /** edge of (state n, code unit c), in new numbers */
  const childOf = (n: number, c: number): number | undefined => {
    const old = children[order[n]!]!.get(c);
    return old === undefined ? undefined : numberOf[old];
  };
  for (let n = 0, k = 0; n < count; n++) {
    childStart[n] = k;
    for (const c of children[order[n]!]!.keys()) {
      via[k++] = c;
      edgeBits[n] = edgeBits[n]! | (1 << (c & 31));
    }
    childStart[n + 1] = k;
  }

  // failure links, state by state in breadth-first order: the link of a child is found from its
  // parent's, which is ready
  const fail = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    for (let k = childStart[n]!; k < childStart[n + 1]!; k++) {
      const child = k + 1;
      const c = via[k]!;
      if (n === 0) fail[child] = 0;
      else {
        let f = fail[n]!;
        let target = childOf(f, c);
        while (target === undefined && f !== 0) {
          f = fail[f]!;
          target = childOf(f, c);
        }
        fail[child] = target !== undefined && target !== child ? target : 0;
      }
    }
  }
  // outputs merged along the failure chain (a link leads to an earlier state, merged already);
  // the root reports nothing
  const merged: number[][] = [[]];
  for (let n = 1; n < count; n++) {
    const own = ends[order[n]!]!;
    const inherited = merged[fail[n]!]!;
    merged.push(inherited.length ? own.concat(inherited) : own);
  }
  const outputStart = new Int32Array(count + 1);
  const hasOutput = new Uint8Array(count);
  const outputs = new Int32Array(merged.reduce((sum, list) => sum + list.length, 0));
  for (let n = 0, at = 0; n < count; n++) {
    outputStart[n] = at;
    for (const p of merged[n]!) outputs[at++] = p;
    outputStart[n + 1] = at;
    hasOutput[n] = at > outputStart[n]! ? 1 : 0;
  }
  return { lengths: Int32Array.from(patterns, (p) => p.length), childStart, via, edgeBits, fail, outputStart, outputs, hasOutput };
}

/** The automaton over prepared tables (built here or unpacked from the background's pack): no work per state. */
export function automatonFromTables(tables: AutomatonTables): Automaton {
  const { lengths, childStart, via, edgeBits, fail, outputStart, outputs, hasOutput } = tables;
  const rootNext = new Int32Array(65536);
  for (let k = childStart[0]!, end = childStart[1] ?? 0; k < end; k++) rootNext[via[k]!] = k + 1;

  const report = (s: number, i: number, onMatch: (pattern: number, start: number, end: number) => void) => {
    for (let k = outputStart[s]!, end = outputStart[s + 1]!; k < end; k++) {
      const p = outputs[k]!;
      onMatch(p, i + 1 - lengths[p]!, i + 1);
    }
  };

  // one transition: the edge (s, c) among s's edges, else the failure links (to earlier states:
  // the walk ends at the root)
  const step = (s: number, c: number): number => {
    for (;;) {
      if (s === 0) return rootNext[c]!;
      // most states have one or two children: the bit filter settles most misses without a look
      if (((edgeBits[s]! >>> (c & 31)) & 1) !== 0) {
        for (let k = childStart[s]!, end = childStart[s + 1]!; k < end; k++) if (via[k] === c) return k + 1;
      }
      s = fail[s]!;
    }
  };
  // (the memo's key needs states < 65,536: huge custom packs go without it)
  const next = fail.length <= 0xffff ? memoized(step, rootNext) : step;

  return {
    lengths,
    next,
    outputStart,
    outputs,
    hasOutput,
    rootNext,
    scan(text, onMatch) {
      let s = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        // most characters start no pattern: the root's dense table without a call
        s = s === 0 ? rootNext[c]! : next(s, c);
        if (hasOutput[s]) report(s, i, onMatch);
      }
    },
  };
}

const EMPTY = 0xffffffff;
const MEMO_BITS = 14;

/**
 * A transition function with the transitions it computed remembered (direct-mapped, keyed by
 * state << 16 | code unit; a collision only recomputes): the failure chain is walked once per
 * (state, character) a page actually uses, not once per character read.
 */
function memoized(step: (s: number, c: number) => number, rootNext: Int32Array): (s: number, c: number) => number {
  const keys = new Uint32Array(1 << MEMO_BITS).fill(EMPTY);
  const targets = new Int32Array(1 << MEMO_BITS);
  return (s, c) => {
    if (s === 0) return rootNext[c]!;
    const key = ((s << 16) | c) >>> 0;
    const h = Math.imul(key, 0x9e3779b1) >>> (32 - MEMO_BITS);
    if (keys[h] === key) return targets[h]!;
    const target = step(s, c);
    keys[h] = key;
    targets[h] = target;
    return target;
  };
}
