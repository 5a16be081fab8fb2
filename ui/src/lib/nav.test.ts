import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

// The desk entry depends on the device kind in `app.status` (see desk/nav.test.ts); without a
// status it is not shown, so these lists are those of every capability but the desk.
describe('navFor', () => {
  it('shows officers their daily work and their own records, no master data or admin screens', () => {
    expect(screensFor('petugas')).toEqual([
      'home',
      'complaints',
      'complaint_new',
      'survey-kiosk',
      'sync-export',
      'officers',
      'daily',
    ]);
  });

  it('shows supervisors the windows, figures, sync, officers, daily log and master data', () => {
    expect(screensFor('supervisor')).toEqual([
      'home',
      'queue-windows',
      'complaints',
      'complaint_new',
      'complaint_dashboard',
      'complaint_settings',
      'survey-kiosk',
      'survey-ikm',
      'sync-import',
      'sync-export',
      'sync-devices',
      'sync-conflicts',
      'officers',
      'officers-jp',
      'officers-programs',
      'officers-mentoring',
      'daily',
      'daily-period',
      'agencies',
      'services',
      'counters',
      'staff',
      'holidays',
    ]);
  });

  it('shows admins what supervisors see plus users and settings', () => {
    expect(screensFor('admin')).toEqual([...screensFor('supervisor'), 'users', 'settings']);
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  it('never lists a screen twice', () => {
    for (const role of ['petugas', 'supervisor', 'admin']) {
      const screens = screensFor(role);
      expect(new Set(screens).size, role).toBe(screens.length);
    }
  });
});
