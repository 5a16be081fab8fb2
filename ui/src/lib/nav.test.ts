import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas')).toEqual(['home']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor')).toEqual(['home', 'agencies', 'services', 'counters', 'staff', 'holidays']);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });
});
