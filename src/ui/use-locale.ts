/** The UI language for extension pages: settings' choice, else the browser's language. */
import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../engine/types';
import { resolveLocale } from '../i18n/locale';
import { loadSettings, watchSettings } from '../storage/settings';

export function initialLocale(): Locale {
  return resolveLocale('auto', globalThis.navigator?.language);
}

export function useLocale(): Locale {
  const [locale, setLocale] = useState<Locale>(initialLocale());
  useEffect(() => {
    let alive = true;
    void loadSettings().then((s) => alive && setLocale(resolveLocale(s.language, navigator.language)));
    const unwatch = watchSettings((s) => setLocale(resolveLocale(s.language, navigator.language)));
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  return locale;
}
