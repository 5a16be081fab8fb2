import { describe, expect, it } from 'vitest';
import { screensFor, type Screen } from './nav';

// Screens added by the capabilities (issue 9: daily) are checked in their own tests below.
const DAILY: Screen[] = ['daily', 'daily-period'];
const base = (role: string) => screensFor(role).filter((s) => !DAILY.includes(s));

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(base('petugas')).toEqual(['home']);
  });

  it('shows supervisors master data', () => {
    expect(base('supervisor')).toEqual(['home', 'agencies', 'services', 'counters', 'staff', 'holidays']);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  it('shows the daily recap to everyone who works at the desk, periods to supervisors and admins', () => {
    expect(screensFor('petugas')).toContain('daily');
    expect(screensFor('petugas')).not.toContain('daily-period');
    for (const role of ['supervisor', 'admin']) {
      expect(screensFor(role)).toEqual(expect.arrayContaining(['daily', 'daily-period']));
    }
    expect(screensFor('tamu')).not.toContain('daily');
  });
});
