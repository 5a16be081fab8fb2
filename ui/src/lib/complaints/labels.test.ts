import { describe, expect, it } from 'vitest';
import { DICTIONARIES } from '../i18n';
import { channelLabel, moveLabel, problemText, statusLabel } from './labels';
import { CHANNELS, STATUSES, TYPES } from './model';

describe('complaint labels', () => {
  it('names every channel, type and status in both locales', () => {
    for (const dict of Object.values(DICTIONARIES)) {
      const keys = Object.keys(dict);
      for (const c of CHANNELS) expect(keys).toContain(`complaints.channel.${c}`);
      for (const ty of TYPES) expect(keys).toContain(`complaints.type.${ty}`);
      for (const s of STATUSES) expect(keys).toContain(`complaints.status.${s}`);
    }
  });

  it('shows Indonesian names, reopening, and unknown values as they are', () => {
    expect(statusLabel('waiting')).toBe('Menunggu warga');
    expect(channelLabel('lapor')).toBe('SP4N-LAPOR!');
    expect(moveLabel('resolved', 'in_progress')).toBe('Buka kembali');
    expect(moveLabel('assigned', 'in_progress')).toBe('Proses');
    expect(statusLabel('archived')).toBe('archived');
    expect(statusLabel(null)).toBe('–');
  });

  it('fills the parameters of client-side problems', () => {
    expect(problemText({ field: 'nik', key: 'nik_digits', params: { n: 4 } })).toBe('NIK harus tepat 16 angka (sekarang 4).');
  });
});
