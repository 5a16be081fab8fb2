import { describe, expect, it } from 'vitest';
import { safeFileName } from './files';

describe('safeFileName', () => {
  it('drops characters FAT32 refuses and joins words with dashes', () => {
    expect(safeFileName('Rekap harian: MPP Kota/Contoh 2026-11-23.xlsx')).toBe('Rekap-harian-MPP-KotaContoh-2026-11-23.xlsx');
  });

  it('strips accents', () => {
    expect(safeFileName('Café Ñ')).toBe('Cafe-N');
  });
});
