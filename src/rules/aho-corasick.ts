/**
 * Aho-Corasick automaton over UTF-16 code units: finds every occurrence of every pattern in one
 * pass. Root transitions are a dense table (most characters of a page start no pattern).
 */
export interface Automaton {
  /** pattern lengths, by pattern id */
  lengths: Int32Array;
  /** calls onMatch(patternId, start, end) for every occurrence, in order of end position */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void;
}

export function buildAutomaton(patterns: readonly string[]): Automaton {
  const steps = buildAutomatonSteps(patterns);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** How much work (trie characters, nodes) is done between two yields of the incremental build. */
const WORK_PER_YIELD = 2048;

/** The same build in small steps: yields every few thousand units of work, returns the automaton. */
export function* buildAutomatonSteps(patterns: readonly string[]): Generator<void, Automaton> {
  const children: Map<number, number>[] = [new Map()];
  const ends: number[][] = [[]];
  let work = 0;
  for (let id = 0; id < patterns.length; id++) {
    const p = patterns[id]!;
    if ((work += p.length) >= WORK_PER_YIELD) {
      work = 0;
      yield;
    }
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

  const count = children.length;
  const fail = new Int32Array(count);
  const outputs: (Int32Array | null)[] = new Array(count).fill(null);
  const order: number[] = [];
  for (const child of children[0]!.values()) {
    fail[child] = 0;
    order.push(child);
  }
  for (let qi = 0; qi < order.length; qi++) {
    if ((qi & (WORK_PER_YIELD - 1)) === 0) yield;
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
  for (let oi = 0; oi < order.length; oi++) {
    if ((oi & (WORK_PER_YIELD - 1)) === 0) yield;
    const s = order[oi]!;
    const own = ends[s]!;
    const inherited = outputs[fail[s]!];
    if (own.length === 0 && !inherited) continue;
    const merged = new Int32Array(own.length + (inherited?.length ?? 0));
    merged.set(own, 0);
    if (inherited) merged.set(inherited, own.length);
    outputs[s] = merged;
  }

  const rootNext = new Int32Array(65536);
  for (const [c, child] of children[0]!) rootNext[c] = child;
  const lengths = Int32Array.from(patterns, (p) => p.length);
  const table = count <= 0xffff ? edgeTable(children) : null;

  const report = (s: number, i: number, onMatch: (pattern: number, start: number, end: number) => void) => {
    const out = outputs[s];
    if (out === null || out === undefined) return;
    for (let k = 0; k < out.length; k++) {
      const p = out[k]!;
      onMatch(p, i + 1 - lengths[p]!, i + 1);
    }
  };

  return {
    lengths,
    scan(text, onMatch) {
      let s = 0;
      if (table === null) {
        // automata too large for the table (huge custom packs): the trie's own maps
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          while (s !== 0 && !children[s]!.has(c)) s = fail[s]!;
          s = s === 0 ? rootNext[c]! : children[s]!.get(c)!;
          if (outputs[s]) report(s, i, onMatch);
        }
        return;
      }
      const { keys, targets, mask, shift } = table;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        for (;;) {
          if (s === 0) {
            s = rootNext[c]!;
            break;
          }
          // the edge (s, c) in the hash table, inline: this loop is the matcher's hot path
          const key = ((s << 16) | c) >>> 0;
          let h = Math.imul(key, 0x9e3779b1) >>> shift;
          let k = keys[h]!;
          while (k !== key && k !== EMPTY) {
            h = (h + 1) & mask;
            k = keys[h]!;
          }
          if (k === key) {
            s = targets[h]!;
            break;
          }
          s = fail[s]!;
        }
        if (outputs[s]) report(s, i, onMatch);
      }
    },
  };
}

const EMPTY = 0xffffffff;

interface EdgeTable {
  keys: Uint32Array;
  targets: Int32Array;
  mask: number;
  shift: number;
}

/**
 * The trie's edges in one open-addressing hash table of typed arrays (key = state << 16 | char):
 * in Chromium a lookup costs a fraction of a Map.get per state (issue 6). States < 65,536.
 */
function edgeTable(children: readonly Map<number, number>[]): EdgeTable {
  let edges = 0;
  for (const m of children) edges += m.size;
  let bits = 4;
  while (1 << bits < edges * 2) bits++;
  const mask = (1 << bits) - 1;
  const shift = 32 - bits;
  const keys = new Uint32Array(1 << bits).fill(EMPTY);
  const targets = new Int32Array(1 << bits);
  children.forEach((m, state) => {
    for (const [c, child] of m) {
      const key = ((state << 16) | c) >>> 0;
      let h = Math.imul(key, 0x9e3779b1) >>> shift;
      while (keys[h] !== EMPTY) h = (h + 1) & mask;
      keys[h] = key;
      targets[h] = child;
    }
  });
  return { keys, targets, mask, shift };
}
