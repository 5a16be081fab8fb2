import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas')).toEqual(['home', 'complaints', 'complaint_new']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor')).toEqual([
      'home',
      'complaints',
      'complaint_new',
      'complaint_dashboard',
      'complaint_settings',
      'agencies',
      'services',
      'counters',
      'staff',
      'holidays',
    ]);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  it('shows complaints to every role, figures and SLA settings to supervisors and admins only', () => {
    expect(screensFor('petugas')).not.toContain('complaint_settings');
    expect(screensFor('petugas')).not.toContain('complaint_dashboard');
    for (const role of ['supervisor', 'admin']) {
      expect(screensFor(role)).toEqual(expect.arrayContaining(['complaints', 'complaint_new', 'complaint_dashboard', 'complaint_settings']));
    }
    expect(screensFor('tamu')).not.toContain('complaints');
  });
});
