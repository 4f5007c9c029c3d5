/**
 * Rejects rule regexes that could backtrack catastrophically or that the engine cannot run
 * in a bounded window. Star height > 1 is caught by safe-regex2; the rest are our own limits.
 */
import safeRegex from 'safe-regex2';

export function checkRegexSafety(source: string): string | null {
  if (/\\[1-9]|\\k</.test(source)) return 'back-references are not allowed';
  try {
    new RegExp(source, 'iu');
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  if (/\(\?<?[=!]/.test(source)) return 'look-around is not allowed (use context.exceptions instead)';
  if (/\((?!\?:)/.test(source.replace(/\\\\|\\\(|\[[^\]]*\]/g, ''))) return 'use non-capturing groups (?:...)';
  if (/[*+]\??\)?[*+{]/.test(source) || /\}\)?[*+{]/.test(source)) return 'nested or stacked quantifiers are not allowed';
  if (/(?:^|[^\\])\.[*+]/.test(source)) return 'unbounded ".*" or ".+" is not allowed (use a bounded {0,N})';
  if (!safeRegex(source, { limit: 25 })) return 'may backtrack catastrophically (star height > 1 or too many repetitions)';
  return null;
}
