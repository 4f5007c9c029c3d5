/**
 * How the rest of a host label reads next to a brand word: keyword segmentation (apple + "id-verify"),
 * the strong keywords that make a phishing combo, and the dictionary guard (pineapple, striped).
 */
import { DICTIONARY_GUARD, PHISHING_KEYWORDS } from './keywords';

/** Can `rest` be cut into phishing keywords and digit runs? (empty → true) */
const segCache = new Map<string, boolean>();
export function isKeywordRemainder(rest: string): boolean {
  if (rest === '') return true;
  const cached = segCache.get(rest);
  if (cached !== undefined) return cached;
  const ok: boolean[] = new Array(rest.length + 1).fill(false);
  ok[0] = true;
  for (let i = 0; i < rest.length; i++) {
    if (!ok[i]) continue;
    let j = i;
    while (j < rest.length && /[0-9-]/.test(rest[j] ?? '')) j++;
    if (j > i) ok[j] = true;
    for (let k = i + 2; k <= Math.min(rest.length, i + 14); k++) if (PHISHING_KEYWORDS.has(rest.slice(i, k))) ok[k] = true;
  }
  const result = ok[rest.length] === true;
  if (segCache.size < 5000) segCache.set(rest, result);
  return result;
}

/** tokens that are a letter plus a common word (i+cloud): inside a longer word they need a boundary on the left */
export const LEFT_BOUNDARY_TOKENS: ReadonlySet<string> = new Set(['icloud', 'itunes', 'gpay', 'wxpay', 'shoppay', 'cup-pay']);

/** Words that make a weak brand word (apple, visa, google) a phishing combo: apple-id, visa-secure. */
export const STRONG_KEYWORDS: readonly string[] = ['secure', 'security', 'login', 'signin', 'verify', 'verif', 'account', 'update', 'support', 'pay',
  'wallet', 'refund', 'billing', 'card', 'checkout', 'auth', 'confirm', 'unlock', 'locked', 'recover', 'reset', 'service',
  'help', 'kefu', '3ds', 'otp', 'password', 'official', 'id', 'bank', 'info', 'gift', 'order', 'store', 'shop', 'member', 'mall',
  'tuikuan', 'zhifu', 'anquan', 'yanzheng', 'denglu', 'zhanghu', 'jiedong', 'lipei', 'fuwu', 'guanwang', 'jiesuan'];
export const STRONG_KEYWORD_SET: ReadonlySet<string> = new Set(STRONG_KEYWORDS);

export function hasStrongKeyword(rest: string): boolean {
  return STRONG_KEYWORDS.some((k) => (k.length <= 3 ? rest.startsWith(k) || rest.endsWith(k) || rest.includes(`-${k}`) || rest.includes(`${k}-`) : rest.includes(k)));
}

/**
 * Is the token, where it stands in the label (its first occurrence, or at `at`), part of an
 * ordinary word (pineapple, striped) that starts at a word boundary?
 */
export function guardedByDictionary(label: string, token: string, at = label.indexOf(token)): boolean {
  if (at < 0) return false;
  for (const word of DICTIONARY_GUARD) {
    if (word === token) continue;
    const k = word.indexOf(token);
    if (k < 0 || at - k < 0) continue;
    const start = at - k;
    if (label.startsWith(word, start) && (start === 0 || !/[a-z]/.test(label[start - 1] ?? ''))) return true;
  }
  return false;
}
