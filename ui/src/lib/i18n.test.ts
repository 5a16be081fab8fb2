import { describe, expect, it } from 'vitest';
import { DICTIONARIES, loadLocale, LOCALE_STORAGE_KEY, saveLocale, translate, type KeyValueStore } from './i18n';

function fakeStore(initial: Record<string, string> = {}): KeyValueStore & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (k) => data[k] ?? null,
    setItem: (k, v) => {
      data[k] = v;
    },
  };
}

describe('i18n', () => {
  it('defaults to Bahasa Indonesia', () => {
    expect(loadLocale(fakeStore())).toBe('id');
    expect(loadLocale(undefined)).toBe('id');
    expect(loadLocale(fakeStore({ [LOCALE_STORAGE_KEY]: 'fr' }))).toBe('id');
  });

  it('persists the chosen locale', () => {
    const store = fakeStore();
    saveLocale('en', store);
    expect(store.data[LOCALE_STORAGE_KEY]).toBe('en');
    expect(loadLocale(store)).toBe('en');
  });

  it('fills placeholders', () => {
    expect(translate('id', 'home.welcome', { user: 'sari' })).toBe('Selamat datang, sari');
    expect(translate('en', 'common.required', { field: 'PIN' })).toBe('PIN is required.');
    expect(translate('en', 'common.required')).toBe('{field} is required.');
  });

  it('has the same keys and placeholders in every language, none empty', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    const id = DICTIONARIES.id;
    const en = DICTIONARIES.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect(id[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toBe(placeholders(id[key]));
    }
  });
});

describe('capability dictionaries', () => {
  it('keep their keys under their own prefix, so no module silently overrides another', async () => {
    const modules = {
      queue: await import('./dict/queue'),
      desk: await import('./dict/desk'),
      complaints: await import('./dict/complaints'),
      survey: await import('./dict/survey'),
      sync: await import('./dict/sync'),
      officers: await import('./dict/officers'),
      daily: await import('./dict/daily'),
    };
    for (const [name, mod] of Object.entries(modules)) {
      for (const key of Object.keys(mod.id)) expect(key.startsWith(`${name}.`), key).toBe(true);
      expect(Object.keys(mod.en).sort()).toEqual(Object.keys(mod.id).sort());
    }
  });
});
