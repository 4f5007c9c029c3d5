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
 * Everything an automaton is made of, as flat arrays: what the background builds once and hands to
 * every page (src/rules/pack.ts), so that no page has to build the trie and its failure links.
 * States are numbered in the order the trie made them, so parent[s] < s.
 */
export interface AutomatonTables {
  /** pattern lengths, by pattern id */
  lengths: Int32Array;
  /** by state (state 0, the root, has none): the state its trie edge leaves and that edge's code unit */
  parent: Int32Array;
  via: Int32Array;
  /** by state: its failure link */
  fail: Int32Array;
  /** by state s: the patterns ending there (own, then inherited) are outputs[outputStart[s] … outputStart[s + 1]) */
  outputStart: Int32Array;
  outputs: Int32Array;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  return automatonFromTables(buildTables(patterns));
}

/** The trie, its failure links and merged outputs. */
export function buildTables(patterns: readonly string[]): AutomatonTables {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  const parent: number[] = [0];
  const via: number[] = [0];
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
        parent.push(s);
        via.push(c);
        children[s]!.set(c, next);
      }
      s = next;
    }
    ends[s]!.push(id);
  }

  const count = children.length;
  const fail = new Int32Array(count);
  const merged: (number[] | null)[] = new Array(count).fill(null);
  const order: number[] = [];
  for (const child of children[0]!.values()) {
    fail[child] = 0;
    order.push(child);
  }
  for (let qi = 0; qi < order.length; qi++) {
    const s = order[qi]!;
    for (const [c, child] of children[s]!) {
      let f = fail[s]!;
      while (f !== 0 && !children[f]!.has(c)) f = fail[f]!;
      const target = children[f]!.get(c);
      fail[child] = target !== undefined && target !== child ? target : 0;
      order.push(child);
    }
  }
  // merged outputs along the failure chain, computed in BFS order so parents are ready
  let total = 0;
  for (let oi = 0; oi < order.length; oi++) {
    const s = order[oi]!;
    const own = ends[s]!;
    const inherited = merged[fail[s]!];
    if (own.length === 0 && !inherited) continue;
    merged[s] = inherited ? own.concat(inherited) : own;
    total += merged[s]!.length;
  }
  const outputStart = new Int32Array(count + 1);
  const outputs = new Int32Array(total);
  for (let s = 0, at = 0; s < count; s++) {
    outputStart[s] = at;
    for (const p of merged[s] ?? []) outputs[at++] = p;
    outputStart[s + 1] = at;
  }
  return { lengths: Int32Array.from(patterns, (p) => p.length), parent: Int32Array.from(parent), via: Int32Array.from(via), fail, outputStart, outputs };
}

/** The automaton over prepared tables (built here or unpacked from the background's pack). */
export function automatonFromTables(tables: AutomatonTables): Automaton {
  const { lengths, parent, via, fail, outputStart, outputs } = tables;
  const count = fail.length;
  const hasOutput = new Uint8Array(count);
  for (let s = 0; s < count; s++) if (outputStart[s + 1]! > outputStart[s]!) hasOutput[s] = 1;
  const rootNext = new Int32Array(65536);
  for (let s = 1; s < count; s++) if (parent[s] === 0) rootNext[via[s]!] = s;
  const { childStart, child, childVia, edgeBits } = edgeRows(parent, via);

  const report = (s: number, i: number, onMatch: (pattern: number, start: number, end: number) => void) => {
    for (let k = outputStart[s]!, end = outputStart[s + 1]!; k < end; k++) {
      const p = outputs[k]!;
      onMatch(p, i + 1 - lengths[p]!, i + 1);
    }
  };

  // one transition: the edge (s, c) among s's children, else the failure links
  const step = (s: number, c: number): number => {
    for (;;) {
      if (s === 0) return rootNext[c]!;
      // most states have one or two children: the bit filter settles most misses without a look
      if (((edgeBits[s]! >>> (c & 31)) & 1) !== 0) {
        for (let k = childStart[s]!, end = childStart[s + 1]!; k < end; k++) if (childVia[k] === c) return child[k]!;
      }
      s = fail[s]!;
    }
  };
  // (the memo's key needs states < 65,536: huge custom packs go without it)
  const next = count <= 0xffff ? memoized(step, rootNext) : step;

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

/**
 * The trie's edges as compressed rows: the children of state s are child[k] for k in
 * [childStart[s], childStart[s + 1]), entered on code unit childVia[k]; edgeBits[s] has bit
 * (c & 31) set for each of them. Three passes of small integers: cheap for a page's cold code,
 * where a hash table of the edges took ~4 ms to build (issue 6).
 */
function edgeRows(parent: Int32Array, via: Int32Array) {
  const count = parent.length;
  const childStart = new Int32Array(count + 1);
  for (let s = 1; s < count; s++) childStart[parent[s]! + 1] = childStart[parent[s]! + 1]! + 1;
  for (let s = 0; s < count; s++) childStart[s + 1] = childStart[s + 1]! + childStart[s]!;
  const filled = childStart.slice(0, count);
  const child = new Int32Array(Math.max(0, count - 1));
  const childVia = new Int32Array(child.length);
  const edgeBits = new Uint32Array(count);
  for (let s = 1; s < count; s++) {
    const up = parent[s]!;
    const k = filled[up]!;
    filled[up] = k + 1;
    child[k] = s;
    childVia[k] = via[s]!;
    edgeBits[up] = edgeBits[up]! | (1 << (via[s]! & 31));
  }
  return { childStart, child, childVia, edgeBits };
}
