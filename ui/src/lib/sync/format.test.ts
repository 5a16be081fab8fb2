import { describe, expect, it } from 'vitest';
import { translate, type Key, type Params } from '../i18n';
import {
  baseName,
  conflictValueText,
  deviceCount,
  entityLabel,
  formatBytes,
  formatElapsed,
  formatSkew,
  passphraseProblem,
  passphraseStrength,
} from './format';

const id = (k: Key, p?: Params) => translate('id', k, p);
const en = (k: Key, p?: Params) => translate('en', k, p);

describe('sync formatting', () => {
  it('formats sizes in decimal units', () => {
    expect(formatBytes(830)).toBe('830 B');
    expect(formatBytes(1234)).toBe('1,2 kB');
    expect(formatBytes(12_345_678)).toBe('12 MB');
    expect(formatBytes(null)).toBe('–');
    expect(formatBytes(-1)).toBe('–');
  });

  it('words clock skew by direction and size', () => {
    expect(formatSkew(null, id)).toBe('belum terukur');
    expect(formatSkew(20, id)).toBe('tepat');
    expect(formatSkew(-20, en)).toBe('on time');
    expect(formatSkew(180, id)).toBe('3 menit lebih cepat');
    expect(formatSkew(-2 * 365 * 86_400, id)).toBe('2 tahun lebih lambat');
    expect(formatSkew(86_400, en)).toBe('1 day(s) ahead');
    expect(formatSkew(-7200, en)).toBe('2 hour(s) behind');
  });

  it('shows elapsed time as m:ss', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
  });

  it('rates passphrases mostly by length', () => {
    expect(passphraseStrength('')).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('rahasia1')).toBe('weak');
    expect(passphraseStrength('rahasia123')).toBe('fair');
    expect(passphraseStrength('Rahasia-12')).toBe('fair');
    expect(passphraseStrength('kopi pagi di loket tiga')).toBe('strong');
  });

  it('checks the two passphrase fields', () => {
    expect(passphraseProblem(false, '', 'x')).toBeNull();
    expect(passphraseProblem(true, '', '')).toBe('sync.export.pass_empty');
    expect(passphraseProblem(true, 'pendek', 'pendek')).toBe('sync.export.pass_short');
    expect(passphraseProblem(true, 'kopi pagi', 'kopi siang')).toBe('sync.export.pass_mismatch');
    expect(passphraseProblem(true, 'kopi pagi', 'kopi pagi')).toBeNull();
  });

  it('passes conflict values as text, others as JSON', () => {
    expect(conflictValueText('Dinas B')).toBe('Dinas B');
    expect(conflictValueText(3)).toBe('3');
    expect(conflictValueText(null)).toBe('null');
    expect(conflictValueText({ a: 1 })).toBe('{"a":1}');
  });

  it('counts devices and names files', () => {
    expect(deviceCount([{ device_id: 'a' }, { device_id: 'b' }, { device_id: 'a' }])).toBe(2);
    expect(deviceCount([])).toBe(0);
    expect(baseName('/media/usb/loket-a.loket')).toBe('loket-a.loket');
    expect(baseName('E:\\\\kirim\\\\b.loket')).toBe('b.loket');
    expect(baseName('c.loket')).toBe('c.loket');
  });

  it('names record kinds', () => {
    expect(entityLabel('agency', id)).toBe('Instansi');
    expect(entityLabel('agency', en)).toBe('Agency');
    expect(entityLabel('mentoring', id)).toBe('mentoring');
  });
});
