import { describe, expect, it } from 'vitest';
import { checkPath, dayFileName, isFormat, periodFileName, withExtension } from './exports';

describe('daily exports', () => {
  it('suggests file names safe on a USB stick', () => {
    expect(dayFileName('MPP Kota Contoh', '2026-11-22', 'xlsx')).toBe('Rekap-harian-MPP-Kota-Contoh-2026-11-22.xlsx');
    expect(periodFileName(null, '2026-11-01', '2026-11-30', 'pdf')).toBe('Rekap-Semua-lokasi-2026-11-01-sd-2026-11-30.pdf');
    expect(periodFileName('MPP A/B', '2026-11-01', '2026-11-07', 'csv')).toBe('Rekap-MPP-AB-2026-11-01-sd-2026-11-07.csv');
  });

  it('checks a typed path', () => {
    expect(checkPath('  ')).toBe('empty');
    expect(checkPath('rekap.xlsx')).toBe('relative');
    expect(checkPath('/tmp/')).toBe('folder');
    expect(checkPath('/tmp/rekap.xlsx')).toBeNull();
    expect(checkPath('D:\\laporan\\rekap.xlsx')).toBeNull();
    expect(checkPath('\\\\server\\share\\rekap.pdf')).toBeNull();
  });

  it('adds the extension of the format when missing', () => {
    expect(withExtension('/tmp/rekap', 'xlsx')).toBe('/tmp/rekap.xlsx');
    expect(withExtension('/tmp/rekap.XLSX', 'xlsx')).toBe('/tmp/rekap.XLSX');
    expect(withExtension('/tmp/rekap.pdf', 'csv')).toBe('/tmp/rekap.pdf.csv');
  });

  it('knows the formats', () => {
    expect(isFormat('pdf')).toBe(true);
    expect(isFormat('docx')).toBe(false);
  });
});
