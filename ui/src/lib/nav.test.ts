import { describe, expect, it } from 'vitest';
import { screensFor } from './nav';

describe('navFor', () => {
  it('shows officers only their home screen', () => {
    expect(screensFor('petugas')).toEqual(['home']);
  });

  it('shows supervisors master data', () => {
    expect(screensFor('supervisor')).toEqual(['home', 'queue-windows', 'agencies', 'services', 'counters', 'staff', 'holidays']);
  });

  it('shows admins everything', () => {
    expect(screensFor('admin')).toContain('users');
    expect(screensFor('admin')).toContain('settings');
  });

  it('shows an unknown role nothing but home', () => {
    expect(screensFor('tamu')).toEqual(['home']);
  });

  // >>> queue (issue 4)
  it('lets supervisors and admins open the kiosk and the board, not officers', () => {
    expect(screensFor('supervisor')).toContain('queue-windows');
    expect(screensFor('admin')).toContain('queue-windows');
    expect(screensFor('petugas')).not.toContain('queue-windows');
  });
  // <<< queue
});
