import { describe, expect, it } from 'vitest';
import { phaseFor } from './phase';
import type { Status } from './types';

const status: Status = {
  initialized: true,
  schema_version: 1,
  site: 'MPP Kota',
  site_id: 'mpp kota',
  site_tz: 'Asia/Jakarta',
  device_id: 'x',
  device_name: 'Loket 1',
  device_kind: 'counter',
  has_users: true,
  idle_lock_minutes: 5,
};
const sari = { username: 'sari', role: 'petugas', nip: null, locked: false };

describe('phaseFor', () => {
  it('walks a new database through setup', () => {
    expect(phaseFor({ ...status, initialized: false, has_users: false }, null)).toBe('setup');
    expect(phaseFor({ ...status, has_users: false }, null)).toBe('setup');
  });
  it('asks for a login, then shows the app or the lock screen', () => {
    expect(phaseFor(status, null)).toBe('login');
    expect(phaseFor(status, sari)).toBe('ready');
    expect(phaseFor(status, { ...sari, locked: true })).toBe('locked');
  });
});
