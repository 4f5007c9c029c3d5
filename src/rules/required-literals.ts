/**
 * Literals a rule regex cannot match without (issue 6: a sharper text gate). A regex's anchors say
 * "one of these occurs in every match"; many regexes need more than that — `\d{1,2}\s?(?:天|日)
 * \s?\d{1,2}\s?(?:时|小时)\s?\d{1,2}\s?分` cannot match a run without 时 and 分 as well as its
 * anchors 天/日. This module reads such groups out of the regex source, so the text gate can keep
 * a run only when every group of some regex occurs in it, instead of on the first anchor ("3天内
 * 送达" on every card of a listing).
 *
 * Sound by construction, not complete: each group returned is a set of literals one of which every
 * match contains (property-tested against generated matches); whatever the reader does not
 * understand yields no group. Runs in Node and in the background (toMatchRule), never in the
 * content script, which receives the groups with the rules.
 */

/** What a piece of a regex can match, as far as literals go. */
interface Info {
  /** every string the piece can match, when it is a small finite set; null: unknown */
  exact: string[] | null;
  /** groups of literals: every match of the piece contains one literal of each group */
  groups: string[][];
  /** when `exact` is null: the strings the piece can end with after its last unknown part ([''] for none) */
  tail: string[];
}

const MAX_EXACT = 16;
const MAX_LEN = 40;
/** groups kept per regex (the strongest ones) */
const MAX_GROUPS = 3;

const unknown = (): Info => ({ exact: null, groups: [], tail: [''] });
const literal = (s: string): Info => ({ exact: [s], groups: [], tail: [s] });
const EMPTY: Info = literal('');

/** a group made of an exact set, when none of its strings is empty */
const asGroup = (exact: string[] | null): string[][] => (exact && exact.length && !exact.includes('') ? [exact] : []);
/** the literal run a piece is known to contain at its end (all of it, when exact) */
const closing = (a: Info) => asGroup(a.exact ?? a.tail);

/** every x + y, or null when there are too many or they get too long */
function product(xs: string[], ys: string[]): string[] | null {
  if (xs.length * ys.length > MAX_EXACT) return null;
  const out = [...new Set(xs.flatMap((x) => ys.map((y) => x + y)))];
  return out.every((s) => s.length <= MAX_LEN) ? out : null;
}

function concat(a: Info, b: Info): Info {
  const groups = [...a.groups, ...b.groups];
  if (b.exact) {
    // the literal run at a's end goes on into b
    const run = product(a.exact ?? a.tail, b.exact);
    if (run) return a.exact ? { exact: run, groups, tail: run } : { exact: null, groups, tail: run };
    return { exact: null, groups: [...groups, ...closing(a)], tail: b.exact };
  }
  return { exact: null, groups: [...a.groups, ...closing(a), ...b.groups], tail: b.tail };
}

/** the longest-shortest literal: the group least likely to occur by chance */
const strength = (g: string[]) => Math.min(...g.map((s) => s.length));
const best = (info: Info): string[] | null => {
  const candidates = [...info.groups, ...closing(info)];
  return candidates.length ? candidates.reduce((a, b) => (strength(b) > strength(a) ? b : a)) : null;
};

function alternation(alts: Info[]): Info {
  if (alts.length === 1) return alts[0]!;
  if (alts.every((a) => a.exact)) {
    const union = [...new Set(alts.flatMap((a) => a.exact!))];
    if (union.length <= MAX_EXACT) return { exact: union, groups: [], tail: union };
  }
  // every match goes through one alternative, which holds one literal of its best group
  const picks = alts.map(best);
  return picks.every((p) => p !== null) ? { exact: null, groups: [[...new Set(picks.flatMap((p) => p!))]], tail: [''] } : unknown();
}

function repeat(a: Info, min: number, max: number): Info {
  if (min === 1 && max === 1) return a;
  if (min === 0) return max === 1 && a.exact ? literalSet(['', ...a.exact]) : unknown();
  // at least one occurrence
  return { exact: null, groups: [...a.groups, ...closing(a)], tail: [''] };
}
const literalSet = (set: string[]): Info => {
  const exact = [...new Set(set)];
  return { exact, groups: [], tail: exact };
};

class Reader {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Info {
    const info = this.alternatives();
    if (this.i < this.src.length) throw new Error('unbalanced )');
    return info;
  }

  private alternatives(): Info {
    const alts = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alternation(alts);
  }

  private sequence(): Info {
    let info = EMPTY;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      info = concat(info, this.quantified(this.atom()));
    }
    return info;
  }

  private atom(): Info {
    const c = this.src[this.i++]!;
    switch (c) {
      case '(': {
        if (this.src.slice(this.i, this.i + 2) !== '?:') throw new Error('only (?:…) groups');
        this.i += 2;
        const inner = this.alternatives();
        if (this.src[this.i++] !== ')') throw new Error('unclosed group');
        return inner;
      }
      case '[':
        this.skipClass();
        return unknown();
      case '.':
        return unknown();
      case '^':
      case '$':
        return EMPTY;
      case '\\':
        return this.escape();
      default:
        return literal(c);
    }
  }

  private escape(): Info {
    const c = this.src[this.i++];
    if (c === undefined) throw new Error('trailing backslash');
    if (c === 'b' || c === 'B') return EMPTY;
    if ('dDwWsSpPk'.includes(c) || /[0-9]/.test(c)) {
      if ((c === 'p' || c === 'P') && this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
      return unknown();
    }
    if (c === 'u' || c === 'x' || c === 'c') {
      // code point escapes: read as an unknown character rather than decode every form
      if (this.src[this.i] === '{') this.i = this.src.indexOf('}', this.i) + 1;
      else this.i += c === 'u' ? 4 : c === 'x' ? 2 : 1;
      return unknown();
    }
    if ('nrtfv'.includes(c)) return unknown();
    return literal(c);
  }

  private skipClass() {
    while (this.i < this.src.length && this.src[this.i] !== ']') this.i += this.src[this.i] === '\\' ? 2 : 1;
    if (this.src[this.i++] !== ']') throw new Error('unclosed class');
  }

  private quantified(a: Info): Info {
    let min = 1;
    let max = 1;
    const c = this.src[this.i];
    if (c === '?' || c === '*' || c === '+') {
      this.i++;
      [min, max] = c === '?' ? [0, 1] : c === '*' ? [0, Infinity] : [1, Infinity];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return a; // a literal {
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    } else return a;
    if (this.src[this.i] === '?') this.i++; // lazy
    return repeat(a, min, max);
  }
}

/**
 * A literal worth looking for: anything with a character other than digits and spaces. Even one
 * letter counts: a single "h" of "3 days 12h" is what tells a countdown from "Delivery in 3 days"
 * on every card of a listing, and an automaton output costs far less than a kept run.
 */
const isSelective = (s: string) => /[^\d\s]/.test(s);

/**
 * Groups of literals (lower case) every match of `source` contains one of, strongest first, at
 * most MAX_GROUPS; [] when the source is not understood. Within a group a literal that contains
 * another is dropped (the shorter occurs whenever the longer does); a group with an unselective
 * literal is dropped whole, and so is a group every anchor already implies (`anchors`: the regex's
 * own anchors); short words are kept only for regexes with short anchors.
 */
export function requiredLiterals(source: string, anchors: readonly string[] = []): string[][] {
  let info: Info;
  try {
    info = new Reader(source).parse();
  } catch {
    return [];
  }
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const raw of [...info.groups, ...closing(info)]) {
    const words = [...new Set(raw.map((s) => s.toLowerCase().trim()))];
    const group = words.filter((w) => !words.some((o) => o !== w && o.length > 0 && w.includes(o))).sort();
    if (!group.length || !group.every(isSelective)) continue;
    // a group every anchor contains a literal of says nothing the anchors do not
    if (anchors.length && anchors.every((a) => group.some((w) => a.toLowerCase().includes(w)))) continue;
    const key = group.join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(group);
  }
  out.sort((a, b) => strength(b) - strength(a));
  // short words ("a", "in", 加) occur in most runs: looked for only when they are all a regex has
  // besides anchors as short ("day", 天), and single characters only when nothing longer is left
  const shortAnchors = anchors.length === 0 || strength(anchors.map((a) => a.trim())) <= 3;
  const kept = out.filter((g) => strength(g) >= 3 || shortAnchors);
  const longer = kept.filter((g) => strength(g) > 1);
  return (longer.length ? longer : kept).slice(0, MAX_GROUPS);
}
