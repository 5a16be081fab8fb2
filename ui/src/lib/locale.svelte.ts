// Reactive locale: components call `t(key)` in templates and re-render when the locale changes.
import { loadLocale, saveLocale, translate, type Key, type Locale, type Params } from './i18n';

let current = $state<Locale>(loadLocale());

export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  current = locale;
  saveLocale(locale);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
}

export function t(key: Key, params?: Params): string {
  return translate(current, key, params);
}
