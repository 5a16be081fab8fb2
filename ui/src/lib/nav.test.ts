import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas')).toEqual(['home', 'survey-kiosk']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor')).toEqual([
      'home',
      'survey-kiosk',
      'survey-ikm',
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

  it('shows the survey kiosk to every role and the IKM to supervisors and admins', () => {
    expect(screensFor('petugas')).not.toContain('survey-ikm');
    for (const role of ['supervisor', 'admin']) {
      expect(screensFor(role)).toContain('survey-kiosk');
      expect(screensFor(role)).toContain('survey-ikm');
    }
  });
});
