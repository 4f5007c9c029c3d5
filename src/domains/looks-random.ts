/**
 * Does a domain label look machine-made (DGA-like: appldf, zexvip, ochxo, qkzvbt) rather than a word,
 * a name or a compound of words? A cheap pronounceability test, used only as one piece of evidence
 * next to a brand word (apple.<random>.com), never on its own.
 *
 * A run of letters looks random when it has
 *  - five or more consonants in a row (y counts as a vowel): "ppldf" (four happen in compounds:
 *    wordpress, soundcloud);
 *  - past its first letter (vk, jq, xv at the start are abbreviations), a pair that English words
 *    and pinyin do not make, even across compounds: q, x or j next to another consonant (xv, hx, qk,
 *    jd), except the pairs ordinary words have (sq, xt, xp, xc, xh, nj, dj, bj, tj, nx, lx, rx, cq);
 *  - three consonants at the end that English words do not end with (cloudipilnc: "lnc"), in
 *    names of six or more letters;
 *  - or no vowel at all over five or more letters.
 * Technical abbreviations (cdn, dns, svc, api, www …) are cut out first.
 */

const VOWELS = 'aeiouy';
const RARE_LETTERS = 'qxj';
/** pairs with q/x/j that ordinary words make */
const ALLOWED_PAIRS: ReadonlySet<string> = new Set(['sq', 'xt', 'xp', 'xc', 'xh', 'xx', 'nj', 'dj', 'bj', 'tj', 'jj', 'nx', 'lx', 'rx', 'cq', 'ck']);
/** abbreviations that technical host names are built from (fbcdn, ttdns2, shopifysvc, msftncsi) */
const TECH_ABBREVIATIONS = /cdn|dns|svc|msft|sdk|api|img|xbox|www|cms|rtb|gtld|ncsi|mgmt|ssl|tv|js|nbc|cbs|cnbc|wsj|xxx/g;

/** three consonants that end English words and names (hands, first, night, match, worlds) */
const COMMON_ENDINGS = /(?:nds|nts|nks|ngs|rds|rts|rks|rns|rms|rls|lds|lts|lks|lms|mps|cts|pts|fts|sts|sks|sps|ght|tch|nch|rch|lch|sch|rth|nth|lth|rst|nst|lst|rld|rnt|cks|lls|ffs|sss|ngs|nct|mpt|rgh|ngh|rsh|lsh|ncs|rcs|phs|ths|shs|chs|wns|wls|rbs|rgs|rps|rfs|lps|lfs|lms|tts|dds|nns|pps|bbs|ggs|zzs|rry|ndt|rdt|ckt|rrs)$/;

/** th, ch, sh, ph, gh, ck: two letters, one consonant sound (strengths has four in a row, not five) */
const DIGRAPHS: ReadonlySet<string> = new Set(['th', 'ch', 'sh', 'ph', 'gh', 'ck']);

function isVowel(c: string): boolean {
  return VOWELS.includes(c);
}

function rarePair(a: string, b: string): boolean {
  if (a === 'q') return b !== 'u' && b !== 'i';
  if (isVowel(a) || isVowel(b) || a === b) return false;
  if (ALLOWED_PAIRS.has(a + b)) return false;
  return RARE_LETTERS.includes(a) || RARE_LETTERS.includes(b);
}

function chunkLooksRandom(chunk: string): boolean {
  let run = 0;
  let vowels = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i] ?? '';
    if (isVowel(c)) {
      vowels++;
      run = 0;
    } else if (!DIGRAPHS.has((chunk[i - 1] ?? '') + c) && ++run >= 5) return true; // th, ch, sh … sound as one
    if (i > 1 && rarePair(chunk[i - 1] ?? '', c)) return true;
  }
  if (run >= 3 && chunk.length >= 6 && !COMMON_ENDINGS.test(chunk)) return true;
  return vowels === 0 && chunk.length >= 5;
}

/** True when some run of letters in the label looks machine-made (see the module comment). */
export function looksRandom(label: string): boolean {
  for (const chunk of label.toLowerCase().replace(TECH_ABBREVIATIONS, '-').split(/[^a-z]+/)) if (chunk.length >= 3 && chunkLooksRandom(chunk)) return true;
  return false;
}
