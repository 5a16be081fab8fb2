import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas').filter((s) => !s.startsWith('officers'))).toEqual(['home']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor').filter((s) => !s.startsWith('officers'))).toEqual(['home', 'agencies', 'services', 'counters', 'staff', 'holidays']);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  it('shows a petugas their own officer page and supervisors the staff development screens', () => {
    expect(screensFor('petugas')).toContain('officers');
    expect(screensFor('petugas')).not.toContain('officers-programs');
    for (const role of ['supervisor', 'admin']) {
      expect(screensFor(role)).toEqual(expect.arrayContaining(['officers', 'officers-jp', 'officers-programs', 'officers-mentoring']));
    }
    expect(screensFor('tamu')).not.toContain('officers');
  });
});
