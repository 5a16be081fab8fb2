import { describe, expect, it } from 'vitest';
import { isBlockedKey } from './kiosk.svelte';

const key = (k: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'metaKey', boolean>> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('kiosk keys', () => {
  it('swallows shortcuts, reload, devtools and escape', () => {
    expect(isBlockedKey(key('l', { ctrlKey: true }))).toBe(true);
    expect(isBlockedKey(key('1', { altKey: true }))).toBe(true);
    expect(isBlockedKey(key('F5'))).toBe(true);
    expect(isBlockedKey(key('F12'))).toBe(true);
    expect(isBlockedKey(key('Escape'))).toBe(true);
    expect(isBlockedKey(key('r', { metaKey: true }))).toBe(true);
  });

  it('lets a citizen type a suggestion and a supervisor a PIN', () => {
    for (const k of ['a', 'Z', '7', ' ', 'Backspace', 'Enter', 'Tab', 'ArrowLeft', 'F']) {
      expect(isBlockedKey(key(k))).toBe(false);
    }
  });
});
