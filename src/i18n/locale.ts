/**
 * Choosing the UI language: the user's pick, else the browser's language (zh* → 中文, anything else → English).
 * Pure: the caller passes the browser language in.
 */
import type { Locale } from '../engine/types';

export type LanguageSetting = 'auto' | 'zh' | 'en';

export function resolveLocale(setting: LanguageSetting, browserLanguage: string | undefined): Locale {
  if (setting === 'zh' || setting === 'en') return setting;
  return (browserLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Fills {name} placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function fillPlaceholders(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
