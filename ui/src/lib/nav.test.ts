import { describe, expect, it } from 'vitest';
import { screensFor, type Screen } from './nav';

// Screens of the sync capability (asserted in their own test below).
const notSync = (s: Screen) => !s.startsWith('sync-');

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas').filter(notSync)).toEqual(['home']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor').filter(notSync)).toEqual(['home', 'agencies', 'services', 'counters', 'staff', 'holidays']);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  it('shows sync export to officers and the whole sync group to supervisors and admins', () => {
    expect(screensFor('petugas').filter((s) => !notSync(s))).toEqual(['sync-export']);
    for (const role of ['supervisor', 'admin']) {
      expect(screensFor(role).filter((s) => !notSync(s))).toEqual([
        'sync-import',
        'sync-export',
        'sync-devices',
        'sync-conflicts',
      ]);
    }
  });
});
